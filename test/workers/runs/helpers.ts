/** Driving runs end to end in the Workers runtime: create through the API, let the queue work, wait for the end. */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { createDatabase } from "../../../src/db/client.ts";
import type { DiscoveryRunOptions } from "../../../src/db/schema.ts";
import type { RunsQueueMessage } from "../../../src/queues/messages.ts";
import { consumeRunsBatch } from "../../../src/queues/runs-consumer.ts";
import { runRoom } from "../../../src/services/runs/events.ts";
import type { PipelineDeps } from "../../../src/services/runs/pipeline.ts";
import { insertRun } from "../../../src/services/runs/store.ts";
import { type Caller, call, json } from "../helpers/api.ts";

export async function createRun(caller: Caller, body: unknown, headers: Record<string, string> = {}) {
  return call("POST", "/runs", { headers: { ...caller.devHeaders(), ...headers }, json: body });
}

/** Polls GET /runs/{id} until the run has finished (or `timeoutMs` passes). */
// biome-ignore lint/suspicious/noExplicitAny: assertion convenience
export async function waitForRun(caller: Caller, runId: string, timeoutMs = 60_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await call("GET", `/runs/${runId}`, { headers: caller.devHeaders() });
    const run = await json(res);
    if (["succeeded", "failed", "cancelled"].includes(run.status)) return run;
    if (Date.now() > until)
      throw new Error(`run ${runId} still ${run.status}: ${JSON.stringify(run.progress)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// biome-ignore lint/suspicious/noExplicitAny: assertion convenience
export async function results(caller: Caller, runId: string, query = "limit=500"): Promise<any> {
  return json(await call("GET", `/runs/${runId}/results?${query}`, { headers: caller.devHeaders() }));
}

/**
 * A run written straight to D1 (its owner provisioned), with no queue
 * messages: tests that drive the consumer themselves, or that need a run
 * nobody processes, start from this.
 */
export async function insertQuietRun(
  owner: Caller,
  domains: string[],
  options: Partial<DiscoveryRunOptions> = {},
): Promise<string> {
  await owner.provision();
  const id = crypto.randomUUID();
  await insertRun(createDatabase(env.DB), {
    id,
    tenantId: owner.tenantId,
    userId: owner.userId,
    label: "quiet",
    options: { mode: "full", skip_crawl: false, skip_verify: false, max_pages_per_domain: null, ...options },
    domains,
    idempotencyKey: null,
    requestHash: null,
  });
  return id;
}

/**
 * A run whose domains are not sent to the queue until `start()` (what
 * POST /runs does at once): a test can open the run's socket first, so it
 * watches the whole run however fast the queue is.
 */
export async function insertHeldRun(
  owner: Caller,
  domains: string[],
  options: Partial<DiscoveryRunOptions> = {},
) {
  await owner.provision();
  const id = crypto.randomUUID();
  const created = await insertRun(createDatabase(env.DB), {
    id,
    tenantId: owner.tenantId,
    userId: owner.userId,
    label: "held",
    options: { mode: "full", skip_crawl: false, skip_verify: false, max_pages_per_domain: null, ...options },
    domains,
    idempotencyKey: null,
    requestHash: null,
  });
  await runRoom(env, id).init(owner.tenantId, id);
  const start = () =>
    env.RUNS_QUEUE.sendBatch(
      created.dispatch.map((domain) => ({
        body: { type: "domain", run_id: id, tenant_id: owner.tenantId, domain } as const,
      })),
    );
  return { id, start };
}

/** Runs the real consumer on hand-made messages (as a redelivery or the dead-letter queue would). */
export async function consume(
  messages: { id?: string; attempts?: number; body: unknown }[],
  options: { queue?: string; overrides?: Partial<PipelineDeps> } = {},
) {
  const batch = createMessageBatch(
    options.queue ?? "prospector-runs",
    messages.map((m, i) => ({
      id: m.id ?? `m${i}-${crypto.randomUUID()}`,
      timestamp: new Date(),
      attempts: m.attempts ?? 1,
      body: m.body,
    })),
  );
  const ctx = createExecutionContext();
  await consumeRunsBatch(batch, env, options.overrides);
  return getQueueResult(batch, ctx);
}

export const domainMessage = (owner: Caller, runId: string, domain: string) => ({
  type: "domain" as const,
  run_id: runId,
  tenant_id: owner.tenantId,
  domain,
});

/**
 * A queue that keeps what is sent to it instead of delivering it: a test
 * hands the messages (a retry round, say) to `consume` when it chooses, so
 * nothing arrives later on its own.
 */
export function keptQueue() {
  const sent: { body: RunsQueueMessage; delaySeconds?: number }[] = [];
  const queue = {
    send: async (body: RunsQueueMessage, options?: { delaySeconds?: number }) => {
      sent.push({ body, delaySeconds: options?.delaySeconds });
    },
    sendBatch: async (messages: Iterable<{ body: RunsQueueMessage; delaySeconds?: number }>) => {
      for (const m of messages) sent.push({ body: m.body, delaySeconds: m.delaySeconds });
    },
  } as unknown as Queue<RunsQueueMessage>;
  return { queue, sent };
}
