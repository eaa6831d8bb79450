/**
 * What GET /icp and the ICP settings page show (the profile, its version,
 * the latest re-scoring run), and saving a profile, shared by PUT /icp and
 * the page: a new version is stored and a re-scoring run started over every
 * lead of the tenant (older re-scoring runs still going are cancelled).
 */
import { desc, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type Run, runs } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import type { IcpProfile } from "../../domain/icp/score.ts";
import type { Logger } from "../../lib/logger.ts";
import type { RunsQueueMessage } from "../../queues/messages.ts";
import { getIcpProfile, putIcpProfile, type StoredIcpProfile } from "./profiles.ts";
import { startRescore } from "./rescore.ts";

async function latestRescore(db: Database, tenantId: string): Promise<Run | null> {
  const row = await tenantScope(db, tenantId)
    .select(runs, sql`json_extract(${runs.options}, '$.mode') = 'rescore'`)
    .orderBy(desc(runs.created_at), desc(runs.id))
    .limit(1)
    .get();
  return row ?? null;
}

function icpState(stored: StoredIcpProfile | null, run: Run | null) {
  return {
    scoring: stored ? ("profile" as const) : ("baseline" as const),
    profile: stored?.profile ?? null,
    version: stored?.version ?? 0,
    updated_by: stored?.updated_by ?? null,
    updated_at: stored?.updated_at ?? null,
    rescore_run:
      run && run.options.mode === "rescore"
        ? {
            run_id: run.id,
            status: run.status,
            leads_total: run.options.leads_total,
            leads_rescored: run.leads_count,
            error: run.error,
            created_at: run.created_at,
            finished_at: run.finished_at,
          }
        : null,
  };
}

/** The tenant's ICP profile (null before the first save) with its version and latest re-scoring run. */
export type IcpState = ReturnType<typeof icpState>;

/** The tenant's ICP state, as GET /icp answers it. */
export async function readIcpState(db: Database, tenantId: string): Promise<IcpState> {
  const [stored, run] = await Promise.all([getIcpProfile(db, tenantId), latestRescore(db, tenantId)]);
  return icpState(stored, run);
}

export interface SaveIcpDeps {
  db: Database;
  queue: Queue<RunsQueueMessage>;
  log: Logger;
}

/**
 * Saves a profile (validated by the caller with IcpProfileSchema) as the
 * tenant's next version and starts its re-scoring run; returns the new state.
 */
export async function saveIcpProfile(
  deps: SaveIcpDeps,
  by: { tenantId: string; userId: string | null; apiKeyId?: string | undefined },
  profile: IcpProfile,
): Promise<IcpState> {
  const stored = await putIcpProfile(deps.db, by.tenantId, profile, by.userId ?? by.apiKeyId ?? null);
  const run = await startRescore(
    { db: deps.db, queue: deps.queue },
    { tenantId: by.tenantId, userId: by.userId },
    stored.version,
  );
  deps.log.info("icp profile saved", { version: stored.version, rescore_run_id: run.id });
  return icpState(stored, run);
}
