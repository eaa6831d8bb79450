/**
 * Address syntax: the practical subset of RFC 5321/5322 that real mailboxes
 * use. Dot-atom local parts only (no quoted strings, no comments, ASCII
 * only: probing a UTF-8 local part would need SMTPUTF8), a DNS domain of
 * letter-digit-hyphen labels, IDN domains converted to punycode. Address
 * literals (`user@[192.0.2.1]`) are refused: they have no MX to probe.
 */
import { domainToASCII } from "node:url";

/** A syntactically usable address, ready for DNS and RCPT TO. */
export interface ParsedMailbox {
  ok: true;
  /** Local part as written (case preserved: servers may treat it case-sensitively). */
  local: string;
  /** ASCII (punycode) domain, lower case. */
  domain: string;
  /** `local@domain` as sent in RCPT TO. */
  address: string;
  /** Lower-cased address: duplicates and cache entries share it. */
  key: string;
}

/** Why an address was refused before any network traffic. */
export interface SyntaxProblem {
  ok: false;
  problem: string;
}

const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Parses an address; `ok: false` carries a short human-readable problem. */
export function parseMailbox(input: string): ParsedMailbox | SyntaxProblem {
  const text = input.trim();
  const at = text.lastIndexOf("@");
  if (at <= 0 || at === text.length - 1) return { ok: false, problem: "missing local part or domain" };
  const local = text.slice(0, at);
  const rawDomain = text.slice(at + 1);
  const localProblem = checkLocalPart(local);
  if (localProblem) return { ok: false, problem: localProblem };
  const domain = toAsciiDomain(rawDomain);
  if (typeof domain !== "string") return domain;
  const address = `${local}@${domain}`;
  if (address.length > 254) return { ok: false, problem: "address longer than 254 characters" };
  return { ok: true, local, domain, address, key: address.toLowerCase() };
}

function checkLocalPart(local: string): string | null {
  if (local.length > 64) return "local part longer than 64 characters";
  if (local.startsWith('"')) return "quoted local parts are not supported";
  const atoms = local.split(".");
  if (atoms.some((atom) => atom.length === 0)) return "empty dot-atom in local part";
  if (!atoms.every((atom) => ATEXT.test(atom))) return "invalid character in local part";
  return null;
}

function toAsciiDomain(raw: string): string | SyntaxProblem {
  if (raw.startsWith("[")) return { ok: false, problem: "address literals are not supported" };
  const withoutRoot = raw.endsWith(".") ? raw.slice(0, -1) : raw;
  // domainToASCII also maps full-width dots and case; it returns "" for what it cannot convert.
  const domain = /^[\x21-\x7e]+$/.test(withoutRoot) ? withoutRoot.toLowerCase() : domainToASCII(withoutRoot);
  if (!domain) return { ok: false, problem: "domain is not a valid (internationalised) name" };
  if (domain.length > 253) return { ok: false, problem: "domain longer than 253 characters" };
  const labels = domain.split(".");
  if (labels.length < 2) return { ok: false, problem: "domain needs at least two labels" };
  if (!labels.every((label) => LABEL.test(label))) return { ok: false, problem: "invalid domain label" };
  if (/^[0-9]+$/.test(labels[labels.length - 1]!))
    return { ok: false, problem: "top-level label is numeric" };
  return domain;
}
