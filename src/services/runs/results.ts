/** A run's leads: pages for the API, and the streamed export (CSV or JSON) read page by page. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type Lead, leads, runLeads } from "../../db/schema.ts";
import { csvLine } from "../../domain/runs/csv.ts";

/** A lead as results and exports show it (seed 000's fields first). */
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
  };
}

export type LeadView = ReturnType<typeof leadView>;

/** One page of a run's leads, in the order found, after `afterSeq` (keyset) or at `offset`. */
export async function runLeadsPage(
  db: Database,
  tenantId: string,
  runId: string,
  page: { limit: number; offset?: number; afterSeq?: number },
): Promise<{ seq: number; lead: Lead }[]> {
  const rows = await db
    .select({ seq: runLeads.seq, lead: leads })
    .from(runLeads)
    .innerJoin(leads, and(eq(leads.id, runLeads.lead_id), eq(leads.tenant_id, tenantId)))
    .where(
      and(
        eq(runLeads.tenant_id, tenantId),
        eq(runLeads.run_id, runId),
        page.afterSeq === undefined ? undefined : sql`${runLeads.seq} > ${page.afterSeq}`,
      ),
    )
    .orderBy(asc(runLeads.seq))
    .limit(page.limit)
    .offset(page.offset ?? 0);
  return rows;
}

export async function countRunLeads(db: Database, tenantId: string, runId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(runLeads)
    .where(and(eq(runLeads.tenant_id, tenantId), eq(runLeads.run_id, runId)));
  return row?.n ?? 0;
}

/** The CSV columns of an export, in order. */
export const EXPORT_COLUMNS = [
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
  "icp_score",
  "verify_status",
  "verify_reason",
  "verified_at",
  "source_url",
] as const;

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
              format === "csv" ? csvLine(EXPORT_COLUMNS) : `{"run_id":${JSON.stringify(runId)},"results":[`,
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
            const view = leadView(lead);
            if (format === "csv") chunk += csvLine(EXPORT_COLUMNS.map((c) => view[c]));
            else chunk += `${sent > 0 ? "," : ""}${JSON.stringify(view)}`;
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
