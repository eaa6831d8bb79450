/**
 * Re-scoring runs: when a tenant's ICP profile changes, every lead of the
 * tenant is scored again, as a run (mode `rescore`) the tenant can watch
 * (GET /runs/{id}, the live events), cancel, and find in its run list.
 *
 * The run walks the tenant's leads in id order, pages of RESCORE_PAGE, up
 * to RESCORE_PAGES_PER_MESSAGE pages per queue message. The run's cursor
 * (the last lead id recorded) moves by compare-and-set together with the
 * count, so a page is counted once whatever the deliveries; a crash loses
 * nothing (the page is scored again, which is idempotent). A newer profile
 * cancels the runs of the older ones.
 */
import { asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { leadColumns } from "../../db/lead-columns.ts";
import { leads, type RescoreRunOptions, type Run, runs } from "../../db/schema.ts";
import { rawTenantCondition, tenantScope } from "../../db/tenant-scope.ts";
import { packagedDomainLists } from "../../domain/icp/domain-lists.ts";
import { scorableLeadColumns, scoreForTenant } from "../../domain/icp/tenant-score.ts";
import { progressOf } from "../../domain/runs/run-events.ts";
import { nowIso } from "../../lib/ids.ts";
import type { RescoreMessage, RunsQueueMessage } from "../../queues/messages.ts";
import { jsonChunks } from "../ingest/lead-store.ts";
import type { Publish } from "../runs/events.ts";
import { runLogStatement } from "../runs/run-log.ts";
import { getRun, insertRun, isRunFinished, markRunStarted } from "../runs/store.ts";
import { getIcpProfile } from "./profiles.ts";

/** Leads per page (one read, one write, one cursor move). */
export const RESCORE_PAGE = 500;
/** Pages per queue message (then the next message goes on from the cursor). */
export const RESCORE_PAGES_PER_MESSAGE = 20;

export interface RescoreDeps {
  db: Database;
  queue: Queue<RunsQueueMessage>;
  publish: Publish;
  /** Page size and pages per message (tests make them small to cross message boundaries). */
  rescore?: { pageSize?: number; maxPages?: number };
}

const rescoreMode = sql`json_extract(${runs.options}, '$.mode') = 'rescore'`;

/**
 * Starts the re-scoring run for profile `version`: the tenant's older
 * re-scoring runs still going are cancelled (superseded), the new run is
 * stored and its first page queued. A run that cannot be queued is stored
 * as failed, with the reason.
 */
export async function startRescore(
  deps: Pick<RescoreDeps, "db" | "queue">,
  tenant: { tenantId: string; userId: string | null },
  version: number,
): Promise<Run> {
  const { db } = deps;
  const scope = tenantScope(db, tenant.tenantId);
  const now = nowIso();
  await scope.update(
    runs,
    {
      status: "cancelled",
      error: `superseded by ICP profile version ${version}`,
      finished_at: now,
      updated_at: now,
    },
    inArray(runs.status, ["queued", "running"]),
    rescoreMode,
    sql`json_extract(${runs.options}, '$.profile_version') < ${version}`,
  );
  const total = await scope.count(leads, isNull(leads.deleted_at));
  const options: RescoreRunOptions = { mode: "rescore", profile_version: version, leads_total: total };
  const { run } = await insertRun(db, {
    id: crypto.randomUUID(),
    tenantId: tenant.tenantId,
    userId: tenant.userId,
    label: `ICP profile version ${version}`,
    options,
    domains: [],
    idempotencyKey: null,
    requestHash: null,
  });
  try {
    await deps.queue.send({ type: "rescore", run_id: run.id, tenant_id: tenant.tenantId });
    return run;
  } catch {
    const failed = await scope
      .update(
        runs,
        {
          status: "failed",
          error: "the re-scoring could not be queued; save the profile again to retry",
          finished_at: nowIso(),
          updated_at: nowIso(),
        },
        eq(runs.id, run.id),
      )
      .returning()
      .get();
    return failed ?? run;
  }
}

/**
 * The score update of one page: parameters the tenant and `[[id, score,
 * reasons, gaps, now]...]` as JSON. The `+` keeps SQLite from driving the
 * join from a tenant index (every lead of the tenant times every row of the
 * page: seconds a page); the page's rows drive it, each a primary-key lookup.
 */
export const RESCORE_UPDATE_SQL = `
UPDATE leads SET icp_score = r.score, icp_reasons = r.reasons, data_gaps = r.gaps, updated_at = r.at
FROM (SELECT json_extract(value, '$[0]') AS id, json_extract(value, '$[1]') AS score,
        json_extract(value, '$[2]') AS reasons, json_extract(value, '$[3]') AS gaps,
        json_extract(value, '$[4]') AS at
      FROM json_each(?2)) AS r
WHERE leads.id = r.id AND ${rawTenantCondition("+leads")}
  AND (leads.icp_score IS NOT r.score OR leads.icp_reasons IS NOT r.reasons OR leads.data_gaps IS NOT r.gaps)`;

/** What a page reads of each lead: its id, and what scoring reads. */
const PAGE_COLUMNS = leadColumns(["id", ...scorableLeadColumns]);

/**
 * Works on a re-scoring run from its cursor: up to `maxPages` pages, each
 * scored, written and then recorded by moving the cursor (compare-and-set,
 * with the count). A page whose cursor moved under it (another delivery is
 * working) ends this one. The next message is sent only after the last
 * recorded page, so a crash before it is retried from the cursor.
 */
export async function processRescore(deps: RescoreDeps, message: RescoreMessage): Promise<void> {
  const { db } = deps;
  const tenantId = message.tenant_id;
  const scope = tenantScope(db, tenantId);
  const pageSize = deps.rescore?.pageSize ?? RESCORE_PAGE;
  const maxPages = deps.rescore?.maxPages ?? RESCORE_PAGES_PER_MESSAGE;
  const run = await getRun(db, tenantId, message.run_id);
  if (run?.options.mode !== "rescore" || isRunFinished(run)) return;
  const runId = run.id;
  if (await markRunStarted(db, tenantId, run.id)) {
    await deps.publish({ kind: "started", run });
  }
  const { profile_version: version } = run.options;
  const stored = await getIcpProfile(db, tenantId);
  if (stored?.version !== version) {
    // PUT /icp cancels a superseded run; this covers a profile changed some other way.
    await scope.update(
      runs,
      { status: "cancelled", error: "superseded by a newer ICP profile", finished_at: nowIso() },
      eq(runs.id, run.id),
      inArray(runs.status, ["queued", "running"]),
    );
    return;
  }
  const update = db.$client.prepare(RESCORE_UPDATE_SQL);
  let cursor = run.cursor;
  for (let pages = 1; ; pages++) {
    const page = await scope
      .selectFields(
        leads,
        PAGE_COLUMNS,
        isNull(leads.deleted_at),
        cursor === null ? undefined : gt(leads.id, cursor),
      )
      .orderBy(asc(leads.id))
      .limit(pageSize);
    const now = nowIso();
    const rows = page.map((lead) => {
      const s = scoreForTenant(stored.profile, lead, packagedDomainLists);
      return [lead.id, s.score, JSON.stringify(s.reasons), JSON.stringify(s.gaps), now];
    });
    // Scores first (idempotent: an unchanged score is not written), then the cursor.
    if (rows.length > 0) await db.$client.batch(jsonChunks(rows).map((chunk) => scope.bind(update, chunk)));
    const last = page.at(-1)?.id ?? cursor;
    const done = page.length < pageSize;
    const advance = scope
      .update(
        runs,
        {
          cursor: last,
          leads_count: sql`${runs.leads_count} + ${page.length}`,
          updated_at: now,
          ...(done ? { status: "succeeded" as const, finished_at: now } : {}),
        },
        eq(runs.id, runId),
        eq(runs.status, "running"),
        cursor === null ? isNull(runs.cursor) : eq(runs.cursor, cursor),
      )
      .returning();
    const [moved]: Run[] = done
      ? (
          await db.batch([
            advance,
            runLogStatement(db, { tenantId, runId, level: "info", message: "re-scored every lead" }),
          ])
        )[0]
      : await advance;
    if (!moved) return; // cancelled, or another delivery recorded this page first
    cursor = last;
    await deps.publish({ kind: "progress", progress: progressOf(moved) });
    if (done) {
      await deps.publish({ kind: "finished", run: moved });
      return;
    }
    if (pages >= maxPages) {
      await deps.queue.send({ type: "rescore", run_id: runId, tenant_id: tenantId });
      return;
    }
  }
}

/** A re-scoring message that failed on its last delivery: the run fails with the error. */
export async function failRescore(
  deps: Pick<RescoreDeps, "db" | "publish">,
  message: RescoreMessage,
  error: string,
) {
  const now = nowIso();
  const failed = await tenantScope(deps.db, message.tenant_id)
    .update(
      runs,
      { status: "failed", error: error.slice(0, 500), finished_at: now, updated_at: now },
      eq(runs.id, message.run_id),
      inArray(runs.status, ["queued", "running"]),
    )
    .returning({ id: runs.id });
  if (failed.length > 0) {
    await deps.publish({ kind: "failed", runId: message.run_id, message: error.slice(0, 500) });
  }
}
