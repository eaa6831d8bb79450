/**
 * Writing a domain's leads: suppressed addresses dropped, sources merged
 * with what the tenant already stored, the ICP score computed for the
 * tenant (its profile, or the baseline) on the merged row, then one
 * atomic upsert plus the run's links.
 */
import { inArray, type SQL, sql } from "drizzle-orm";
import { chunkForInsert } from "../../db/chunks.ts";
import type { Database } from "../../db/client.ts";
import { type Company, leads, runLeads } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { packagedDomainLists } from "../../domain/icp/domain-lists.ts";
import { scoreColumns, scoreForTenant } from "../../domain/icp/tenant-score.ts";
import type { Lead, LeadColumn, LeadDraft } from "../../domain/leads/lead.ts";
import { mergeSources } from "../../domain/runs/build-leads.ts";
import { newId, nowIso } from "../../lib/ids.ts";
import { getIcpProfile } from "../icp/profiles.ts";
import { suppressedAddresses } from "../stewardship/suppressions.ts";
import type { PipelineDeps } from "./pipeline.ts";

type Key = { tenantId: string; runId: string; domain: string };
const IN_LIST = 90;

/** What the upsert leaves as stored when the tenant has the address: who it is, where it came from, when made. */
const keptOnConflict = [
  "id",
  "tenant_id",
  "email",
  "company_domain",
  "source",
  "deleted_at",
  "created_at",
] as const satisfies readonly LeadColumn[];
/** Every other column says how the upsert sets it: a new column fails here until it does. */
type SetOnConflict = Record<Exclude<LeadColumn, (typeof keptOnConflict)[number]>, SQL>;

/** Existing leads of the tenant for these addresses. */
async function existingLeads(db: Database, tenantId: string, emails: string[]): Promise<Map<string, Lead>> {
  const scope = tenantScope(db, tenantId);
  const found = new Map<string, Lead>();
  for (let i = 0; i < emails.length; i += IN_LIST) {
    const rows = await scope.select(leads, inArray(leads.email, emails.slice(i, i + IN_LIST)));
    for (const row of rows) found.set(row.email, row);
  }
  return found;
}

/**
 * Upserts the leads (sources merged with what was stored) and links them to the run. Leads whose
 * address or domain the tenant suppressed are dropped first (suppressed alternatives too); returns
 * how many were written and how many suppressed.
 */
export async function writeLeads(
  deps: Pick<PipelineDeps, "db" | "config">,
  key: Key,
  position: number,
  allDrafts: LeadDraft[],
  options: { refresh: boolean; company?: Company | null },
): Promise<{ written: number; suppressed: number }> {
  const { db } = deps;
  const scope = tenantScope(db, key.tenantId);
  const suppressed = await suppressedAddresses(
    db,
    key.tenantId,
    allDrafts.flatMap((d) => [d, ...d.alternatives.map((a) => ({ email: a.email }))]),
    { allowReservedNames: deps.config.isDevelopment },
  );
  const drafts = allDrafts
    .filter((d) => !suppressed.has(d.email))
    .map((d) => ({ ...d, alternatives: d.alternatives.filter((a) => !suppressed.has(a.email)) }));
  const counts = { written: drafts.length, suppressed: allDrafts.length - drafts.length };
  if (drafts.length === 0) return counts;
  const now = nowIso();
  const [existing, icp] = await Promise.all([
    existingLeads(
      db,
      key.tenantId,
      drafts.map((d) => d.email),
    ),
    getIcpProfile(db, key.tenantId),
  ]);
  const rows = drafts.map((d) => {
    const before = existing.get(d.email);
    const row = {
      ...d,
      id: before?.id ?? newId("lead"),
      tenant_id: key.tenantId,
      sources: mergeSources(before?.sources ?? [], d.sources),
      last_run_id: key.runId,
      source: before?.source ?? ("crawl" as const),
      ...(options.company
        ? {
            company: options.company.name ?? d.company,
            company_id: options.company.id,
            industry: options.company.industry,
            size: options.company.size,
            country: options.company.country,
            technologies: options.company.technologies,
          }
        : {}),
      refreshed_at: options.refresh ? now : (before?.refreshed_at ?? now),
      created_at: before?.created_at ?? now,
      updated_at: now,
    };
    // Scored on what the row will hold after the upsert's merge (stored values fill what the draft lacks).
    const merged = {
      ...row,
      title: row.title ?? before?.title ?? null,
      seniority: row.seniority ?? before?.seniority ?? null,
      department: row.department ?? before?.department ?? null,
      industry: options.company?.industry ?? before?.industry ?? null,
      size: options.company?.size ?? before?.size ?? null,
      country: options.company?.country ?? before?.country ?? null,
      technologies: options.company ? options.company.technologies : (before?.technologies ?? []),
    };
    return { ...row, ...scoreColumns(scoreForTenant(icp?.profile ?? null, merged, packagedDomainLists)) };
  });
  const upserts = [];
  for (const chunk of chunkForInsert(db, leads, rows)) {
    upserts.push(
      scope
        .insert(leads, chunk)
        .onConflictDoUpdate({
          target: scope.conflictTarget(leads, leads.email),
          set: {
            type: sql`excluded.type`,
            first_name: sql`coalesce(excluded.first_name, leads.first_name)`,
            last_name: sql`coalesce(excluded.last_name, leads.last_name)`,
            full_name: sql`coalesce(excluded.full_name, leads.full_name)`,
            title: sql`coalesce(excluded.title, leads.title)`,
            seniority: sql`coalesce(excluded.seniority, leads.seniority)`,
            department: sql`coalesce(excluded.department, leads.department)`,
            company: sql`excluded.company`,
            email_source: sql`CASE WHEN leads.email_source = 'published' THEN 'published' ELSE excluded.email_source END`,
            pattern: sql`excluded.pattern`,
            confidence: sql`excluded.confidence`,
            verify_status: sql`excluded.verify_status`,
            verify_reason: sql`excluded.verify_reason`,
            verified_at: sql`excluded.verified_at`,
            icp_score: sql`excluded.icp_score`,
            icp_reasons: sql`excluded.icp_reasons`,
            data_gaps: sql`excluded.data_gaps`,
            source_url: sql`coalesce(excluded.source_url, leads.source_url)`,
            sources: sql`excluded.sources`,
            alternatives: sql`excluded.alternatives`,
            last_run_id: sql`excluded.last_run_id`,
            refreshed_at: sql`excluded.refreshed_at`,
            company_id: sql`coalesce(excluded.company_id, leads.company_id)`,
            industry: sql`coalesce(excluded.industry, leads.industry)`,
            size: sql`coalesce(excluded.size, leads.size)`,
            country: sql`coalesce(excluded.country, leads.country)`,
            technologies: sql`CASE WHEN excluded.company_id IS NULL THEN leads.technologies ELSE excluded.technologies END`,
            updated_at: sql`excluded.updated_at`,
          } satisfies SetOnConflict,
        })
        .returning({ id: leads.id, email: leads.email }),
    );
  }
  const results = await db.batch(upserts as [(typeof upserts)[number], ...(typeof upserts)[number][]]);
  const ids = new Map<string, string>();
  for (const result of results) for (const r of result) ids.set(r.email, r.id);
  const links = drafts.map((d, i) => ({
    run_id: key.runId,
    tenant_id: key.tenantId,
    lead_id: ids.get(d.email)!,
    domain: key.domain,
    seq: position * 10_000 + i,
  }));
  const inserts = [];
  for (const chunk of chunkForInsert(db, runLeads, links)) {
    inserts.push(scope.insert(runLeads, chunk).onConflictDoNothing());
  }
  await db.batch(inserts as [(typeof inserts)[number], ...(typeof inserts)[number][]]);
  return counts;
}
