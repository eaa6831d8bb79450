/**
 * SMTP replies as data: a reader that turns the server's byte stream into
 * complete (possibly multi-line, RFC 5321 §4.2.1) replies, the enhanced
 * status code (RFC 3463) when one leads the text, and the EHLO capability
 * list. Pure: the session feeds it text and reads replies back.
 */

/** One complete server reply. */
export interface SmtpReply {
  code: number;
  /** Enhanced status code such as `5.1.1`, when the server sent one. */
  enhanced: string | null;
  /** Text of every line, without code and separator. */
  lines: string[];
  /** The lines joined by a space, enhanced code included: what classification reads. */
  text: string;
}

const REPLY_LINE = /^(\d{3})([ -])(.*)$/;
const BARE_CODE = /^(\d{3})$/;
const ENHANCED = /^([245]\.\d{1,3}\.\d{1,3})(?:\s|$)/;

/** Thrown for a line that is not an SMTP reply line. */
export class SmtpProtocolError extends Error {
  override name = "SmtpProtocolError";
}

/** Accumulates server output and hands back each reply once its last line arrived. */
export class SmtpReplyReader {
  private partial = "";
  private pending: { code: number; lines: string[] } | null = null;

  /** Feeds text; returns the replies completed by it, in order. Throws on garbage. */
  push(text: string): SmtpReply[] {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    if (this.partial.length > 4096) throw new SmtpProtocolError("reply line longer than 4096 characters");
    const done: SmtpReply[] = [];
    for (const raw of lines) {
      const reply = this.line(raw.endsWith("\r") ? raw.slice(0, -1) : raw);
      if (reply) done.push(reply);
    }
    return done;
  }

  private line(line: string): SmtpReply | null {
    const bare = BARE_CODE.exec(line);
    const match = bare ? [line, bare[1]!, " ", ""] : REPLY_LINE.exec(line);
    if (!match) throw new SmtpProtocolError(`not an SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`);
    const code = Number(match[1]);
    if (this.pending && this.pending.code !== code) {
      throw new SmtpProtocolError(
        `reply code changed inside a multi-line reply (${this.pending.code} -> ${code})`,
      );
    }
    const pending = this.pending ?? { code, lines: [] };
    pending.lines.push(match[3]!);
    if (match[2] === "-") {
      this.pending = pending;
      return null;
    }
    this.pending = null;
    return toReply(pending.code, pending.lines);
  }
}

/** Builds a reply from its code and line texts (also handy in tests). */
export function toReply(code: number, lines: string[]): SmtpReply {
  const enhanced = ENHANCED.exec(lines[0] ?? "")?.[1] ?? null;
  return { code, enhanced, lines, text: lines.join(" ").trim() };
}

/** The reply as one line for logs and the API's `smtp_message`: `550 5.1.1 No such user`. */
export function replySummary(reply: SmtpReply): string {
  return `${reply.code} ${reply.text}`.trim().slice(0, 500);
}

/** Upper-cased EHLO keywords (first word of each line after the greeting line). */
export function ehloCapabilities(reply: SmtpReply): Set<string> {
  const keywords = reply.lines.slice(1).map((line) => line.trim().split(/\s+/)[0]!.toUpperCase());
  return new Set(keywords.filter((k) => k.length > 0));
}
