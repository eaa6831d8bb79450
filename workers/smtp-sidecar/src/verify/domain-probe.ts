/**
 * Probing the addresses of the domains that share one list of MX hosts
 * (one domain, or the many customer domains of a mail provider) over SMTP:
 * sessions on the hosts in preference order (falling back when a host does
 * not answer), the addresses domain by domain split across as many
 * parallel sessions as the host's pace allows (100 per session where the
 * host pipelines, 10 where it does not), each domain's catch-all probe (a
 * random local part per domain) riding along with its addresses, new
 * sessions when a server's recipient limit is reached, back-off after busy
 * replies, and greylisted addresses retried GREYLIST_RETRY_MS after their
 * own 450 while the deadline allows: the retry session is opened just
 * ahead of time and jumps the queue for the MX host's session slots. Every
 * session tells the gates how the host answered. Ends with one verdict per
 * address, each domain judged by its own catch-all probe.
 */
import type { CatchAllCache } from "./catch-all.ts";
import { classifyRcptReply } from "./classify.ts";
import { backoffDelay, type Deadline, sleep } from "./deadline.ts";
import { type Answer, catchAllFromProbe, type DomainVerdict, judgeDomain } from "./domain-verdicts.ts";
import type { MailHost } from "./mail-route.ts";
import type { MxGates } from "./mx-gates.ts";
import { splitAtDomains } from "./mx-groups.ts";
import { type MxSessionContext, runMxSession } from "./mx-session.ts";
import { paceSignal } from "./session-report.ts";
import type { SmtpReply } from "./smtp-reply.ts";
import type { VerifyReason } from "./verdict.ts";

/**
 * Addresses one session should carry before another parallel session is
 * worth opening: a pipelining host answers 100 RCPTs in about one round
 * trip, a host without PIPELINING takes one round trip per address.
 */
const ADDRESSES_PER_SESSION = { pipelining: 100, serial: 10 };
/** Greylist retry rounds at most (each waits GREYLIST_RETRY_MS). */
const GREYLIST_ROUNDS = 3;

/** What probing needs beyond a single session. */
export interface DomainProbeContext extends MxSessionContext {
  gates: MxGates;
  catchAll: CatchAllCache;
}

class DomainProbe {
  readonly answers = new Map<string, Answer>();
  readonly greylisted = new Map<string, { reply: SmtpReply; mx: string }>();
  private readonly ctx: DomainProbeContext;
  private readonly hosts: MailHost[];
  private readonly deadline: Deadline;
  /** Told of each address once its answer is final (answered, failed, or greylisted with no retry left). */
  private readonly onFinal: (address: string) => void;
  constructor(
    ctx: DomainProbeContext,
    hosts: MailHost[],
    deadline: Deadline,
    onFinal: (address: string) => void,
  ) {
    this.ctx = ctx;
    this.hosts = hosts;
    this.deadline = deadline;
    this.onFinal = onFinal;
  }

  private answer(address: string, answer: Answer): void {
    this.answers.set(address, answer);
    this.onFinal(address);
  }

  /** Greylist retries in flight; `run` waits for them (and the retries they schedule). */
  private readonly retries: Promise<void>[] = [];

  async run(addresses: string[]): Promise<void> {
    const serial = this.hosts[0] !== undefined && this.ctx.serialHosts.has(this.hosts[0].name);
    const perSession = serial ? ADDRESSES_PER_SESSION.serial : ADDRESSES_PER_SESSION.pipelining;
    const concurrency = this.hosts[0] ? this.ctx.gates.paceOf(this.hosts[0].name).concurrency : 1;
    const sessions = Math.min(concurrency, Math.ceil(addresses.length / perSession));
    await Promise.all(splitAtDomains(addresses, sessions).map((slice) => this.work(slice, 0)));
    while (this.retries.length > 0) await Promise.all(this.retries.splice(0));
  }

  /**
   * Retries `addresses`, greylisted by a reply that arrived at `greylistedAt`,
   * GREYLIST_RETRY_MS later: the session opens `setupMs` (its measured set-up
   * time, with a margin) ahead so that the RCPTs go out on time, not later.
   */
  private scheduleRetry(addresses: string[], greylistedAt: number, setupMs: number | null, round: number) {
    const wait = this.ctx.config.greylistRetryMs;
    if (round >= GREYLIST_ROUNDS || this.deadline.remaining() <= wait) {
      for (const address of addresses) this.onFinal(address);
      return;
    }
    const retryAt = greylistedAt + wait;
    const lead = Math.min(wait, Math.ceil((setupMs ?? 0) * 1.5));
    this.retries.push(
      (async () => {
        await sleep(retryAt - lead - this.ctx.clock());
        for (const address of addresses) this.greylisted.delete(address);
        await this.work(addresses, round + 1, retryAt);
      })(),
    );
  }

  private finish(
    addresses: string[],
    reason: VerifyReason,
    mx: string | null,
    reply: SmtpReply | null = null,
  ) {
    for (const address of addresses) this.answer(address, { kind: "failed", reason, mx, reply });
  }

  /**
   * Gets answers for `addresses`, session after session, until done or out
   * of time. `round` counts greylist retries; a retry's first session holds
   * its RCPTs until `notBefore` and jumps the MX host's queue.
   */
  private async work(addresses: string[], round: number, notBefore = 0): Promise<void> {
    const { ctx, deadline } = this;
    let pending = addresses;
    let hostIndex = 0;
    let busyRetries = 0;
    let lostRetries = 0;
    let lastFailure: VerifyReason = "connect_failed";
    while (pending.length > 0) {
      const host = this.hosts[hostIndex];
      if (deadline.expired()) return this.finish(pending, "timeout", host?.name ?? null);
      if (!host) return this.finish(pending, lastFailure, null);
      const ip = host.addresses[0];
      if (!ip) {
        hostIndex += 1;
        continue;
      }
      const slot = await ctx.gates.acquire(host.name, deadline, round > 0);
      if (!slot) return this.finish(pending, "timeout", null);
      const report = await runMxSession(ctx, host, ip, pending, deadline, notBefore).catch((err) => {
        slot.release();
        throw err;
      });
      void report.closed.finally(slot.release);
      ctx.gates.report(host.name, slot, paceSignal(report));
      const { end } = report;
      if (end.kind === "blocked") {
        lastFailure = "blocked_target";
        hostIndex += 1;
        continue;
      }
      if (end.kind === "connect_failed" || (end.kind === "timeout" && end.stage === "greeting")) {
        lastFailure = end.kind === "timeout" || end.timedOut ? "timeout" : "connect_failed";
        hostIndex += 1;
        continue;
      }
      const retry: string[] = [];
      const greylisted: string[] = [];
      let busyReply: SmtpReply | null = null;
      let progress = 0;
      for (const address of pending) {
        const reply = report.replies.get(address);
        if (!reply) continue;
        const action = classifyRcptReply(reply);
        if (action.kind === "accepted" || action.kind === "final") {
          this.answer(address, { kind: "reply", reply, mx: host.name, action });
          progress += 1;
        } else if (action.kind === "greylisted") {
          this.greylisted.set(address, { reply, mx: host.name });
          greylisted.push(address);
          progress += 1;
        } else {
          retry.push(address);
          if (action.kind === "busy") busyReply = reply;
        }
      }
      const unanswered = pending.filter((address) => !report.replies.has(address));
      if (end.kind === "completed") retry.push(...unanswered);
      else if (end.kind === "timeout") this.finish(unanswered, "timeout", host.name);
      else if (end.kind === "lost") {
        if (end.tlsFailed || lostRetries++ < 1) retry.push(...unanswered);
        else this.finish(unanswered, "protocol_error", host.name);
      } else if (end.kind === "refused") {
        const { action, reply } = end;
        if (action.kind === "busy") {
          busyReply = reply;
          retry.push(...unanswered);
        } else if (action.kind === "greylisted") {
          for (const address of unanswered) this.greylisted.set(address, { reply, mx: host.name });
          greylisted.push(...unanswered);
        } else this.finish(unanswered, action.reason, host.name, reply);
      }
      if (greylisted.length > 0) this.scheduleRetry(greylisted, report.conversedAt, report.setupMs, round);
      if (busyReply) {
        const wait = backoffDelay(ctx.config.backoffBaseMs, busyRetries++);
        if (wait >= deadline.remaining()) return this.finish(retry, "server_busy", host.name, busyReply);
        await sleep(wait);
      } else if (retry.length > 0 && progress === 0 && end.kind === "completed") {
        // A recipient limit that lets nothing through: another session would loop forever.
        const reply = report.replies.get(retry[0]!) ?? null;
        return this.finish(retry, "rcpt_4xx_unclassified", host.name, reply);
      }
      pending = retry;
    }
  }
}

/**
 * Probes the addresses (ASCII, unique) of `domains` (domain -> its
 * addresses), which all have the mail hosts `hosts`, together. Each
 * domain's verdicts go to `settle` as soon as that domain's own addresses
 * and catch-all probe are final (a greylisting neighbour's retry does not
 * hold them); resolves when every domain is settled.
 */
export type { DomainVerdict };

export async function probeDomains(
  ctx: DomainProbeContext,
  domains: ReadonlyMap<string, string[]>,
  hosts: MailHost[],
  deadline: Deadline,
  settle: (address: string, verdict: DomainVerdict) => void,
): Promise<void> {
  const cached = new Map<string, boolean | undefined>();
  const probes = new Map<string, string>();
  const domainOf = new Map<string, string>();
  const all: string[] = [];
  for (const [domain, addresses] of domains) {
    cached.set(domain, ctx.catchAll.get(domain));
    const own = [...addresses];
    if (cached.get(domain) === undefined) {
      const probeAddress = `${ctx.catchAll.probeLocalPart(domain)}@${domain}`;
      probes.set(domain, probeAddress);
      own.unshift(probeAddress);
    }
    for (const address of own) domainOf.set(address, domain);
    all.push(...own);
  }
  const pending = new Map([...domains.keys()].map((domain) => [domain, new Set<string>()]));
  for (const [address, domain] of domainOf) pending.get(domain)!.add(address);
  const finishDomain = (domain: string) => {
    if (!pending.delete(domain)) return;
    let catchAll: boolean | null = cached.get(domain) ?? null;
    const probeAddress = probes.get(domain);
    if (probeAddress) {
      catchAll = catchAllFromProbe(probe.answers.get(probeAddress));
      if (catchAll !== null) ctx.catchAll.set(domain, catchAll);
    }
    judgeDomain(ctx.config.greylistRetryMs, probe, domains.get(domain)!, catchAll, settle);
  };
  const probe = new DomainProbe(ctx, hosts, deadline, (address) => {
    const domain = domainOf.get(address)!;
    const left = pending.get(domain);
    if (!left) return;
    left.delete(address);
    if (left.size === 0) finishDomain(domain);
  });
  await probe.run(all);
  // Anything not reported final (it should not happen) is judged with what there is.
  for (const domain of [...pending.keys()]) finishDomain(domain);
}
