/**
 * Turns whatever a user typed for a company (a URL, a host, an email address) into the
 * registrable domain we crawl, and answers "is this host inside that domain?" for the crawl
 * scope. The Public Suffix List (via tldts) decides what is registrable, so "foo.co.uk" and
 * "user.github.io" are companies while "co.uk" and "github.io" are not.
 */
import { parse } from "tldts";

export type DomainResult = { ok: true; domain: string } | { ok: false; input: string; reason: string };

/** Options shared by the domain functions. */
export interface DomainOptions {
  /** Accept the RFC 2606/6761 testing names (.test, .example, example.com...). Off by default. */
  allowReservedNames?: boolean;
}

const MAX_HOST_LENGTH = 253;
const MAX_LABEL_LENGTH = 63;
const LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
// A bare IPv6 literal: at least two colons, only hex digits, colons and an optional dotted tail.
const BARE_IPV6 = /^[0-9a-f]*:[0-9a-f:]*:[0-9a-f:.]*$/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Top-level names reserved for testing and documentation; not in the PSL, never real companies. */
const RESERVED_TLDS = ["test", "example", "invalid", "localhost"];
const RESERVED_DOMAINS = ["example.com", "example.net", "example.org"];

type HostResult = { ok: true; host: string } | { ok: false; reason: string };

/**
 * Normalises what a user typed into a company's registrable domain: trims; lowercases; accepts
 * URLs ("https://www.Acme.com/about?x"), bare hosts and "user@acme.com" email addresses; strips
 * scheme, credentials, path, query, fragment, port and subdomains such as "www."; converts IDN to
 * punycode. Rejects, with a human reason: empty input, IP literals, single labels, public
 * suffixes ("co.uk", "github.io"), unknown top-level domains, invalid labels and the reserved
 * testing names (unless `options.allowReservedNames`).
 *
 * @example normalizeDomain("https://blog.Acme.com/about") // { ok: true, domain: "acme.com" }
 */
export function normalizeDomain(input: string, options: DomainOptions = {}): DomainResult {
  const host = extractHost(input);
  if (!host.ok) return { ok: false, input, reason: host.reason };
  return domainOfHost(host.host, input, options);
}

/** The registrable domain of a hostname (same rules as {@link normalizeDomain}), or null. */
export function registrableDomain(hostname: string, options: DomainOptions = {}): string | null {
  const host = toAsciiHost(hostname.trim().toLowerCase());
  if (!host.ok) return null;
  const result = domainOfHost(host.host, hostname, options);
  return result.ok ? result.domain : null;
}

/** True when `hostname` is the domain itself or one of its subdomains (crawl scope check). */
export function isWithinDomain(hostname: string, domain: string): boolean {
  const host = stripTrailingDot(hostname.toLowerCase());
  const root = stripTrailingDot(domain.toLowerCase());
  if (host === "" || root === "") return false;
  return host === root || host.endsWith(`.${root}`);
}

/** Pulls the host out of a URL, an email address or a bare host, and puts it in ASCII form. */
function extractHost(raw: string): HostResult {
  let text = raw.trim().toLowerCase();
  if (text === "") return { ok: false, reason: "The domain is empty." };
  if (text.startsWith("mailto:")) text = text.slice("mailto:".length);
  text = text.replace(SCHEME, "").replace(/^\/\//, "");
  if (text.startsWith("[") || BARE_IPV6.test(text.split(/[/?#]/)[0] ?? "")) {
    return { ok: false, reason: "IP addresses are not company domains; enter a domain name." };
  }
  if (text === "") return { ok: false, reason: "The domain is empty." };
  return toAsciiHost(text);
}

/** Parses `text` as the authority of an http URL (the URL parser does IDNA and drops userinfo). */
function toAsciiHost(text: string): HostResult {
  let hostname: string;
  try {
    hostname = new URL(`http://${text}`).hostname;
  } catch {
    return { ok: false, reason: `"${text}" is not a valid domain name.` };
  }
  if (hostname.startsWith("[")) {
    return { ok: false, reason: "IP addresses are not company domains; enter a domain name." };
  }
  hostname = stripTrailingDot(hostname);
  if (hostname === "") return { ok: false, reason: "The domain is empty." };
  return { ok: true, host: hostname };
}

/** Validates an ASCII host and reduces it to its registrable domain. */
function domainOfHost(host: string, input: string, options: DomainOptions): DomainResult {
  const fail = (reason: string): DomainResult => ({ ok: false, input, reason });
  if (IPV4.test(host)) return fail("IP addresses are not company domains; enter a domain name.");
  const invalid = invalidHostReason(host);
  if (invalid) return fail(invalid);
  const labels = host.split(".");
  if (labels.length < 2) {
    return fail(`"${host}" is a single label (like "localhost"); enter a full domain such as acme.com.`);
  }
  if (isReservedName(host)) {
    if (!options.allowReservedNames) {
      return fail(`"${host}" is reserved for testing and documentation (RFC 2606/6761).`);
    }
    return { ok: true, domain: labels.slice(-2).join(".") };
  }
  const parsed = parse(host, { allowPrivateDomains: true, detectSpecialUse: true, extractHostname: false });
  if (parsed.isSpecialUse) return fail(`"${host}" is a special-use name that is not on the public internet.`);
  if (!parsed.isIcann && !parsed.isPrivate) {
    return fail(`".${labels.at(-1)}" is not a known top-level domain.`);
  }
  if (!parsed.domain) {
    return fail(`"${host}" is a public suffix, not a registrable domain; enter the company's own domain.`);
  }
  return { ok: true, domain: parsed.domain };
}

function invalidHostReason(host: string): string | null {
  if (host.length > MAX_HOST_LENGTH) return `The domain is longer than ${MAX_HOST_LENGTH} characters.`;
  for (const label of host.split(".")) {
    if (label === "") return `"${host}" has an empty label (two dots in a row).`;
    if (label.length > MAX_LABEL_LENGTH) {
      return `"${label}" is longer than ${MAX_LABEL_LENGTH} characters, the limit for one label.`;
    }
    if (!LABEL.test(label)) {
      return label.startsWith("-") || label.endsWith("-")
        ? `"${label}" starts or ends with a hyphen.`
        : `"${label}" contains characters that are not allowed in a domain name.`;
    }
  }
  return null;
}

function isReservedName(host: string): boolean {
  const tld = host.slice(host.lastIndexOf(".") + 1);
  if (RESERVED_TLDS.includes(tld)) return true;
  return RESERVED_DOMAINS.some((name) => host === name || host.endsWith(`.${name}`));
}

function stripTrailingDot(host: string): string {
  return host.endsWith(".") ? host.slice(0, -1) : host;
}
