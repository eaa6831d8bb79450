/**
 * A company's mail posture from its DNS answers: who runs its mail (MX),
 * its Microsoft 365 tenant label, whether it accepts mail at all (RFC 7505
 * null MX), and summaries of its SPF and DMARC policies. Pure: the answers
 * come from the DNS client (src/services/enrich/dns-client.ts). A lookup
 * that failed is null and every fact it would give stays null (unknown).
 */
import { isWithinDomain } from "../crawl/domain-name.ts";
import { m365TenantOf, OTHER_PROVIDER, providerOfHost, SELF_HOSTED } from "./mail-providers.ts";

/** One DNS answer set: the record data as DoH JSON gives it, and whether the name exists. */
export interface DnsAnswer {
  /** NXDOMAIN: the name does not exist (no records at all). */
  exists: boolean;
  /** Record data strings: MX "10 aspmx.l.google.com.", TXT "\"v=spf1 \" \"-all\"". */
  data: string[];
}

export interface MailLookups {
  mx: DnsAnswer | null;
  /** TXT at the domain itself (SPF). */
  txt: DnsAnswer | null;
  /** TXT at `_dmarc.<domain>`. */
  dmarc: DnsAnswer | null;
}

export interface MailPosture {
  mx_provider: string | null;
  m365_tenant: string | null;
  /** "-all include:_spf.google.com", "missing", "invalid: 2 records"; null when unknown. */
  spf: string | null;
  /** "reject" | "quarantine" | "none" | "missing" | "invalid"; null when unknown. */
  dmarc: string | null;
  accepts_mail: boolean | null;
}

export interface MxRecord {
  preference: number;
  exchange: string;
}

/** Parses DoH MX data ("10 aspmx.l.google.com."); null when malformed. */
export function parseMx(data: string): MxRecord | null {
  const m = /^\s*(\d+)\s+(\S+)\s*$/.exec(data);
  if (!m) return null;
  return { preference: Number(m[1]), exchange: m[2]!.toLowerCase().replace(/\.$/, "") };
}

/**
 * One TXT record's text: DoH gives the character-strings quoted and
 * space-separated (a record longer than 255 bytes is split), and they are
 * joined without separator, as RFC 7208 section 3.3 says.
 */
export function txtText(data: string): string {
  const chunks = [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, "$1"));
  return chunks.length > 0 ? chunks.join("") : data.trim();
}

/** Mail facts from MX answers. */
function fromMx(
  domain: string,
  mx: DnsAnswer | null,
): Pick<MailPosture, "mx_provider" | "m365_tenant" | "accepts_mail"> {
  if (!mx) return { mx_provider: null, m365_tenant: null, accepts_mail: null };
  if (!mx.exists) return { mx_provider: null, m365_tenant: null, accepts_mail: false };
  const records = mx.data.map(parseMx).filter((r): r is MxRecord => r !== null);
  // No MX: mail may still go to the A record (RFC 5321 implicit MX); we cannot tell.
  if (records.length === 0) return { mx_provider: null, m365_tenant: null, accepts_mail: null };
  // RFC 7505 null MX: a single record whose exchange is "." (parsed to "").
  if (records.length === 1 && records[0]!.exchange === "") {
    return { mx_provider: null, m365_tenant: null, accepts_mail: false };
  }
  const hosts = records
    .filter((r) => r.exchange !== "")
    .sort((a, b) => a.preference - b.preference)
    .map((r) => r.exchange);
  const primary = hosts[0]!;
  const provider =
    providerOfHost(primary) ?? (isWithinDomain(primary, domain) ? SELF_HOSTED : OTHER_PROVIDER);
  const tenant = hosts.map(m365TenantOf).find((t) => t !== null) ?? null;
  return { mx_provider: provider, m365_tenant: tenant, accepts_mail: true };
}

/** The SPF record summarised: the `all` term first, then includes and redirect. */
export function summariseSpf(txt: DnsAnswer | null): string | null {
  if (!txt) return null;
  const records = txt.data.map(txtText).filter((t) => /^v=spf1(\s|$)/i.test(t));
  if (records.length === 0) return "missing";
  if (records.length > 1) return `invalid: ${records.length} records`;
  const terms = records[0]!.split(/\s+/).slice(1).filter(Boolean);
  const all = terms.find((t) => /^[-~?+]?all$/i.test(t));
  const parts = [all ? (/^[-~?+]/.test(all) ? all : `+${all}`).toLowerCase() : "no all"];
  for (const t of terms) {
    if (/^[+]?(include|redirect)[:=]/i.test(t)) parts.push(t.replace(/^\+/, "").toLowerCase());
  }
  return parts.join(" ");
}

/** The DMARC policy (`p=`) of the `_dmarc` TXT record. */
export function dmarcPolicy(txt: DnsAnswer | null): string | null {
  if (!txt) return null;
  const records = txt.data.map(txtText).filter((t) => /^v=DMARC1\s*(;|$)/i.test(t));
  if (records.length === 0) return "missing";
  if (records.length > 1) return "invalid";
  const p = /(?:^|;)\s*p\s*=\s*([a-z]+)/i.exec(records[0]!)?.[1]?.toLowerCase();
  return p === "none" || p === "quarantine" || p === "reject" ? p : "invalid";
}

/** The whole mail posture of a domain. */
export function mailPosture(domain: string, lookups: MailLookups): MailPosture {
  return {
    ...fromMx(domain, lookups.mx),
    spf: summariseSpf(lookups.txt),
    dmarc: dmarcPolicy(lookups.dmarc),
  };
}
