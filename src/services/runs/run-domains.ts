/**
 * The work state of a run's domains in D1: claiming one for processing,
 * recording how far it got, marking it finished (once), and the dispatch
 * window (the next domains to send; the ones overdue in the queue). Every
 * query goes through the tenant's scope.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type RunDomain, runDomains } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { nowIso } from "../../lib/ids.ts";

/** Claims a domain for processing: queued (or running, on redelivery) -> running; null when it is finished already. */
export async function claimDomain(db: Database, tenantId: string, runId: string, domain: string) {
  const now = nowIso();
  const [row] = await tenantScope(db, tenantId)
    .update(
      runDomains,
      {
        status: "running",
        started_at: sql`coalesce(${runDomains.started_at}, ${now})`,
        updated_at: now,
        attempts: sql`${runDomains.attempts} + 1`,
      },
      eq(runDomains.run_id, runId),
      eq(runDomains.domain, domain),
      inArray(runDomains.status, ["queued", "running"]),
    )
    .returning();
  return row ?? null;
}

/** Records how far a domain got (its stage and counts so far). */
export async function updateDomainProgress(
  db: Database,
  tenantId: string,
  runId: string,
  domain: string,
  values: Partial<
    Pick<RunDomain, "stage" | "pages_crawled" | "emails_found" | "emails_verified" | "leads_found">
  >,
) {
  await tenantScope(db, tenantId).update(
    runDomains,
    { ...values, updated_at: nowIso() },
    eq(runDomains.run_id, runId),
    eq(runDomains.domain, domain),
  );
}

/** The SQL that marks a domain finished, only if it is not finished already. */
export function finishDomainStatement(
  db: Database,
  key: { tenantId: string; runId: string; domain: string },
  status: "done" | "failed" | "cancelled",
  values: Partial<
    Pick<RunDomain, "error" | "pages_crawled" | "emails_found" | "emails_verified" | "leads_found">
  > = {},
) {
  const now = nowIso();
  return tenantScope(db, key.tenantId).update(
    runDomains,
    { ...values, status, stage: null, finished_at: now, updated_at: now },
    eq(runDomains.run_id, key.runId),
    eq(runDomains.domain, key.domain),
    inArray(runDomains.status, ["queued", "running"]),
  );
}

/** Claims up to `count` not yet dispatched domains of a run (in order) for sending to the queue. */
export async function claimUndispatched(db: Database, tenantId: string, runId: string, count: number) {
  if (count <= 0) return [];
  const now = nowIso();
  const rows = await db.all<{ domain: string }>(sql`
    UPDATE run_domains SET dispatched_at = ${now}
    WHERE rowid IN (
      SELECT rowid FROM run_domains
      WHERE run_id = ${runId} AND ${tenantScope(db, tenantId).sqlCondition()} AND status = 'queued' AND dispatched_at IS NULL
      ORDER BY position LIMIT ${count}
    )
    RETURNING domain`);
  return rows.map((r) => r.domain);
}

/**
 * What the watchdog looks for: `lost` domains were dispatched before `olderThan`
 * and never picked up (a lost send); `stalled` ones are running without news
 * since then.
 */
export async function overdueDomains(
  db: Database,
  tenantId: string,
  runId: string,
  kind: "lost" | "stalled",
  olderThan: string,
) {
  const overdue =
    kind === "lost"
      ? and(eq(runDomains.status, "queued"), sql`${runDomains.dispatched_at} < ${olderThan}`)
      : and(eq(runDomains.status, "running"), sql`${runDomains.updated_at} < ${olderThan}`);
  const rows = await tenantScope(db, tenantId).selectFields(
    runDomains,
    { domain: runDomains.domain },
    eq(runDomains.run_id, runId),
    overdue,
  );
  return rows.map((r) => r.domain);
}
