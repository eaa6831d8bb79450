/**
 * Which lead field a column holds, read leniently from its header (or an
 * NDJSON key): case, accents, spaces, hyphens, underscores and dots do not
 * matter, so `Email`, `E-mail`, `email_address` and `Email Address` are all
 * the email. Unknown columns are ignored (and reported); when two columns
 * name the same field, the first one wins.
 */
import type { LeadDraftColumn } from "../leads/lead.ts";

/** The lead fields an ingested file can carry (each a column of the draft). */
export const ingestFields = [
  "email",
  "first_name",
  "last_name",
  "full_name",
  "title",
  "seniority",
  "department",
  "company",
  "company_domain",
  "source_url",
] as const satisfies readonly LeadDraftColumn[];
export type IngestField = (typeof ingestFields)[number];

/** The header spellings of each field, after folding (see foldHeader). */
const ALIASES: Record<IngestField, string[]> = {
  email: ["email", "emailaddress", "mail", "workemail", "businessemail", "emailaddr"],
  first_name: ["firstname", "first", "givenname", "forename", "prenom", "vorname"],
  last_name: ["lastname", "last", "surname", "familyname", "nom", "nachname"],
  full_name: ["fullname", "name", "contactname", "personname", "displayname"],
  title: ["title", "jobtitle", "position", "role", "jobrole", "jobposition"],
  seniority: ["seniority", "senioritylevel", "level"],
  department: ["department", "dept", "function", "team"],
  company: [
    "company",
    "companyname",
    "organization",
    "organisation",
    "org",
    "account",
    "accountname",
    "employer",
  ],
  company_domain: ["companydomain", "domain", "website", "companywebsite", "websiteurl", "companyurl"],
  source_url: ["sourceurl", "sourcelink", "sourcepage", "profileurl", "foundat"],
};

const BY_ALIAS = new Map<string, IngestField>(
  Object.entries(ALIASES).flatMap(([field, aliases]) => aliases.map((a) => [a, field as IngestField])),
);

/** The header reduced to lowercase ASCII letters and digits ("E-mail Address" -> "emailaddress"). */
export function foldHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/** The field a header names, or null. */
export function fieldForHeader(header: string): IngestField | null {
  return BY_ALIAS.get(foldHeader(header)) ?? null;
}

/** A header row read: the field of each column (null: ignored) and the columns ignored. */
export interface ColumnMap {
  fields: (IngestField | null)[];
  ignored: string[];
}

/** Maps a header row to fields; the first column naming a field wins, later ones are ignored. */
export function mapColumns(headers: readonly string[]): ColumnMap {
  const taken = new Set<IngestField>();
  const ignored: string[] = [];
  const fields = headers.map((header) => {
    const field = fieldForHeader(header);
    if (!field || taken.has(field)) {
      if (header.trim() !== "") ignored.push(header.trim());
      return null;
    }
    taken.add(field);
    return field;
  });
  return { fields, ignored };
}

/** A hint listing the accepted spellings, for the "no email column" error. */
export const EMAIL_HEADER_HINT = "email, Email, E-mail, Email Address, email_address";
