/**
 * The "mail world": a small, real Internet of mail on loopback for tests and
 * benchmarks. One DNS server (MX, A, AAAA, NXDOMAIN, SERVFAIL, null MX) and
 * one SMTP server per MX host, each on its own loopback address and all on
 * the same port (SMTP_PORT is global in the sidecar). Domains say which
 * mailboxes exist and how the domain behaves (catch-all, greylisting, full
 * or disabled mailboxes); hosts say how the server behaves (latency,
 * tarpit, 421 limits, STARTTLS, PIPELINING, recipient limits, blocklists,
 * network round trip).
 *
 * Example (the shape a benchmark uses):
 * ```ts
 * const world = await startMailWorld({
 *   smtpPort: 25, // fixed port; 0 (default) picks a free one
 *   hosts: [{ name: "mx.acme.test", ip: "127.0.0.1", roundTripMs: 20, maxConnectionsPerClient: 10 }],
 *   domains: [{ name: "acme.test", mx: ["mx.acme.test"], mailboxes: ["jane", "john"] }],
 * });
 * // sidecar config: { smtpPort: world.smtpPort, dnsServers: [world.dnsServer] }
 * await world.close();
 * ```
 * Use a distinct loopback range per test file: files run in parallel.
 */
import { type MailDnsServer, startMailDns, type ZoneEntry } from "./mail-dns.ts";
import {
  type MailHostSpec,
  type RecipientAnswer,
  type RunningMailHost,
  type SessionRecord,
  startMailHost,
} from "./mail-host.ts";

export type { MailHostSpec, SessionRecord } from "./mail-host.ts";

/** How one domain behaves. */
export interface MailDomainSpec {
  name: string;
  /** MX host names in preference order (priority 10, 20, ...), or explicit priorities. */
  mx?: (string | { host: string; priority: number })[];
  /** Publish RFC 7505 null MX ("no mail here"). */
  nullMx?: boolean;
  /** A/AAAA records of the domain itself (the implicit MX when it has no MX). */
  a?: string[];
  aaaa?: string[];
  /** The DNS server answers SERVFAIL for this domain. */
  servfail?: boolean;
  /** Local parts that exist (case-insensitive). */
  mailboxes?: string[];
  /** Accept every RCPT (catch-all, or Microsoft-365-style accept-then-bounce). */
  acceptAll?: boolean;
  /** Local parts answered "552 5.2.2 mailbox full". */
  fullMailboxes?: string[];
  /** Local parts answered "550 5.2.1 mailbox disabled". */
  disabledMailboxes?: string[];
  /** First RCPT per (client, address) gets 450 greylisted; accepted once `minDelayMs` (default 0) passed. */
  greylist?: boolean | { minDelayMs: number };
}

/** What the world is built from. */
export interface MailWorldOptions {
  hosts: MailHostSpec[];
  domains: MailDomainSpec[];
  /** SMTP port of every host; 0 (default) picks a free one. */
  smtpPort?: number;
  /** DNS port on 127.0.0.1; 0 (default) picks a free one. */
  dnsPort?: number;
}

/** A running mail world. */
export interface MailWorld {
  /** `127.0.0.1:port` for DNS_SERVERS. */
  dnsServer: string;
  /** The SMTP port every host listens on (SMTP_PORT). */
  smtpPort: number;
  /** Every connection any host saw, host by host. */
  sessions: SessionRecord[];
  /** Connections seen by one host. */
  sessionsOf(host: string): SessionRecord[];
  /** Most concurrent connections one host saw. */
  maxConcurrent(host: string): number;
  close(): Promise<void>;
}

function zoneOf(options: MailWorldOptions): Map<string, ZoneEntry> {
  const zone = new Map<string, ZoneEntry>();
  const entry = (name: string) => {
    const key = name.toLowerCase();
    if (!zone.has(key)) zone.set(key, {});
    return zone.get(key)!;
  };
  for (const host of options.hosts) entry(host.name).a = [...(entry(host.name).a ?? []), host.ip];
  for (const domain of options.domains) {
    const e = entry(domain.name);
    if (domain.servfail) e.servfail = true;
    if (domain.nullMx) e.mx = [{ exchange: "", priority: 0 }];
    else if (domain.mx) {
      e.mx = domain.mx.map((mx, i) =>
        typeof mx === "string"
          ? { exchange: mx, priority: 10 * (i + 1) }
          : { exchange: mx.host, priority: mx.priority },
      );
    }
    if (domain.a) e.a = [...(e.a ?? []), ...domain.a];
    if (domain.aaaa) e.aaaa = domain.aaaa;
  }
  return zone;
}

function answerer(domains: MailDomainSpec[]) {
  const greylistSeen = new Map<string, number>();
  const has = (list: string[] | undefined, local: string) =>
    list?.some((l) => l.toLowerCase() === local) ?? false;
  return (address: string, session: { client: string }): RecipientAnswer => {
    const at = address.lastIndexOf("@");
    const local = address.slice(0, at).toLowerCase();
    const domain = domains.find((d) => d.name.toLowerCase() === address.slice(at + 1).toLowerCase());
    if (!domain) return { code: 554, message: `5.7.1 <${address}>: Relay access denied` };
    if (domain.greylist) {
      const key = `${session.client}/${address.toLowerCase()}`;
      const first = greylistSeen.get(key);
      const minDelay = typeof domain.greylist === "object" ? domain.greylist.minDelayMs : 0;
      if (first === undefined) greylistSeen.set(key, Date.now());
      if (first === undefined || Date.now() - first < minDelay) {
        return {
          code: 450,
          message: `4.7.1 <${address}>: Recipient address rejected: Greylisted, try again later`,
        };
      }
    }
    if (has(domain.disabledMailboxes, local)) {
      return { code: 550, message: `5.2.1 <${address}>: mailbox disabled, not accepting messages` };
    }
    if (has(domain.fullMailboxes, local))
      return { code: 552, message: `5.2.2 <${address}>: Mailbox full, over quota` };
    if (domain.acceptAll || has(domain.mailboxes, local)) return null;
    return {
      code: 550,
      message: `5.1.1 <${address}>: Recipient address rejected: User unknown in local recipient table`,
    };
  };
}

/** Starts DNS and every listening host; resolves when all accept connections. */
export async function startMailWorld(options: MailWorldOptions): Promise<MailWorld> {
  const answer = answerer(options.domains);
  const hosts: RunningMailHost[] = [];
  let dns: MailDnsServer | null = null;
  let port = options.smtpPort ?? 0;
  try {
    for (const spec of options.hosts) {
      if (spec.listen === false) continue;
      const host = await startMailHost(spec, port, answer);
      port = host.port;
      hosts.push(host);
    }
    dns = await startMailDns(zoneOf(options), options.dnsPort ?? 0);
  } catch (err) {
    await Promise.all(hosts.map((h) => h.close()));
    await dns?.close();
    throw err;
  }
  const running = dns;
  return {
    dnsServer: running.server,
    smtpPort: port,
    get sessions() {
      return hosts.flatMap((h) => h.sessions);
    },
    sessionsOf: (name) => hosts.find((h) => h.spec.name === name)?.sessions ?? [],
    maxConcurrent: (name) => hosts.find((h) => h.spec.name === name)?.maxConcurrent ?? 0,
    close: async () => {
      await Promise.all(hosts.map((h) => h.close()));
      await running.close();
    },
  };
}
