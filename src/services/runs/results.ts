/** A run's leads: pages for the API, and the streamed export (CSV or JSON) read page by page. */
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { leads, runLeads } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { type Lead, type LeadPublicField, leadCsvColumns } from "../../domain/leads/lead.ts";
import { csvLine } from "../../domain/runs/csv.ts";

/**
 * A lead as results and exports show it: its public fields in their
 * documented order (domain/leads/lead.ts), the company record's id as text.
 * Written out rather than looped over the list: a literal is about twice as
 * fast to build and serialise, which a 100,000-row export notices; the key
 * set is checked against the list here, the order by results.test.ts.
 */
export function leadView(lead: Lead) {
  return {
    email: lead.email,
    type: lead.type,
    first_name: lead.first_name,
    last_name: lead.last_name,
    full_name: lead.full_name,
    title: lead.title,
    seniority: lead.seniority,
    department: lead.department,
    company: lead.company,
    /** The enriched company record (null until the domain was enriched). */
    company_id: lead.company_id === null ? null : String(lead.company_id),
    company_domain: lead.company_domain,
    email_source: lead.email_source,
    pattern: lead.pattern,
    confidence: lead.confidence,
    icp_score: lead.icp_score,
    icp_reasons: lead.icp_reasons,
    data_gaps: lead.data_gaps,
    verify_status: lead.verify_status,
    verify_reason: lead.verify_reason,
    verified_at: lead.verified_at,
    source_url: lead.source_url,
    sources: lead.sources,
    alternatives: lead.alternatives,
  } satisfies Record<LeadPublicField, unknown>;
}

export type LeadView = ReturnType<typeof leadView>;

/** One page of a run's leads, in the order found, after `afterSeq` (keyset) or at `offset`. */
export async function runLeadsPage(
  db: Database,
  tenantId: string,
  runId: string,
  page: { limit: number; offset?: number; afterSeq?: number },
): Promise<{ seq: number; lead: Lead }[]> {
  const scope = tenantScope(db, tenantId);
  const rows = await scope
    .selectFields(
      runLeads,
      { seq: runLeads.seq, lead: leads },
      eq(runLeads.run_id, runId),
      page.afterSeq === undefined ? undefined : sql`${runLeads.seq} > ${page.afterSeq}`,
    )
    .innerJoin(leads, scope.where(leads, eq(leads.id, runLeads.lead_id)))
    .orderBy(asc(runLeads.seq))
    .limit(page.limit)
    .offset(page.offset ?? 0);
  return rows;
}

export async function countRunLeads(db: Database, tenantId: string, runId: string): Promise<number> {
  return tenantScope(db, tenantId).count(runLeads, eq(runLeads.run_id, runId));
}

/** Rows read from D1 per page while streaming (a page is one query). */
export const EXPORT_PAGE = 500;

/**
 * The export as a byte stream: pages of EXPORT_PAGE leads read one at a time
 * as the client reads (pull-based, so memory holds one page, whatever the
 * size), at most `limit` rows.
 */
export function exportStream(
  db: Database,
  tenantId: string,
  runId: string,
  format: "csv" | "json",
  limit: number,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let afterSeq: number | undefined;
  let sent = 0;
  let started = false;
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(
            encoder.encode(
              format === "csv" ? csvLine(leadCsvColumns) : `{"run_id":${JSON.stringify(runId)},"results":[`,
            ),
          );
          return;
        }
        if (finished) return;
        const want = Math.min(EXPORT_PAGE, limit - sent);
        const rows = want > 0 ? await runLeadsPage(db, tenantId, runId, { limit: want, afterSeq }) : [];
        if (rows.length > 0) {
          afterSeq = rows[rows.length - 1]!.seq;
          let chunk = "";
          for (const { lead } of rows) {
            // A CSV cell is the stored value itself (the CSV columns hold no reshaped field).
            if (format === "csv") chunk += csvLine(leadCsvColumns.map((c) => lead[c]));
            else chunk += `${sent > 0 ? "," : ""}${JSON.stringify(leadView(lead))}`;
            sent += 1;
          }
          controller.enqueue(encoder.encode(chunk));
        }
        if (rows.length < want || sent >= limit || want <= 0) {
          finished = true;
          if (format === "json") controller.enqueue(encoder.encode(`],"count":${sent}}`));
          controller.close();
        }
      },
    },
    { highWaterMark: 0 },
  );
}
