/**
 * The durable record of runs in D1: creating a run with its domains in one
 * atomic batch (the first dispatch window marked), reading runs and their
 * domains, counters recomputed from the domains (so a redelivered message
 * cannot count twice), finishing, cancelling. The domains' work state is in
 * run-domains.ts. Every query goes through the tenant's scope.
 */
import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { chunkForInsert, inJsonList } from "../../db/chunks.ts";
import type { Database } from "../../db/client.ts";
import {
  type Run,
  type RunDomain,
  type RunOptions,
  type RunStatus,
  runDomains,
  runs,
} from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { nowIso } from "../../lib/ids.ts";
import { closeRunReservationsStatement } from "../billing/credits.ts";

/** The run has ended (its reservation may close). */
const finishedRun = (runId: string) =>
  sql`EXISTS (SELECT 1 FROM runs WHERE id = ${runId} AND status IN ('succeeded', 'failed', 'cancelled'))`;

/**
 * Domains of one run in the queue at once. A run's next domain is sent when
 * one of its domains finishes, so a 1,000-domain run holds at most this many
 * messages and another tenant's small run waits behind at most this many
 * per big run, not behind a thousand (per-tenant fairness).
 */
export const RUN_WINDOW = 20;

export interface NewRun {
  id: string;
  tenantId: string;
  userId: string | null;
  label: string | null;
  options: RunOptions;
  domains: string[];
  idempotencyKey: string | null;
  requestHash: string | null;
}

/** Writes the run and its domains in one batch (all or nothing). The first window is marked dispatched. */
export async function insertRun(db: Database, run: NewRun): Promise<{ run: Run; dispatch: string[] }> {
  const scope = tenantScope(db, run.tenantId);
  const now = nowIso();
  const dispatch = run.domains.slice(0, RUN_WINDOW);
  // tenant_id is in the rows for chunkForInsert's parameter count; the scope stamps it anyway.
  const rows = run.domains.map((domain, position) => ({
    run_id: run.id,
    tenant_id: run.tenantId,
    domain,
    position,
    status: "queued" as const,
    dispatched_at: position < RUN_WINDOW ? now : null,
  }));
  const domainInserts = chunkForInsert(db, runDomains, rows).map((chunk) => scope.insert(runDomains, chunk));
  const [inserted] = await db.batch([
    scope
      .insert(runs, [
        {
          id: run.id,
          user_id: run.userId,
          label: run.label,
          status: "queued",
          options: run.options,
          domains_total: run.domains.length,
          idempotency_key: run.idempotencyKey,
          request_hash: run.requestHash,
          created_at: now,
          updated_at: now,
        },
      ])
      .returning(),
    ...domainInserts,
  ]);
  return { run: inserted[0]!, dispatch };
}

/** The run with this idempotency key, if the tenant made one. */
export async function findRunByIdempotencyKey(db: Database, tenantId: string, key: string) {
  const [run] = await tenantScope(db, tenantId).select(runs, eq(runs.idempotency_key, key));
  return run ?? null;
}

export async function getRun(db: Database, tenantId: string, runId: string): Promise<Run | null> {
  const [run] = await tenantScope(db, tenantId).select(runs, eq(runs.id, runId));
  return run ?? null;
}

/** The tenant's runs, newest first; `before` continues after a run of the previous page (keyset). */
export async function listRuns(
  db: Database,
  tenantId: string,
  limit: number,
  before?: { created_at: string; id: string },
): Promise<Run[]> {
  return tenantScope(db, tenantId)
    .select(
      runs,
      before
        ? sql`(${runs.created_at} < ${before.created_at} OR (${runs.created_at} = ${before.created_at} AND ${runs.id} < ${before.id}))`
        : undefined,
    )
    .orderBy(desc(runs.created_at), desc(runs.id))
    .limit(limit);
}

/**
 * The domains of each of `runIds` as a JSON array, by run id (a page of the
 * run list): one statement for any number of runs.
 */
export async function domainListsOf(
  db: Database,
  tenantId: string,
  runIds: readonly string[],
): Promise<Map<string, string>> {
  if (runIds.length === 0) return new Map();
  const rows = await tenantScope(db, tenantId)
    .selectFields(
      runDomains,
      { run_id: runDomains.run_id, domains: sql<string>`json_group_array(${runDomains.domain})` },
      inJsonList(runDomains.run_id, runIds),
    )
    .groupBy(runDomains.run_id);
  return new Map(rows.map((row) => [row.run_id, row.domains]));
}

export async function getRunDomains(db: Database, tenantId: string, runId: string): Promise<RunDomain[]> {
  return tenantScope(db, tenantId)
    .select(runDomains, eq(runDomains.run_id, runId))
    .orderBy(asc(runDomains.position));
}

export async function getRunDomain(db: Database, tenantId: string, runId: string, domain: string) {
  const [row] = await tenantScope(db, tenantId).select(
    runDomains,
    eq(runDomains.run_id, runId),
    eq(runDomains.domain, domain),
  );
  return row ?? null;
}

/** True once a run has ended (succeeded, failed or cancelled). */
export const isRunFinished = (run: Run) =>
  run.status === "succeeded" || run.status === "failed" || run.status === "cancelled";

/** queued -> running on the first domain a consumer picks up. */
export async function markRunStarted(db: Database, tenantId: string, runId: string): Promise<boolean> {
  const now = nowIso();
  const rows = await tenantScope(db, tenantId)
    .update(
      runs,
      { status: "running", started_at: now, updated_at: now },
      eq(runs.id, runId),
      eq(runs.status, "queued"),
    )
    .returning({ id: runs.id });
  return rows.length > 0;
}

/** Recomputes the run's counters from its domains and leads (idempotent; batchable). */
export function refreshCountersStatement(db: Database, tenantId: string, runId: string) {
  return tenantScope(db, tenantId).update(
    runs,
    {
      domains_completed: sql`(SELECT count(*) FROM run_domains WHERE run_id = ${runId} AND status IN ('done', 'failed'))`,
      domains_failed: sql`(SELECT count(*) FROM run_domains WHERE run_id = ${runId} AND status = 'failed')`,
      emails_found: sql`(SELECT coalesce(sum(emails_found), 0) FROM run_domains WHERE run_id = ${runId})`,
      emails_verified: sql`(SELECT coalesce(sum(emails_verified), 0) FROM run_domains WHERE run_id = ${runId})`,
      leads_count: sql`(SELECT count(*) FROM run_leads WHERE run_id = ${runId})`,
      updated_at: nowIso(),
    },
    eq(runs.id, runId),
  );
}

/**
 * Finishes a running run whose domains are all finished: `failed` when every
 * domain failed, else `succeeded`. Returns the new status, or null when the
 * run is not finished (or someone else finished it first).
 */
export async function finishRunIfDone(
  db: Database,
  tenantId: string,
  runId: string,
): Promise<RunStatus | null> {
  const now = nowIso();
  const [rows] = await db.batch([
    tenantScope(db, tenantId)
      .update(
        runs,
        {
          status: sql`CASE WHEN ${runs.domains_failed} >= ${runs.domains_total} THEN 'failed' ELSE 'succeeded' END`,
          error: sql`CASE WHEN ${runs.domains_failed} >= ${runs.domains_total} THEN 'every domain failed' ELSE ${runs.error} END`,
          finished_at: now,
          updated_at: now,
        },
        eq(runs.id, runId),
        inArray(runs.status, ["queued", "running"]),
        sql`NOT EXISTS (SELECT 1 FROM run_domains WHERE run_id = ${runId} AND status IN ('queued', 'running'))`,
      )
      .returning({ status: runs.status }),
    // The run's credits that no domain used go back (a run finished before is closed already).
    closeRunReservationsStatement(db, tenantId, runId, now, finishedRun(runId)),
  ]);
  return rows[0]?.status ?? null;
}

/** Cancels a queued or running run: its unfinished domains become cancelled. Null when not cancellable. */
export async function cancelRun(db: Database, tenantId: string, runId: string): Promise<Run | null> {
  const scope = tenantScope(db, tenantId);
  const now = nowIso();
  const [updated] = await db.batch([
    scope
      .update(
        runs,
        { status: "cancelled", finished_at: now, updated_at: now },
        eq(runs.id, runId),
        inArray(runs.status, ["queued", "running"]),
      )
      .returning(),
    scope.update(
      runDomains,
      { status: "cancelled", stage: null, finished_at: now, updated_at: now },
      eq(runDomains.run_id, runId),
      inArray(runDomains.status, ["queued", "running"]),
      sql`EXISTS (SELECT 1 FROM runs WHERE id = ${runId} AND status = 'cancelled')`,
    ),
    closeRunReservationsStatement(db, tenantId, runId, now, finishedRun(runId)),
  ]);
  return updated[0] ?? null;
}
