/**
 * Starting and cancelling runs, shared by the API and the dashboard.
 *
 * Starting a discovery run (POST /runs, the new-run page): the
 * domains normalised (every entry that is not a domain refused, with its
 * reason, and nothing created), the Idempotency-Key honoured (a retry gets
 * the same run, another request under the same key a 409), the run and its
 * domains written, the live room opened and the first domains queued.
 */
import type { Database } from "../../db/client.ts";
import type { Run, RunMode } from "../../db/schema.ts";
import { creditsFor } from "../../domain/billing/credits.ts";
import type { Principal } from "../../domain/identity/principal.ts";
import { normalizeRunDomains } from "../../domain/runs/run-input.ts";
import type { Env } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { sha256Hex } from "../../lib/ids.ts";
import { closeReservationsStatement, reserveCredits } from "../billing/credits.ts";
import { runRoom } from "./events.ts";
import * as store from "./store.ts";

export interface StartRunInput {
  domains: string[];
  label?: string | undefined;
  options?:
    | {
        mode?: RunMode | undefined;
        skip_crawl?: boolean | undefined;
        skip_verify?: boolean | undefined;
        max_pages_per_domain?: number | undefined;
      }
    | undefined;
}

/** A run started (or found again by its Idempotency-Key), and how many repeated domains were dropped. */
export interface StartedRun {
  run: Run;
  duplicatesDropped: number;
}

export interface StartRunDeps {
  db: Database;
  env: Pick<Env, "RUN_ROOM" | "RUNS_QUEUE">;
  /** Admits reserved names such as .test (local development). */
  allowReservedNames: boolean;
  /** A new tenant's trial length (its subscription may start with this run). */
  trialDays: number;
}

const reused = () => new ApiError("conflict", "This Idempotency-Key was used for a different request");

/** Creates and queues a run (or returns the one this idempotency key made); ApiError on bad input. */
export async function startRun(
  deps: StartRunDeps,
  principal: Principal,
  input: StartRunInput,
  idempotencyKey: string | null,
): Promise<StartedRun> {
  const { db, env } = deps;
  const requestHash = idempotencyKey ? await sha256Hex(JSON.stringify(input)) : null;
  if (idempotencyKey) {
    const earlier = await store.findRunByIdempotencyKey(db, principal.tenantId, idempotencyKey);
    if (earlier) {
      if (earlier.request_hash !== requestHash) throw reused();
      return { run: earlier, duplicatesDropped: input.domains.length - earlier.domains_total };
    }
  }
  const normalized = normalizeRunDomains(input.domains, { allowReservedNames: deps.allowReservedNames });
  if (!normalized.ok) {
    const fields = Object.fromEntries(
      normalized.rejected.map((r) => [`domains.${r.index}`, `${r.input}: ${r.reason}`]),
    );
    throw new ApiError(
      "validation_failed",
      `${normalized.rejected.length} ${normalized.rejected.length === 1 ? "entry is" : "entries are"} not a domain: ` +
        normalized.rejected
          .slice(0, 5)
          .map((r) => `"${r.input}" (${r.reason})`)
          .join(", "),
      { fields },
    );
  }
  const options = {
    mode: input.options?.mode ?? "full",
    skip_crawl: input.options?.skip_crawl ?? false,
    skip_verify: input.options?.skip_verify ?? false,
    max_pages_per_domain: input.options?.max_pages_per_domain ?? null,
  } as const;
  const id = crypto.randomUUID();
  // Every domain may cost a credit: set them aside first (402 when the period cannot cover them);
  // what the run does not use goes back when it ends.
  const reservation = await reserveCredits(db, principal.tenantId, deps.trialDays, {
    credits: creditsFor("domain_discovered", normalized.domains.length),
    userId: principal.userId,
    runId: id,
    description: `run ${id}: ${normalized.domains.length} domains`,
  });
  let created: Awaited<ReturnType<typeof store.insertRun>>;
  try {
    created = await store.insertRun(db, {
      id,
      tenantId: principal.tenantId,
      userId: principal.userId,
      label: input.label ?? null,
      options,
      domains: normalized.domains,
      idempotencyKey,
      requestHash,
    });
  } catch (err) {
    if (reservation) await db.batch([closeReservationsStatement(db, principal.tenantId, [reservation])]);
    // Two retries racing with the same key: the loser answers with the winner's run.
    if (idempotencyKey && String(err).includes("UNIQUE")) {
      const earlier = await store.findRunByIdempotencyKey(db, principal.tenantId, idempotencyKey);
      if (earlier && earlier.request_hash === requestHash)
        return { run: earlier, duplicatesDropped: normalized.duplicates };
      throw reused();
    }
    throw err;
  }
  await runRoom(env, id).init(principal.tenantId, id);
  const messages = created.dispatch.map((domain) => ({
    body: { type: "domain", run_id: id, tenant_id: principal.tenantId, domain } as const,
  }));
  for (let i = 0; i < messages.length; i += 100) await env.RUNS_QUEUE.sendBatch(messages.slice(i, i + 100));
  return { run: created.run, duplicatesDropped: normalized.duplicates };
}

/**
 * Cancels a run that has not finished (null when it had) and tells its
 * watchers (`job:complete` with status cancelled).
 */
export async function cancelRunAndAnnounce(
  deps: Pick<StartRunDeps, "db" | "env">,
  tenantId: string,
  runId: string,
): Promise<Run | null> {
  const cancelled = await store.cancelRun(deps.db, tenantId, runId);
  if (!cancelled) return null;
  await runRoom(deps.env, runId).publish({ kind: "finished", run: cancelled });
  return cancelled;
}
