/**
 * The lead, defined once from the drizzle table: the stored row, the draft
 * a crawl produces (and an ingest row a part of), the fields the API shows
 * in their documented order, and the CSV export's columns. Every other list
 * of lead columns (ingest, merge, search, scoring, the writers' upserts) is
 * checked against these: a new column of `leads` fails the typecheck here
 * until it is placed in each split below, then wherever it must be handled.
 */
import type { leads } from "../../db/schema.ts";

/** A lead as stored. */
export type Lead = typeof leads.$inferSelect;
/** A column of `leads`. */
export type LeadColumn = keyof Lead;

/**
 * What a source says about a lead: the person, the company, how the
 * address was found and what verification said. A crawl produces all of it
 * (domain/runs/build-leads.ts); an ingest row states a part
 * (domain/ingest/lead-row.ts). `company` is nullable, as stored: a crawl
 * always names one (from the site, else from the domain), a row need not.
 */
export const leadDraftColumns = [
  "email",
  "type",
  "first_name",
  "last_name",
  "full_name",
  "title",
  "seniority",
  "department",
  "company",
  "company_domain",
  "email_source",
  "pattern",
  "confidence",
  "verify_status",
  "verify_reason",
  "verified_at",
  "icp_score",
  "source_url",
  "sources",
  "alternatives",
] as const satisfies readonly LeadColumn[];
export type LeadDraftColumn = (typeof leadDraftColumns)[number];
export type LeadDraft = Pick<Lead, LeadDraftColumn>;

/** What the writer adds to a draft: keys, provenance, the company's copied facts, the score's reasons, dates. */
export const leadWriterColumns = [
  "id",
  "tenant_id",
  "last_run_id",
  "source",
  "company_id",
  "industry",
  "size",
  "country",
  "technologies",
  "icp_reasons",
  "data_gaps",
  "refreshed_at",
  "deleted_at",
  "created_at",
  "updated_at",
] as const satisfies readonly LeadColumn[];

/** The lead as the API shows it (run results, the JSON export), in the documented order. */
export const leadPublicFields = [
  "email",
  "type",
  "first_name",
  "last_name",
  "full_name",
  "title",
  "seniority",
  "department",
  "company",
  "company_id",
  "company_domain",
  "email_source",
  "pattern",
  "confidence",
  "icp_score",
  "icp_reasons",
  "data_gaps",
  "verify_status",
  "verify_reason",
  "verified_at",
  "source_url",
  "sources",
  "alternatives",
] as const satisfies readonly LeadColumn[];
export type LeadPublicField = (typeof leadPublicFields)[number];

/** Columns the lead's public view leaves out (search shows some of them its own way). */
export const leadHiddenColumns = [
  "id",
  "tenant_id",
  "last_run_id",
  "source",
  "industry",
  "size",
  "country",
  "technologies",
  "refreshed_at",
  "deleted_at",
  "created_at",
  "updated_at",
] as const satisfies readonly LeadColumn[];

/** Public fields the CSV export has no column for: the lists, and the company record's id. */
const notInCsv = [
  "company_id",
  "icp_reasons",
  "data_gaps",
  "sources",
  "alternatives",
] as const satisfies readonly LeadPublicField[];
export type LeadCsvColumn = Exclude<LeadPublicField, (typeof notInCsv)[number]>;

/** The CSV export's columns: the public fields, in their order, that hold one value. */
export const leadCsvColumns: readonly LeadCsvColumn[] = leadPublicFields.filter(
  (field): field is LeadCsvColumn => !(notInCsv as readonly string[]).includes(field),
);

/** The draft's columns of a stored lead (re-verifying starts from what is stored). */
export function draftOf(lead: Lead): LeadDraft {
  const draft: Partial<Record<LeadDraftColumn, unknown>> = {};
  for (const column of leadDraftColumns) draft[column] = lead[column];
  return draft as LeadDraft;
}

/** `true` when `Listed` names every column; else the columns it leaves out (named in the error). */
type Covers<Listed extends LeadColumn> = [Exclude<LeadColumn, Listed>] extends [never]
  ? true
  : { unplaced: Exclude<LeadColumn, Listed> };
/** `true` when every CSV column holds one value. */
type OneValueEach = [Lead[LeadCsvColumn]] extends [string | number | null] ? true : { lists: "in CSV" };
/** Compiles only when `T` is `true`. */
type Holds<T extends true> = T;

/** Every column comes from a draft or from the writer, and is shown or hidden; CSV cells hold one value. */
export type LeadColumnsPlaced = [
  Holds<Covers<LeadDraftColumn | (typeof leadWriterColumns)[number]>>,
  Holds<Covers<LeadPublicField | (typeof leadHiddenColumns)[number]>>,
  Holds<OneValueEach>,
];
