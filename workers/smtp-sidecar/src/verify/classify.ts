/**
 * Reply classification: what an SMTP reply means for the mailbox (RCPT) or
 * for the whole session (greeting, EHLO, MAIL FROM). Decided from the reply
 * code, the enhanced status code and the text, in an order that keeps the
 * costly mistakes away: a blocklist or policy reply is never "invalid", and
 * a reply we cannot read is "unknown", never "valid" or "invalid".
 */
import type { SmtpReply } from "./smtp-reply.ts";
import type { VerifyReason } from "./verdict.ts";

/** What the prober should do with one RCPT reply. */
export type RcptAction =
  | { kind: "accepted" }
  | { kind: "final"; reason: VerifyReason }
  | { kind: "greylisted" }
  /** The session's recipient limit: carry on with the rest on a new session. */
  | { kind: "too_many_recipients" }
  /** The server is overloaded or rate limiting: back off and retry. */
  | { kind: "busy" };

/** What a non-2xx reply before RCPT (greeting, EHLO/HELO, MAIL FROM) means for every address of the session. */
export type SessionAction =
  | { kind: "final"; reason: VerifyReason }
  | { kind: "greylisted" }
  | { kind: "busy" };

const BLOCKLIST =
  /spamhaus|spamcop|barracuda|sorbs|\bdnsbl\b|\brbl\b|black ?list|block ?list|blocked|banned|reputation|client host rejected|listed (?:at|on|by|in)/i;
const POLICY =
  /policy|not (?:be )?authori[sz]ed|unauthori[sz]ed|denied|refused|prohibited|spam|not permitted/i;
const TOO_MANY_RECIPIENTS = /too many recipients|recipient limit|maximum (?:number of )?recipients/i;
const BUSY =
  /too many (?:connections|concurrent|sessions|smtp sessions)|connection (?:rate|limit)|rate limit|too fast|slow down|server busy|try again in a (?:few|couple)/i;
const GREYLIST =
  /gr[ae]y-?list|try again later|retry later|please retry|temporarily (?:deferred|rejected)|deferred/i;
const DISABLED =
  /disabled|deactivated|inactive|suspended|no longer (?:active|available)|account (?:is )?(?:closed|locked)/i;
const OVER_QUOTA =
  /over ?quota|quota (?:exceeded|full)|exceeded (?:its |the )?(?:storage|quota)|mailbox (?:is )?full|storage (?:allocation|limit)|insufficient (?:user )?storage for (?:the )?(?:user|mailbox)/i;
const USER_UNKNOWN =
  /user unknown|unknown user|no such (?:user|mailbox|recipient|address)|does ?n[o']t exist|recipient (?:address )?rejected|mailbox (?:unavailable|not found|does not exist)|no mailbox|invalid (?:recipient|mailbox|address)|unknown (?:recipient|mailbox|address)|user not found|not a valid (?:mailbox|recipient)|unrouteable|address rejected|undeliverable address|no such person/i;

/**
 * The reply text without the addresses servers echo back: `<jo@rbl.example>`
 * must not read as an RBL reply, nor a random probe local part as a word.
 */
function wordsOf(reply: SmtpReply): string {
  return reply.text.replace(/<[^>]*>/g, " ").replace(/\S+@\S+/g, " ");
}

/** Classifies the reply to one RCPT TO. */
export function classifyRcptReply(reply: SmtpReply): RcptAction {
  const { code } = reply;
  const text = wordsOf(reply);
  const enhanced = reply.enhanced ?? "";
  if (code >= 200 && code < 300) return { kind: "accepted" };
  if (code >= 400 && code < 500) return classifyTransient(reply);
  if (code < 500 || code > 599) return { kind: "final", reason: "protocol_error" };
  if (BLOCKLIST.test(text)) return { kind: "final", reason: "ip_blocklisted" };
  if (enhanced === "5.2.1" || DISABLED.test(text)) return { kind: "final", reason: "mailbox_disabled" };
  if (enhanced === "5.2.2" || OVER_QUOTA.test(text)) return { kind: "final", reason: "over_quota" };
  if (enhanced.startsWith("5.7.") && POLICY.test(text) && !USER_UNKNOWN.test(text)) {
    return { kind: "final", reason: "ip_blocklisted" };
  }
  if (enhanced.startsWith("5.1.") || USER_UNKNOWN.test(text)) {
    return { kind: "final", reason: "rcpt_5xx_user_unknown" };
  }
  if (enhanced.startsWith("5.7.")) return { kind: "final", reason: "ip_blocklisted" };
  return { kind: "final", reason: "rcpt_5xx_unclassified" };
}

function classifyTransient(reply: SmtpReply): RcptAction {
  const { code } = reply;
  const text = wordsOf(reply);
  const enhanced = reply.enhanced ?? "";
  if (enhanced === "4.5.3" || TOO_MANY_RECIPIENTS.test(text)) return { kind: "too_many_recipients" };
  if (enhanced === "4.2.2" || OVER_QUOTA.test(text)) return { kind: "final", reason: "over_quota" };
  if (BLOCKLIST.test(text)) return { kind: "final", reason: "ip_blocklisted" };
  if (code === 421 || BUSY.test(text)) return { kind: "busy" };
  if (GREYLIST.test(text) || (enhanced === "4.7.1" && /later|wait/i.test(text)))
    return { kind: "greylisted" };
  if ((code === 450 || code === 451) && enhanced === "4.2.0") return { kind: "greylisted" };
  return { kind: "final", reason: "rcpt_4xx_unclassified" };
}

const SESSION_LIMIT = /too many (?:errors|bad (?:recipients|commands)|(?:invalid|unknown) recipients)/i;

/**
 * A closing reply that ends this session for its own errors (Postfix's
 * "421 4.7.0 Error: too many errors" after about 20 refused RCPTs,
 * Exchange's "too many errors on this connection"), not for the server's load.
 */
export function isSessionLimitReply(reply: SmtpReply): boolean {
  return reply.code >= 400 && reply.code < 500 && SESSION_LIMIT.test(wordsOf(reply));
}

/** Classifies a failing greeting, EHLO/HELO or MAIL FROM reply. */
export function classifySessionReply(
  reply: SmtpReply,
  stage: "greeting" | "hello" | "mail_from",
): SessionAction {
  const action = classifyRcptReply(reply);
  switch (action.kind) {
    case "busy":
    case "too_many_recipients":
      return { kind: "busy" };
    case "greylisted":
      return { kind: "greylisted" };
    case "accepted":
      return { kind: "final", reason: "protocol_error" };
    case "final":
      if (action.reason === "ip_blocklisted") return action;
      if (reply.code >= 400 && reply.code < 500) return { kind: "busy" };
      return { kind: "final", reason: stage === "mail_from" ? "sender_rejected" : "session_rejected" };
  }
}
