/**
 * What the stages of a run share: their dependencies, finishing a domain
 * (done, failed or cancelled) and moving the run on, verification through
 * the D1 cache and the sidecar, the run's log (each line stored and
 * announced), and sending greylisted addresses back to the queue.
 */
import type { Config } from "../../config.ts";
import type { CrawlSettings, DomainCrawl } from "../../crawler/crawl-domain.ts";
import type { Database } from "../../db/client.ts";
import type { AddressOutcome } from "../../domain/runs/build-leads.ts";
import { progressOf } from "../../domain/runs/run-events.ts";
import { isOwnSideFailure } from "../../domain/verification/verdicts.ts";
import type { Env } from "../../env.ts";
import { nowIso } from "../../lib/ids.ts";
import type { Logger } from "../../lib/logger.ts";
import type { DomainMessage, ReverifyMessage, RunsQueueMessage } from "../../queues/messages.ts";
import type { SidecarClient } from "../sidecar-client.ts";
import { SidecarUnavailableError } from "../sidecar-client.ts";
import { type AddressVerdict, verifyAddresses } from "../verification.ts";
import type { Publish } from "./events.ts";
import { claimUndispatched, finishDomainStatement } from "./run-domains.ts";
import { runLogStatement } from "./run-log.ts";
import { finishRunIfDone, getRun, isRunFinished, refreshCountersStatement } from "./store.ts";

/** The sidecar's deadline for one domain's addresses. */
export const DOMAIN_VERIFY_DEADLINE_MS = 60_000;
/** Greylisted addresses (and ones that failed on our side) are verified again at most this many times. */
export const MAX_REVERIFY_ROUNDS = 3;
/** Bounds of one greylist wait (seconds): not sooner than the first, not later than the second. */
export const REVERIFY_DELAY_S = { min: 30, max: 300 };

export interface PipelineDeps {
  db: Database;
  env: Env;
  config: Config;
  sidecar: SidecarClient;
  queue: Queue<RunsQueueMessage>;
  publish: Publish;
  log: Logger;
  /** The crawler (tests and benchmarks may pass their own fetcher through it). */
  crawl?: (settings: CrawlSettings) => Promise<DomainCrawl>;
  /** Re-scoring runs' page size and pages per message (tests make them small). */
  rescore?: { pageSize?: number; maxPages?: number };
}

export type Key = { tenantId: string; runId: string; domain: string };

/** Finishes the run when every domain is finished; publishes job:complete / job:error. True when it is finished. */
export async function finishRunIfFinished(
  deps: Pick<PipelineDeps, "db" | "publish">,
  tenantId: string,
  runId: string,
): Promise<boolean> {
  const status = await finishRunIfDone(deps.db, tenantId, runId);
  const run = await getRun(deps.db, tenantId, runId);
  if (!run) return true;
  if (status) {
    await deps.publish(
      status === "failed"
        ? { kind: "failed", runId, message: run.error ?? "every domain failed" }
        : { kind: "finished", run: { ...run, status } },
    );
  }
  return isRunFinished(run);
}

/** After a domain finished: finish the run, or send its next waiting domain to the queue. */
export async function afterDomain(deps: PipelineDeps, key: Key): Promise<void> {
  const run = await getRun(deps.db, key.tenantId, key.runId);
  if (run) await deps.publish({ kind: "progress", progress: progressOf(run, key.domain) });
  if (await finishRunIfFinished(deps, key.tenantId, key.runId)) return;
  const next = await claimUndispatched(deps.db, key.tenantId, key.runId, 1);
  if (next.length > 0) {
    await deps.queue.sendBatch(
      next.map((domain) => ({
        body: { type: "domain", run_id: key.runId, tenant_id: key.tenantId, domain } as const,
      })),
    );
  }
}

/** Marks a domain failed (after the last retry, or from the dead-letter queue) and moves the run on. */
export async function failDomain(
  deps: PipelineDeps,
  message: DomainMessage | ReverifyMessage,
  error: string,
) {
  const key = { tenantId: message.tenant_id, runId: message.run_id, domain: message.domain };
  const line = logEntry(deps, { ...key, level: "error", message: `failed: ${error}` });
  await deps.db.batch([
    finishDomainStatement(deps.db, key, "failed", { error: error.slice(0, 500) }),
    line.statement,
    refreshCountersStatement(deps.db, key.tenantId, key.runId),
  ]);
  await line.announce();
  await afterDomain(deps, key);
}

/** Verdicts for `emails`, or `verifier_unavailable` for all when the sidecar cannot be used. */
export async function verify(
  deps: PipelineDeps,
  key: Key,
  emails: string[],
  fresh: boolean,
): Promise<{ verdicts: Map<string, AddressOutcome & Partial<AddressVerdict>>; unavailable: string | null }> {
  const verdicts = new Map<string, AddressOutcome & Partial<AddressVerdict>>();
  if (emails.length === 0) return { verdicts, unavailable: null };
  try {
    const results = await verifyAddresses(deps.db, deps.sidecar, emails, {
      ttlDays: deps.config.VERIFY_CACHE_TTL_DAYS,
      deadlineMs: DOMAIN_VERIFY_DEADLINE_MS,
      fresh,
    });
    for (const r of results) verdicts.set(r.email, r);
    return { verdicts, unavailable: null };
  } catch (err) {
    if (!(err instanceof SidecarUnavailableError)) throw err;
    const checked = nowIso();
    for (const email of emails) {
      verdicts.set(email, { status: "unknown", reason: "verifier_unavailable", checked_at: checked });
    }
    deps.log.warn("run: verifier unavailable", { run_id: key.runId, failure: err.failure });
    return { verdicts, unavailable: err.message };
  }
}

export async function stillRunning(db: Database, key: Key): Promise<boolean> {
  const run = await getRun(db, key.tenantId, key.runId);
  return run?.status === "running";
}

export async function markCancelled(deps: PipelineDeps, key: Key) {
  await deps.db.batch([
    finishDomainStatement(deps.db, key, "cancelled"),
    refreshCountersStatement(deps.db, key.tenantId, key.runId),
  ]);
}

/**
 * A line of the run's log: its D1 statement (for the batch that records
 * what it says) and, once that batch ran, its `job:log` event, so watchers
 * see every line the log keeps.
 */
export function logEntry(
  deps: PipelineDeps,
  entry: Key & { level: "info" | "warn" | "error"; message: string },
) {
  return {
    statement: runLogStatement(deps.db, entry),
    announce: () =>
      deps.publish({
        kind: "log",
        line: {
          runId: entry.runId,
          domain: entry.domain,
          level: entry.level,
          message: entry.message,
          at: nowIso(),
        },
      }),
  };
}

/** A line in the run's log (D1) and a `job:log` event. */
export async function log(deps: PipelineDeps, key: Key, level: "info" | "warn" | "error", message: string) {
  const line = logEntry(deps, { ...key, level, message });
  await deps.db.batch([line.statement]);
  await line.announce();
}

/** Sends addresses back to the queue for another try after the server's retry time (or ours). */
export async function scheduleReverify(
  deps: PipelineDeps,
  key: Key,
  emails: string[],
  retryAfterS: number,
  round: number,
) {
  const delaySeconds = Math.min(REVERIFY_DELAY_S.max, Math.max(REVERIFY_DELAY_S.min, retryAfterS));
  await deps.queue.send(
    { type: "reverify", run_id: key.runId, tenant_id: key.tenantId, domain: key.domain, emails, round },
    { delaySeconds },
  );
  return delaySeconds;
}

/** Seconds before an address that failed on our side is tried again (the server named no time). */
export const OWN_FAILURE_RETRY_S = 60;

/** An address to verify again later in the run, when, and why. */
export interface Retry {
  email: string;
  retryAfterS: number;
  why: "greylisted" | "our_side";
}

/**
 * The addresses to verify again later in the run: those the server
 * greylisted (after its retry time) and those that failed on our side
 * (connection, address, timeout, the verifier: they say nothing about the
 * mailbox, and the shared cache never keeps them).
 */
export function toRetryLater(verdicts: Map<string, AddressOutcome & Partial<AddressVerdict>>): Retry[] {
  const retries: Retry[] = [];
  for (const [email, v] of verdicts) {
    if (v.status === "unknown_greylisted") {
      retries.push({ email, retryAfterS: v.retry_after_s ?? 60, why: "greylisted" });
    } else if (isOwnSideFailure(v.status, v.reason)) {
      retries.push({ email, retryAfterS: OWN_FAILURE_RETRY_S, why: "our_side" });
    }
  }
  return retries;
}

/** What a log line says of the addresses waiting for another try. */
export function describeRetries(retries: Retry[]): string {
  const greylisted = retries.filter((r) => r.why === "greylisted").length;
  const ours = retries.length - greylisted;
  return [
    greylisted > 0 ? `${greylisted} greylisted` : "",
    ours > 0 ? `${ours} unverified through a failure on our side` : "",
  ]
    .filter(Boolean)
    .join(", ");
}
