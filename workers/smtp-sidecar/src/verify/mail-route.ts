/**
 * Where a domain's mail goes: MX lookup in preference order, RFC 7505 null
 * MX, the RFC 5321 §5.1 implicit MX (the domain's own A/AAAA when it has no
 * MX), and the addresses of each MX host. Lookups go through a
 * `node:dns/promises` Resolver so tests and deployments can name their own
 * DNS servers; the interpretation of the answers is pure.
 */
import { Resolver } from "node:dns/promises";

/** One MX host with its resolved addresses (empty when its name did not resolve). */
export interface MailHost {
  name: string;
  preference: number;
  addresses: string[];
}

/** The outcome of the DNS step for one domain. */
export type MailRoute =
  | { kind: "hosts"; hosts: MailHost[]; implicit: boolean }
  | { kind: "null_mx" }
  | { kind: "no_mail_host" }
  | { kind: "dns_error"; detail: string };

/** The DNS calls the route lookup needs (a `node:dns/promises` Resolver fits). */
export interface MailDns {
  resolveMx(domain: string): Promise<{ exchange: string; priority: number }[]>;
  resolve4(domain: string): Promise<string[]>;
  resolve6(domain: string): Promise<string[]>;
}

/** A Resolver on the given `host:port` servers (system servers when empty). */
export function createMailDns(servers: readonly string[], timeoutMs: number): MailDns {
  const resolver = new Resolver({ timeout: timeoutMs, tries: 2 });
  if (servers.length > 0) resolver.setServers([...servers]);
  return resolver;
}

/** MX records in preference order, or `null_mx` when the domain publishes RFC 7505's "no mail". */
export function interpretMxRecords(
  records: readonly { exchange: string; priority: number }[],
): { kind: "null_mx" } | { kind: "mx"; hosts: { name: string; preference: number }[] } {
  const named = records
    .map((r) => ({ name: r.exchange.toLowerCase().replace(/\.$/, ""), preference: r.priority }))
    .filter((r) => r.name !== "");
  if (records.length > 0 && named.length === 0) return { kind: "null_mx" };
  named.sort((a, b) => a.preference - b.preference || a.name.localeCompare(b.name));
  return { kind: "mx", hosts: named };
}

const NO_RECORDS = new Set(["ENODATA", "ENOTFOUND", "NOTFOUND", "ENONAME"]);

function errorCode(err: unknown): string {
  return (err as { code?: string }).code ?? String(err);
}

/** A/AAAA addresses of a name: [] when it has none, an error code string when DNS failed. */
async function hostAddresses(dns: MailDns, name: string): Promise<string[] | string> {
  for (const lookup of [dns.resolve4, dns.resolve6]) {
    try {
      const addresses = await lookup.call(dns, name);
      if (addresses.length > 0) return addresses;
    } catch (err) {
      if (!NO_RECORDS.has(errorCode(err))) return errorCode(err);
    }
  }
  return [];
}

/** Looks up where mail for `domain` (ASCII) is delivered. */
export async function lookupMailRoute(dns: MailDns, domain: string): Promise<MailRoute> {
  let records: { exchange: string; priority: number }[];
  try {
    records = await dns.resolveMx(domain);
  } catch (err) {
    const code = errorCode(err);
    if (code === "ENOTFOUND") return { kind: "no_mail_host" };
    if (code !== "ENODATA") return { kind: "dns_error", detail: `MX lookup failed: ${code}` };
    records = [];
  }
  const mx = interpretMxRecords(records);
  if (mx.kind === "null_mx") return mx;
  if (mx.hosts.length === 0) {
    const own = await hostAddresses(dns, domain);
    if (typeof own === "string") return { kind: "dns_error", detail: `A/AAAA lookup failed: ${own}` };
    if (own.length === 0) return { kind: "no_mail_host" };
    return { kind: "hosts", implicit: true, hosts: [{ name: domain, preference: 0, addresses: own }] };
  }
  const hosts = await Promise.all(
    mx.hosts.map(async (host) => {
      const addresses = await hostAddresses(dns, host.name);
      return { ...host, addresses: typeof addresses === "string" ? [] : addresses };
    }),
  );
  return { kind: "hosts", implicit: false, hosts };
}
