/**
 * One SMTP session against one MX host for many addresses of a domain:
 * connect along the current outbound route, greeting, EHLO (HELO when EHLO
 * is refused), opportunistic STARTTLS, then MAIL FROM and the RCPT TOs —
 * pipelined when the server offers PIPELINING — in transactions of at most
 * 100 recipients (RSET between them), and QUIT. No DATA is ever sent.
 * Reports every RCPT reply; deciding what they mean is the caller's job.
 */
import type { SidecarConfig } from "../config.ts";
import type { SidecarLog } from "../log.ts";
import type { SidecarMetrics } from "../metrics.ts";
import { ConnectFailure, type OutboundRoute, openOutbound } from "../pool/outbound.ts";
import type { SourcePool } from "../pool/source-pool.ts";
import { classifyRcptReply, classifySessionReply, type RcptAction, type SessionAction } from "./classify.ts";
import type { Deadline } from "./deadline.ts";
import type { MailHost } from "./mail-route.ts";
import { ehloCapabilities, type SmtpReply } from "./smtp-reply.ts";
import { SmtpSession, SmtpTimeout } from "./smtp-session.ts";

/** Most RCPTs per transaction: RFC 5321 §4.5.3.1.8 requires servers to take at least 100. */
const RECIPIENTS_PER_TRANSACTION = 100;

/** How a session ended. */
export type MxSessionEnd =
  | { kind: "completed" }
  | { kind: "connect_failed"; timedOut: boolean; detail: string }
  | { kind: "refused"; stage: "greeting" | "hello" | "mail_from"; action: SessionAction; reply: SmtpReply }
  | { kind: "timeout"; stage: "greeting" | "conversation"; detail: string }
  | { kind: "lost"; detail: string; tlsFailed: boolean };

/** What one session produced. */
export interface MxSessionReport {
  end: MxSessionEnd;
  /** RCPT replies by recipient, for the recipients that got one. */
  replies: Map<string, SmtpReply>;
  route: OutboundRoute;
  secure: boolean;
  pipelining: boolean;
}

/** What a session needs from the sidecar. */
export interface MxSessionContext {
  config: SidecarConfig;
  pool: SourcePool;
  metrics: SidecarMetrics;
  log: SidecarLog;
  clock: () => number;
  /** MX hosts whose TLS handshake failed: later sessions stay in plain text. */
  noTlsHosts: Set<string>;
}

/** A refusal before RCPT: ends the session with its reply. */
class Refused extends Error {
  readonly end: MxSessionEnd & { kind: "refused" };
  constructor(stage: "greeting" | "hello" | "mail_from", reply: SmtpReply) {
    super(`${stage} refused`);
    this.end = { kind: "refused", stage, action: classifySessionReply(reply, stage), reply };
  }
}

/** The STARTTLS handshake failed: the host is retried in plain text. */
class TlsUpgradeFailed extends Error {
  override name = "TlsUpgradeFailed";
}

async function hello(session: SmtpSession, heloName: string): Promise<Set<string>> {
  const ehlo = await session.command(`EHLO ${heloName}`);
  if (ehlo.code === 250) return ehloCapabilities(ehlo);
  if (ehlo.code < 500) throw new Refused("hello", ehlo);
  const helo = await session.command(`HELO ${heloName}`);
  if (helo.code !== 250) throw new Refused("hello", helo);
  return new Set();
}

/** Sends the RCPTs of one transaction; false when it stopped early (recipient limit, closing 421). */
async function recipients(
  session: SmtpSession,
  batch: string[],
  pipelining: boolean,
  out: Map<string, SmtpReply>,
) {
  if (pipelining) session.send(batch.map((address) => `RCPT TO:<${address}>`));
  for (const address of batch) {
    const reply = pipelining
      ? await session.readReply("RCPT")
      : await session.command(`RCPT TO:<${address}>`);
    out.set(address, reply);
    if (reply.code === 421) return false;
    if (!pipelining && classifyRcptReply(reply).kind === "too_many_recipients") return false;
  }
  return true;
}

/** Where a conversation got to; read after it ends, however it ended. */
interface Progress {
  greetingLatencyMs: number | null;
  pipelining: boolean;
}

/** Greeting to the last RCPT reply; throws {@link Refused}, SmtpTimeout or connection errors. */
async function converse(
  ctx: MxSessionContext,
  session: SmtpSession,
  host: MailHost,
  addresses: string[],
  replies: Map<string, SmtpReply>,
  progress: Progress,
): Promise<void> {
  const { config } = ctx;
  const started = ctx.clock();
  const greeting = await session.readReply("greeting");
  progress.greetingLatencyMs = ctx.clock() - started;
  if (greeting.code !== 220) throw new Refused("greeting", greeting);
  let capabilities = await hello(session, config.heloName);
  if (capabilities.has("STARTTLS") && config.startTls === "opportunistic" && !ctx.noTlsHosts.has(host.name)) {
    const ready = await session.command("STARTTLS");
    if (ready.code === 220) {
      try {
        await session.upgradeToTls(host.name);
      } catch (err) {
        ctx.noTlsHosts.add(host.name);
        throw new TlsUpgradeFailed((err as Error).message);
      }
      capabilities = await hello(session, config.heloName);
    }
  }
  progress.pipelining = capabilities.has("PIPELINING");
  for (let i = 0; i < addresses.length; i += RECIPIENTS_PER_TRANSACTION) {
    if (i > 0 && (await session.command("RSET")).code !== 250) return;
    const mail = await session.command(`MAIL FROM:<${config.mailFrom}>`);
    if (mail.code !== 250) throw new Refused("mail_from", mail);
    const batch = addresses.slice(i, i + RECIPIENTS_PER_TRANSACTION);
    if (!(await recipients(session, batch, progress.pipelining, replies))) return;
  }
}

function endOf(err: unknown, greeted: boolean): MxSessionEnd {
  if (err instanceof Refused) return err.end;
  const detail = (err as Error).message;
  if (err instanceof SmtpTimeout)
    return { kind: "timeout", stage: greeted ? "conversation" : "greeting", detail };
  return { kind: "lost", detail, tlsFailed: err instanceof TlsUpgradeFailed };
}

/** Blocklist replies in a session: refused RCPTs plus a blocklist refusal of the session itself. */
function blocklistReplies(replies: Map<string, SmtpReply>, end: MxSessionEnd): number {
  const isBlock = (action: RcptAction | SessionAction) =>
    action.kind === "final" && action.reason === "ip_blocklisted";
  const refusedSession = end.kind === "refused" && isBlock(end.action) ? 1 : 0;
  return [...replies.values()].filter((reply) => isBlock(classifyRcptReply(reply))).length + refusedSession;
}

/** Runs one session on `host` (at `ip`) for `addresses` along the current route; never throws. */
export async function runMxSession(
  ctx: MxSessionContext,
  host: MailHost,
  ip: string,
  addresses: string[],
  deadline: Deadline,
): Promise<MxSessionReport> {
  const { config, metrics } = ctx;
  const route = ctx.pool.current;
  const started = ctx.clock();
  const replies = new Map<string, SmtpReply>();
  let session: SmtpSession;
  try {
    const socket = await openOutbound(route, ip, config.smtpPort, deadline.bound(config.connectTimeoutMs));
    session = new SmtpSession(socket, config.commandTimeoutMs, deadline);
  } catch (err) {
    const failure = err instanceof ConnectFailure ? err : new ConnectFailure(String(err), false, false);
    metrics.connectFailures.inc();
    metrics.sourceSessions.inc({ source: route.id, outcome: "connect_failed" });
    ctx.pool.record(route.id, {
      ok: false,
      latencyMs: null,
      blocklistReplies: 0,
      routeFault: failure.routeFault,
    });
    ctx.log("info", "smtp session", {
      mx: host.name,
      ip,
      source: route.id,
      outcome: "connect_failed",
      detail: failure.message,
    });
    return {
      end: { kind: "connect_failed", timedOut: failure.timedOut, detail: failure.message },
      replies,
      route,
      secure: false,
      pipelining: false,
    };
  }
  metrics.sessionsOpened.inc();
  const progress: Progress = { greetingLatencyMs: null, pipelining: false };
  let end: MxSessionEnd = { kind: "completed" };
  try {
    await converse(ctx, session, host, addresses, replies, progress);
    await session.quit();
  } catch (err) {
    session.close();
    end = endOf(err, progress.greetingLatencyMs !== null);
  }
  const blocked = blocklistReplies(replies, end);
  const ok = end.kind === "completed" && blocked === 0;
  ctx.pool.record(route.id, {
    ok,
    latencyMs: progress.greetingLatencyMs,
    blocklistReplies: blocked,
    routeFault: false,
  });
  metrics.sourceSessions.inc({ source: route.id, outcome: end.kind });
  if (blocked > 0) metrics.sourceBlocklistReplies.inc({ source: route.id }, blocked);
  ctx.log("info", "smtp session", {
    mx: host.name,
    ip,
    source: route.id,
    outcome: end.kind,
    tls: session.secure,
    pipelining: progress.pipelining,
    recipients: addresses.length,
    answered: replies.size,
    blocklist_replies: blocked,
    duration_ms: ctx.clock() - started,
    ...(end.kind === "refused" ? { reply: `${end.reply.code} ${end.reply.text}`.slice(0, 200) } : {}),
    ...(end.kind === "timeout" || end.kind === "lost" ? { detail: end.detail } : {}),
  });
  return { end, replies, route, secure: session.secure, pipelining: progress.pipelining };
}
