/**
 * What an ingested row does to the tenant's lead for that address: a new
 * lead, or the stored one with the row's values laid over it. A value the
 * row gives replaces the stored one, a value it leaves out keeps it; a new
 * title brings its own seniority and department. What an ingest cannot know
 * stays as stored: the verification verdict, the crawl's sources, where the
 * lead first came from. An ingest refreshes the lead (retention counts from
 * `refreshed_at`) and restores one that was deleted.
 */
import type { IcpScore } from "../icp/score.ts";
import type { ScorableLead } from "../icp/tenant-score.ts";
import type { Lead, LeadColumn } from "../leads/lead.ts";
import type { RowLead } from "./lead-row.ts";

/** The stored columns an ingest reads back to merge with. */
export const storedLeadColumns = [
  "id",
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
  "verify_status",
  "verify_reason",
  "source",
  "created_at",
  "industry",
  "size",
  "country",
  "technologies",
] as const satisfies readonly LeadColumn[];
export type StoredLead = Pick<Lead, (typeof storedLeadColumns)[number]>;

/** The columns an ingest writes (the upsert's values), in the order the upsert reads them. */
export const ingestedLeadColumns = [
  "id",
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
  "source_url",
  "verify_status",
  "verify_reason",
  "icp_score",
  "icp_reasons",
  "data_gaps",
  "source",
  "created_at",
] as const satisfies readonly LeadColumn[];

/** A lead as an ingest writes it; `now` is also its refreshed_at and updated_at (an ingest refreshes it). */
export type IngestedLeadRow = Pick<Lead, (typeof ingestedLeadColumns)[number]> & { now: string };

/** The row to write for `draft`, over `stored` when the tenant already has the address. */
export function mergeIngestedLead(
  draft: RowLead,
  stored: StoredLead | undefined,
  ids: { newId: () => string; now: string },
  score: (lead: ScorableLead) => IcpScore,
): IngestedLeadRow {
  const titled = draft.title !== null;
  const merged = {
    first_name: draft.first_name ?? stored?.first_name ?? null,
    last_name: draft.last_name ?? stored?.last_name ?? null,
    full_name: draft.full_name ?? stored?.full_name ?? null,
    title: draft.title ?? stored?.title ?? null,
    seniority: titled ? draft.seniority : (draft.seniority ?? stored?.seniority ?? null),
    department: titled ? draft.department : (draft.department ?? stored?.department ?? null),
    company: draft.company ?? stored?.company ?? null,
    company_domain: draft.company_domain ?? stored?.company_domain ?? draft.email_domain,
    source_url: draft.source_url ?? stored?.source_url ?? null,
  };
  const verify_status = stored?.verify_status ?? "unknown";
  const icp = score({
    email: draft.email,
    type: draft.type,
    title: merged.title,
    seniority: merged.seniority,
    department: merged.department,
    company_domain: merged.company_domain,
    industry: stored?.industry ?? null,
    size: stored?.size ?? null,
    country: stored?.country ?? null,
    technologies: stored?.technologies ?? [],
    verify_status,
  });
  return {
    id: stored?.id ?? ids.newId(),
    email: draft.email,
    type: draft.type,
    ...merged,
    verify_status,
    verify_reason: stored?.verify_reason ?? "not_verified",
    icp_score: icp.score,
    icp_reasons: icp.reasons,
    data_gaps: icp.gaps,
    source: stored?.source ?? "ingest",
    created_at: stored?.created_at ?? ids.now,
    now: ids.now,
  };
}
