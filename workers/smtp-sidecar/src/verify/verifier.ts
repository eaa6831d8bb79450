/**
 * `verifyMailboxes`: the whole verification of one request. Syntax first,
 * then the result cache, then per domain the DNS route and the target
 * guard (no mail host on a loopback or private address), then the SMTP
 * probe per group of domains with the same MX hosts (they share sessions),
 * all under one deadline; answers come back in input order, duplicates
 * verified once. Owns the long-lived state (caches, gates, the pool).
 */
import type { SidecarConfig } from "../config.ts";
import type { SidecarLog } from "../log.ts";
import type { SidecarMetrics } from "../metrics.ts";
import type { SourcePool } from "../pool/source-pool.ts";
import { refusedHostAddress } from "../pool/target-guard.ts";
import { BoundedSet } from "./bounded-set.ts";
import { CatchAllCache } from "./catch-all.ts";
import { Deadline } from "./deadline.ts";
import { type DomainProbeContext, type DomainVerdict, probeDomains } from "./domain-probe.ts";
import { createMailDns, lookupMailRoute, type MailDns, type MailHost, type MailRoute } from "./mail-route.ts";
import { MxGates } from "./mx-gates.ts";
import { DNS_WAVE_MS, groupByMailHosts, inWaves } from "./mx-groups.ts";
import { guessMailProvider } from "./provider.ts";
import { ResultCache } from "./result-cache.ts";
import { type ParsedMailbox, parseMailbox } from "./syntax.ts";
import { type MailboxVerdict, type MailProvider, REASON_STATUS, type VerifyReason } from "./verdict.ts";

/** What the verifier is built from. */
export interface MailboxVerifierDeps {
  config: SidecarConfig;
  pool: SourcePool;
  metrics: SidecarMetrics;
  log: SidecarLog;
  clock: () => number;
  /** DNS to use instead of a Resolver on `config.dnsServers`. */
  dns?: MailDns;
}

/** Options of one verification. */
export interface VerifyOptions {
  /** Requested time budget; capped by VERIFY_DEADLINE_MS. */
  deadlineMs?: number;
  /** Probe again even when the result cache holds an answer. */
  fresh?: boolean;
}

/** A domain after DNS and the target guard: answered already, or to be probed on `hosts`. */
type RoutedDomain = { domain: string; mailboxes: ParsedMailbox[]; provider: MailProvider | null } & (
  | { kind: "answered"; verdict: DomainVerdict }
  | { kind: "probe"; hosts: MailHost[] }
);

function bare(reason: VerifyReason, extra: Partial<DomainVerdict> = {}): DomainVerdict {
  return {
    status: REASON_STATUS[reason],
    reason,
    mx: null,
    smtp_code: null,
    smtp_message: null,
    catch_all: null,
    ...extra,
  };
}

async function routeWithin(dns: MailDns, domain: string, deadline: Deadline): Promise<MailRoute> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<MailRoute>((resolve) => {
    timer = setTimeout(
      () => resolve({ kind: "dns_error", detail: "deadline reached during DNS" }),
      deadline.remaining(),
    );
  });
  try {
    return await Promise.race([lookupMailRoute(dns, domain), expiry]);
  } finally {
    clearTimeout(timer);
  }
}

/** Verifies mailboxes over DNS and SMTP. One instance per sidecar. */
export class MailboxVerifier {
  private readonly deps: MailboxVerifierDeps;
  private readonly dns: MailDns;
  private readonly results: ResultCache;
  private readonly probeContext: DomainProbeContext;

  constructor(deps: MailboxVerifierDeps) {
    this.deps = deps;
    const { config, clock } = deps;
    this.dns = deps.dns ?? createMailDns(config.dnsServers, config.dnsTimeoutMs);
    this.results = new ResultCache(config.resultCacheTtlS * 1000, config.resultCacheSize, clock);
    this.probeContext = {
      ...deps,
      noTlsHosts: new BoundedSet(),
      serialHosts: new BoundedSet(),
      gates: new MxGates(config, clock, deps.log),
      catchAll: new CatchAllCache(config.catchAllTtlS * 1000, clock),
    };
  }

  /** Verifies `emails`; one verdict per input, in input order. */
  async verifyMailboxes(emails: string[], options: VerifyOptions = {}): Promise<MailboxVerdict[]> {
    const { config, clock, metrics } = this.deps;
    const started = clock();
    const budget = Math.min(options.deadlineMs ?? config.verifyDeadlineMs, config.verifyDeadlineMs);
    const deadline = new Deadline(started + budget, clock);
    const byKey = new Map<string, MailboxVerdict>();
    const parsed = new Map<string, ParsedMailbox>();
    const settle = (
      key: string,
      email: string,
      verdict: DomainVerdict,
      provider: MailboxVerdict["provider"],
    ) => {
      const full: MailboxVerdict = { email, ...verdict, provider, duration_ms: clock() - started };
      byKey.set(key, full);
      metrics.probes.inc({ status: full.status });
      metrics.probeLatency.observe(full.duration_ms / 1000);
      this.results.set(key, full);
    };
    const byDomain = new Map<string, ParsedMailbox[]>();
    for (const email of emails) {
      const mailbox = parseMailbox(email);
      const key = mailbox.ok ? mailbox.key : `invalid:${email}`;
      if (parsed.has(key) || byKey.has(key)) continue;
      if (!mailbox.ok) {
        settle(key, email, bare("syntax"), null);
        continue;
      }
      parsed.set(key, mailbox);
      const cached = options.fresh ? undefined : this.results.get(key);
      if (cached) byKey.set(key, { ...cached, email, duration_ms: clock() - started });
      else byDomain.set(mailbox.domain, [...(byDomain.get(mailbox.domain) ?? []), mailbox]);
    }
    const lookups = [...byDomain].map(([domain, mailboxes]) => this.routeDomain(domain, mailboxes, deadline));
    await inWaves(lookups, DNS_WAVE_MS, async (wave) => {
      const toProbe: (RoutedDomain & { kind: "probe" })[] = [];
      for (const routed of wave) {
        if (routed.kind === "probe") toProbe.push(routed);
        else for (const m of routed.mailboxes) settle(m.key, m.address, routed.verdict, routed.provider);
      }
      await Promise.all(
        groupByMailHosts(toProbe).map(async (group) => {
          const domains = new Map(group.map((g) => [g.domain, g.mailboxes.map((m) => m.address)]));
          const owners = new Map(
            group.flatMap(({ mailboxes, provider }) => mailboxes.map((m) => [m.address, { m, provider }])),
          );
          await probeDomains(this.probeContext, domains, group[0]!.hosts, deadline, (address, verdict) => {
            const { m, provider } = owners.get(address)!;
            settle(m.key, m.address, verdict, provider);
          });
        }),
      );
    });
    return emails.map((email) => {
      const mailbox = parseMailbox(email);
      const verdict = byKey.get(mailbox.ok ? mailbox.key : `invalid:${email}`)!;
      return { ...verdict, email };
    });
  }

  /**
   * The mail hosts the target guard lets through. A host is refused when any
   * of its addresses is: a name answering with a public and a private
   * address is not trusted with either.
   */
  private reachableHosts(domain: string, hosts: MailHost[]): MailHost[] {
    return hosts.filter((host) => {
      const refused = refusedHostAddress(host.addresses, this.deps.config.allowPrivateTargets);
      if (refused) {
        this.deps.log("warn", "mx host refused", {
          domain,
          mx: host.name,
          ip: refused.address,
          class: refused.addressClass,
        });
      }
      return !refused;
    });
  }

  /** The domain's DNS route through the target guard. Never rejects. */
  private async routeDomain(
    domain: string,
    mailboxes: ParsedMailbox[],
    deadline: Deadline,
  ): Promise<RoutedDomain> {
    const route = await routeWithin(this.dns, domain, deadline).catch(
      (err: unknown): MailRoute => ({ kind: "dns_error", detail: String(err) }),
    );
    const answered = (reason: VerifyReason, provider: MailProvider | null): RoutedDomain => ({
      domain,
      mailboxes,
      provider,
      kind: "answered",
      verdict: bare(reason),
    });
    if (route.kind === "null_mx") return answered("null_mx", null);
    if (route.kind === "no_mail_host") return answered("no_mx_no_a", null);
    if (route.kind === "dns_error") {
      this.deps.log("warn", "dns lookup failed", { domain, detail: route.detail });
      return answered("dns_error", null);
    }
    const provider = guessMailProvider(route.hosts.map((h) => h.name));
    const hosts = this.reachableHosts(domain, route.hosts);
    // Every host with an address was refused: nothing is probed, not even the catch-all address.
    if (!hosts.some((h) => h.addresses.length > 0) && hosts.length < route.hosts.length) {
      return answered("blocked_target", provider);
    }
    return { domain, mailboxes, provider, kind: "probe", hosts };
  }
}
