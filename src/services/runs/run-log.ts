/** A run's log in D1: appending a line (in the batch that does what it says) and reading it back. */
import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { runLogs } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { nowIso } from "../../lib/ids.ts";

export type RunLogLevel = "debug" | "info" | "warn" | "error";

/** Appends to a run's log (kept short: messages are cut at 500 characters). */
export function runLogStatement(
  db: Database,
  entry: { tenantId: string; runId: string; level: RunLogLevel; domain?: string | null; message: string },
) {
  return tenantScope(db, entry.tenantId).insert(runLogs, [
    {
      run_id: entry.runId,
      level: entry.level,
      domain: entry.domain ?? null,
      message: entry.message.slice(0, 500),
      at: nowIso(),
    },
  ]);
}

const LEVEL_RANK: Record<RunLogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export async function getRunLogs(
  db: Database,
  tenantId: string,
  runId: string,
  options: { level: RunLogLevel; limit: number; newest?: boolean },
) {
  const levels = (Object.keys(LEVEL_RANK) as RunLogLevel[]).filter(
    (l) => LEVEL_RANK[l] >= LEVEL_RANK[options.level],
  );
  const rows = await tenantScope(db, tenantId)
    .select(runLogs, eq(runLogs.run_id, runId), inArray(runLogs.level, levels))
    .orderBy(options.newest ? desc(runLogs.id) : asc(runLogs.id))
    .limit(options.limit);
  // The newest entries (the log's tail), still oldest first.
  return options.newest ? rows.reverse() : rows;
}
