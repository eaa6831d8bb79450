/** Handlers of the ICP profile: read it, replace it (which starts a re-scoring run). */
import type { RouteHandler } from "@hono/zod-openapi";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type Run, runs } from "../../db/schema.ts";
import type { AppEnv } from "../../env.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import { getIcpProfile, putIcpProfile, type StoredIcpProfile } from "../../services/icp/profiles.ts";
import { startRescore } from "../../services/icp/rescore.ts";
import type * as routes from "./icp.routes.ts";

async function latestRescore(db: Database, tenantId: string): Promise<Run | null> {
  const row = await db
    .select()
    .from(runs)
    .where(and(eq(runs.tenant_id, tenantId), sql`json_extract(${runs.options}, '$.mode') = 'rescore'`))
    .orderBy(desc(runs.created_at), desc(runs.id))
    .limit(1)
    .get();
  return row ?? null;
}

function state(stored: StoredIcpProfile | null, run: Run | null) {
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

export const getIcpHandler: RouteHandler<typeof routes.getIcp, AppEnv> = async (c) => {
  const { tenantId } = getPrincipal(c);
  const [stored, run] = await Promise.all([
    getIcpProfile(c.var.db, tenantId),
    latestRescore(c.var.db, tenantId),
  ]);
  return c.json(state(stored, run), 200);
};

export const putIcpHandler: RouteHandler<typeof routes.putIcp, AppEnv> = async (c) => {
  const principal = getPrincipal(c);
  const by = principal.userId ?? principal.apiKeyId ?? null;
  const stored = await putIcpProfile(c.var.db, principal.tenantId, c.req.valid("json"), by);
  const run = await startRescore(
    { db: c.var.db, queue: c.env.RUNS_QUEUE },
    { tenantId: principal.tenantId, userId: principal.userId ?? null },
    stored.version,
  );
  c.var.log.info("icp profile saved", { version: stored.version, rescore_run_id: run.id });
  return c.json(state(stored, run), 200);
};
