/**
 * A run's leads: pages of stored leads, and the streamed export read page
 * by page. What the leads look like on the wire is the door's to say
 * (src/routes/): the export is written by the door's `ExportWriter`.
 */
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { leads, runLeads } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import type { Lead } from "../../domain/leads/lead.ts";

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
 * How a door writes an export: what opens it, each lead (`index` counts
 * from 0), and what closes it, given how many leads were written (an empty
 * text writes nothing).
 */
export interface ExportWriter {
  head: string;
  row: (lead: Lead, index: number) => string;
  tail: (count: number) => string;
}

/**
 * The export as a byte stream: pages of EXPORT_PAGE leads read one at a time
 * as the client reads (pull-based, so memory holds one page, whatever the
 * size), at most `limit` rows, written by `writer`.
 */
export function exportStream(
  db: Database,
  tenantId: string,
  runId: string,
  writer: ExportWriter,
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
          if (writer.head) controller.enqueue(encoder.encode(writer.head));
          return;
        }
        if (finished) return;
        const want = Math.min(EXPORT_PAGE, limit - sent);
        const rows = want > 0 ? await runLeadsPage(db, tenantId, runId, { limit: want, afterSeq }) : [];
        if (rows.length > 0) {
          afterSeq = rows[rows.length - 1]!.seq;
          let chunk = "";
          for (const { lead } of rows) {
            chunk += writer.row(lead, sent);
            sent += 1;
          }
          controller.enqueue(encoder.encode(chunk));
        }
        if (rows.length < want || sent >= limit || want <= 0) {
          finished = true;
          const tail = writer.tail(sent);
          if (tail) controller.enqueue(encoder.encode(tail));
          controller.close();
        }
      },
    },
    { highWaterMark: 0 },
  );
}
