/**
 * The run watchdog (RunRoom's alarm): domains whose queue message was lost
 * are sent again, domains that stopped making progress are failed, and a run
 * whose domains are all finished is finished.
 */
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import type { RunsQueueMessage } from "../../queues/messages.ts";
import type { Publish } from "./events.ts";
import { finishRunIfFinished } from "./pipeline.ts";
import { finishDomainStatement, overdueDomains } from "./run-domains.ts";
import { runLogStatement } from "./run-log.ts";
import { getRun, refreshCountersStatement } from "./store.ts";

/** A dispatched domain nobody picked up within this long is sent again. */
export const LOST_MESSAGE_MS = 10 * 60_000;

export interface WatchdogDeps {
  db: Database;
  queue: Queue<RunsQueueMessage>;
  config: Config;
  publish: Publish;
}

export async function runWatchdog(deps: WatchdogDeps, tenantId: string, runId: string) {
  const { db } = deps;
  const run = await getRun(db, tenantId, runId);
  if (!run || (run.status !== "queued" && run.status !== "running")) return { active: false };
  const now = Date.now();
  const lost = await overdueDomains(
    db,
    tenantId,
    runId,
    "lost",
    new Date(now - LOST_MESSAGE_MS).toISOString(),
  );
  if (lost.length > 0) {
    await deps.queue.sendBatch(
      lost.map((domain) => ({
        body: { type: "domain", run_id: runId, tenant_id: tenantId, domain } as const,
      })),
    );
  }
  // A domain may take its crawl budget, verification and queue retries; beyond that it is stuck.
  const stallMs = deps.config.CRAWL_DOMAIN_BUDGET_MS + 10 * 60_000;
  const stalled = await overdueDomains(db, tenantId, runId, "stalled", new Date(now - stallMs).toISOString());
  for (const domain of stalled) {
    await db.batch([
      finishDomainStatement(db, { tenantId, runId, domain }, "failed", {
        error: "stalled: no progress for too long",
      }),
      runLogStatement(db, {
        tenantId,
        runId,
        level: "error",
        domain,
        message: "failed by the watchdog: stalled",
      }),
      refreshCountersStatement(db, tenantId, runId),
    ]);
  }
  const finished = await finishRunIfFinished(deps, tenantId, runId);
  return { active: !finished, lost: lost.length, stalled: stalled.length };
}
