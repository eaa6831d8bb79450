/**
 * One ingested row checked and turned into what it states about a lead:
 * the address is required and must be a plausible address at a real domain;
 * the other fields are optional but, when present, must make sense (a URL is
 * a URL, a seniority is one the taxonomy knows). Text is plain text
 * (domain/text/plain-text.ts): tabs and line breaks read as spaces, and a
 * value holding any other control character rejects the row. Names are split
 * or joined so both forms are stored; a title gives the seniority and
 * department when the row does not state them. Any problem rejects the row,
 * with every reason found.
 */
import { type DomainResult, normalizeDomain } from "../crawl/domain-name.ts";
import { isGenericMailbox } from "../extract/classify.ts";
import { isPlausibleEmail } from "../extract/email-filters.ts";
import type { LeadDraft } from "../leads/lead.ts";
import { memoizeString } from "../memo.ts";
import { splitName } from "../people/names.ts";
import {
  classifyDepartment,
  classifySeniority,
  classifyTitle,
  departments,
  seniorities,
} from "../taxonomy/titles.ts";
import { controlCharacterProblem } from "../text/plain-text.ts";
import type { IngestField } from "./columns.ts";

/** A row's values by field; absent or blank means "not given". */
export type RowValues = Partial<Record<IngestField, string>>;

/** Why a field of a row was refused. */
export interface FieldProblem {
  field: IngestField | "row";
  detail: string;
}

/**
 * What a valid row states about a lead: the draft's fields a file can carry
 * (null: not given, so a lead already stored keeps its value; the company's
 * domain too, the address's domain standing in when nothing is stored), and
 * the address's domains, for the suppression checks.
 */
export type RowLead = Pick<LeadDraft, "email" | "type"> & {
  [F in Exclude<IngestField, "email">]: LeadDraft[F] | null;
} & {
  /** The registrable domain of the address: the company's domain when the row states none. */
  email_domain: string;
  /** The host after the @ as written (lowercased), for domain suppressions of subdomains. */
  email_host: string;
};

export type RowResult = { ok: true; lead: RowLead } | { ok: false; problems: FieldProblem[] };

export interface RowOptions {
  /** Accept the RFC 2606/6761 testing names (.test, example.com); development only. */
  allowReservedNames?: boolean;
}

// A file repeats its companies' domains row after row: the Public Suffix List is consulted once per domain.
const domainOf = memoizeString((input) => normalizeDomain(input));
const reservedAllowedDomainOf = memoizeString((input) =>
  normalizeDomain(input, { allowReservedNames: true }),
);
const domain = (input: string, options: RowOptions): DomainResult =>
  options.allowReservedNames ? reservedAllowedDomainOf(input) : domainOf(input);

const MAX_TEXT = 200;
const MAX_URL = 2048;
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** Checks one row; the lead draft, or every problem found. */
export function readLeadRow(values: RowValues, options: RowOptions = {}): RowResult {
  const problems: FieldProblem[] = [];
  const text = (field: IngestField, max = MAX_TEXT): string | null => {
    const raw = values[field];
    const control = raw === undefined ? null : controlCharacterProblem(raw);
    if (control) {
      problems.push({ field, detail: control });
      return null;
    }
    // \s covers every whitespace control character but U+0085 (next line).
    const value = raw
      ?.replace(/\u0085/g, " ")
      .trim()
      .replace(/\s+/g, " ");
    if (!value) return null;
    if (value.length > max) {
      problems.push({ field, detail: `longer than ${max} characters` });
      return null;
    }
    return value;
  };

  const email = readEmail(values.email, options, problems);
  let firstName = text("first_name", 100);
  let lastName = text("last_name", 100);
  let fullName = text("full_name", 200);
  const title = text("title");
  const company = text("company");
  const sourceUrl = readUrl(text("source_url", MAX_URL), problems);
  const companyDomain = readDomain(text("company_domain", MAX_URL), options, problems);

  if (fullName && !firstName && !lastName) {
    const split = splitName(fullName);
    if (split) [firstName, lastName] = [split.first, split.last];
  } else if (!fullName && (firstName || lastName)) {
    fullName = [firstName, lastName].filter(Boolean).join(" ");
  }

  const fromTitle = title ? (classifyTitle(title) ?? { seniority: null, department: null }) : null;
  const seniority =
    readTaxonomy(text("seniority"), seniorities, classifySeniority, "seniority", problems) ??
    fromTitle?.seniority ??
    null;
  const department =
    readTaxonomy(text("department"), departments, classifyDepartment, "department", problems) ??
    fromTitle?.department ??
    null;

  if (problems.length > 0 || !email) return { ok: false, problems };
  return {
    ok: true,
    lead: {
      email: email.address,
      type: isGenericMailbox(email.address) ? "generic" : "personal",
      first_name: firstName,
      last_name: lastName,
      full_name: fullName,
      title,
      seniority,
      department,
      company,
      company_domain: companyDomain,
      email_domain: email.domain,
      email_host: email.host,
      source_url: sourceUrl,
    },
  };
}

function readEmail(raw: string | undefined, options: RowOptions, problems: FieldProblem[]) {
  const value = raw
    ?.trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
  if (!value) {
    problems.push({ field: "email", detail: "missing: every row needs an email address" });
    return null;
  }
  const at = value.lastIndexOf("@");
  const local = value.slice(0, at);
  const host = value.slice(at + 1);
  if (at <= 0 || !LOCAL_PART.test(local) || !isPlausibleEmail(value)) {
    problems.push({
      field: "email",
      detail: `${JSON.stringify(value.slice(0, 100))} is not an email address`,
    });
    return null;
  }
  const result = domain(host, options);
  if (!result.ok) {
    problems.push({ field: "email", detail: `the address's domain is not usable: ${result.reason}` });
    return null;
  }
  return { address: value, host, domain: result.domain };
}

function readUrl(value: string | null, problems: FieldProblem[]): string | null {
  if (!value) return null;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    problems.push({ field: "source_url", detail: "not an http(s) URL" });
    return null;
  }
  return url.href;
}

function readDomain(value: string | null, options: RowOptions, problems: FieldProblem[]): string | null {
  if (!value) return null;
  const result = domain(value, options);
  if (!result.ok) {
    problems.push({ field: "company_domain", detail: result.reason });
    return null;
  }
  return result.domain;
}

/** A seniority or department as its taxonomy key ("C-Suite" -> c_suite), else read from the words. */
function readTaxonomy<T extends string>(
  value: string | null,
  keys: readonly T[],
  classify: (text: string) => T | null,
  field: "seniority" | "department",
  problems: FieldProblem[],
): T | null {
  if (!value) return null;
  const key = value.toLowerCase().replace(/[\s-]+/g, "_");
  if ((keys as readonly string[]).includes(key)) return key as T;
  const read = classify(value);
  if (read) return read;
  problems.push({ field, detail: `${JSON.stringify(value)} is not a known ${field} (${keys.join(", ")})` });
  return null;
}
