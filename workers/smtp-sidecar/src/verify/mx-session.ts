/**
 * One SMTP session against one MX host for many addresses, of one domain
 * or of several domains the host serves: connect along the current
 * outbound route, greeting, EHLO (HELO when EHLO is refused), opportunistic
 * STARTTLS, then one transaction per domain (at most 100 recipients each,
 * RSET between them): MAIL FROM and the RCPT TOs. With RFC 2920 PIPELINING,
 * when the server offers it, all the transactions go out in one write;
 * without, command by command. Then QUIT. A session can be opened ahead of
 * time and hold its first MAIL FROM until a given moment (greylist
 * retries). No DATA is ever sent.
 * Reports every RCPT reply; deciding what they mean is the caller's job.
 */
import type { SidecarConfig } from "../config.ts";
import type { SidecarLog } from "../log.ts";
import type { SidecarMetrics } from "../metrics.ts";
import { ConnectFailure, openOutbound } from "../pool/outbound.ts";
import type { SourcePool } from "../pool/source-pool.ts";
import { BlockedTargetError } from "../pool/target-guard.ts";
import type { BoundedSet } from "./bounded-set.ts";
import { classifyRcptReply, classifySessionReply } from "./classify.ts";
import { type Deadline, sleep } from "./deadline.ts";
import type { MailHost } from "./mail-route.ts";
import { blocklistReplies, type MxSessionEnd, type MxSessionReport, unopened } from "./session-report.ts";
import { ehloCapabilities, type SmtpReply } from "./smtp-reply.ts";
import { SmtpSession, SmtpTimeout } from "./smtp-session.ts";

/** Most RCPTs per transaction: RFC 5321 §4.5.3.1.8 requires servers to take at least 100. */
const RECIPIENTS_PER_TRANSACTION = 100;

export interface MxSessionContext {
  config: SidecarConfig;
  pool: SourcePool;
  metrics: SidecarMetrics;
  log: SidecarLog;
  clock: () => number;
  /** MX hosts whose TLS handshake failed: later sessions stay in plain text. */
  noTlsHosts: BoundedSet;
  /** MX hosts that did not offer PIPELINING: they get fewer recipients per session. */
  serialHosts: BoundedSet;
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

/**
 * The session's transactions: the addresses domain by domain (in the order
 * given), at most 100 to a transaction. One domain per transaction keeps a
 * domain's answers apart from the others' (per-message recipient limits,
 * per-domain routing behind a shared front end).
 */
export function transactionsOf(addresses: readonly string[]): string[][] {
  const out: string[][] = [];
  let domain: string | null = null;
  for (const address of addresses) {
    const own = address.slice(address.lastIndexOf("@") + 1);
    const last = out.at(-1);
    if (last && own === domain && last.length < RECIPIENTS_PER_TRANSACTION) last.push(address);
    else out.push([address]);
    domain = own;
  }
  return out;
}

/**
 * The transactions command by command: (RSET,) MAIL FROM, one RCPT after
 * another. Stops early on a refused RSET, a recipient limit or a closing
 * 421; throws {@link Refused} when MAIL FROM is refused.
 */
async function serialTransactions(
  session: SmtpSession,
  mail: string,
  transactions: string[][],
  out: Map<string, SmtpReply>,
): Promise<void> {
  for (const [index, batch] of transactions.entries()) {
    if (index > 0 && (await session.command("RSET")).code !== 250) return;
    const accepted = await session.command(mail);
    if (accepted.code !== 250) throw new Refused("mail_from", accepted);
    for (const address of batch) {
      const reply = await session.command(`RCPT TO:<${address}>`);
      out.set(address, reply);
      if (reply.code === 421 || classifyRcptReply(reply).kind === "too_many_recipients") return;
    }
  }
}

/**
 * Every transaction in one write (RFC 2920 lets RSET, MAIL FROM and RCPT
 * appear anywhere in a group), then the replies in order. Stops at a
 * closing 421; throws {@link Refused} when a MAIL FROM is refused.
 */
async function pipelinedTransactions(
  session: SmtpSession,
  mail: string,
  transactions: string[][],
  out: Map<string, SmtpReply>,
): Promise<void> {
  session.send(
    transactions.flatMap((batch, index) => [
      ...(index > 0 ? ["RSET"] : []),
      mail,
      ...batch.map((address) => `RCPT TO:<${address}>`),
    ]),
  );
  for (const [index, batch] of transactions.entries()) {
    if (index > 0 && (await session.readReply("RSET")).code === 421) return;
    const accepted = await session.readReply("MAIL");
    if (accepted.code !== 250) {
      // The RCPTs were sent already: their replies (503 bad sequence) are read and dropped.
      try {
        for (const _ of batch) await session.readReply("RCPT");
      } catch {
        // The server may close after refusing MAIL FROM; the refusal is what matters.
      }
      throw new Refused("mail_from", accepted);
    }
    for (const address of batch) {
      const reply = await session.readReply("RCPT");
      out.set(address, reply);
      if (reply.code === 421) return;
    }
  }
}

/** Where a conversation got to; read after it ends, however it ended. */
interface Progress {
  greetingLatencyMs: number | null;
  pipelining: boolean;
  /** From opening the connection to ready for MAIL FROM. */
  setupMs: number | null;
  /** When the connection was opened (clock time). */
  openedAt: number;
}

/** Greeting to the last RCPT reply; throws {@link Refused}, SmtpTimeout or connection errors. */
async function converse(
  ctx: MxSessionContext,
  session: SmtpSession,
  host: MailHost,
  addresses: string[],
  replies: Map<string, SmtpReply>,
  progress: Progress,
  notBefore: number,
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
  if (!progress.pipelining) ctx.serialHosts.add(host.name);
  progress.setupMs = ctx.clock() - progress.openedAt;
  const hold = notBefore - ctx.clock();
  if (hold > 0) await sleep(hold);
  const transact = progress.pipelining ? pipelinedTransactions : serialTransactions;
  await transact(session, `MAIL FROM:<${config.mailFrom}>`, transactionsOf(addresses), replies);
}

function endOf(err: unknown, greeted: boolean): MxSessionEnd {
  if (err instanceof Refused) return err.end;
  const detail = (err as Error).message;
  if (err instanceof SmtpTimeout)
    return { kind: "timeout", stage: greeted ? "conversation" : "greeting", detail };
  return { kind: "lost", detail, tlsFailed: err instanceof TlsUpgradeFailed, greeted };
}

/**
 * Runs one session on `host` (at `ip`) for `addresses` along the current
 * route; the first MAIL FROM waits until `notBefore` (clock time, never
 * past the deadline). Never throws.
 */
export async function runMxSession(
  ctx: MxSessionContext,
  host: MailHost,
  ip: string,
  addresses: string[],
  deadline: Deadline,
  notBefore = 0,
): Promise<MxSessionReport> {
  const { config, metrics } = ctx;
  const route = ctx.pool.current;
  const started = ctx.clock();
  const replies = new Map<string, SmtpReply>();
  let session: SmtpSession;
  try {
    const socket = await openOutbound(route, ip, config.smtpPort, deadline.bound(config.connectTimeoutMs), {
      allowPrivateTargets: config.allowPrivateTargets,
    });
    session = new SmtpSession(socket, config.commandTimeoutMs, deadline);
  } catch (err) {
    // Not the route's fault and not a connect failure: nothing left the machine.
    if (err instanceof BlockedTargetError) {
      ctx.log("warn", "smtp session", { mx: host.name, ip, source: route.id, outcome: "blocked" });
      return unopened(route, { kind: "blocked", detail: err.message }, ctx.clock());
    }
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
    const { timedOut, routeFault } = failure;
    const end = { kind: "connect_failed", timedOut, routeFault, detail: failure.message } as const;
    return unopened(route, end, ctx.clock());
  }
  metrics.sessionsOpened.inc();
  const progress: Progress = { greetingLatencyMs: null, pipelining: false, setupMs: null, openedAt: started };
  let end: MxSessionEnd = { kind: "completed" };
  let closed: Promise<void> = Promise.resolve();
  try {
    await converse(ctx, session, host, addresses, replies, progress, Math.min(notBefore, deadline.at));
    closed = session.quit();
  } catch (err) {
    session.close();
    end = endOf(err, progress.greetingLatencyMs !== null);
  }
  const conversedAt = ctx.clock();
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
  return {
    end,
    replies,
    route,
    secure: session.secure,
    pipelining: progress.pipelining,
    setupMs: progress.setupMs,
    conversedAt,
    closed,
  };
}
