/**
 * Consumer of the runs queue (and its dead-letter queue). Parses each
 * message, hands it to the pipeline stage it names, and acks or retries it
 * individually; the messages of a batch run concurrently. A message that
 * failed on its last attempt marks its domain failed with the error (one bad
 * domain never fails the run); the dead-letter consumer does the same for
 * anything that still got there.
 */
import { loadConfig } from "../config.ts";
import { createDatabase } from "../db/client.ts";
import type { Env } from "../env.ts";
import { createLogger, describeError } from "../lib/logger.ts";
import { createSidecarClient } from "../middleware/services.ts";
import { failRescore, processRescore } from "../services/icp/rescore.ts";
import { publisherFor } from "../services/runs/events.ts";
import { failDomain, type PipelineDeps, processDomain, processReverify } from "../services/runs/pipeline.ts";
import { type RunsQueueMessage, runsQueueMessage } from "./messages.ts";

export const RUNS_QUEUE = "prospector-runs";
export const RUNS_DLQ = "prospector-runs-dlq";
/** Deliveries of a message before it goes to the dead-letter queue (wrangler.toml's max_retries + 1). */
export const MAX_DELIVERIES = 4;

/** Everything the pipeline needs, built once per batch. */
export function pipelineDeps(env: Env, runId: string, overrides: Partial<PipelineDeps> = {}): PipelineDeps {
  const config = loadConfig(env);
  const log = createLogger({ run_id: runId }, config.LOG_LEVEL);
  return {
    db: createDatabase(env.DB),
    env,
    config,
    sidecar: createSidecarClient(env, config),
    queue: env.RUNS_QUEUE,
    publish: publisherFor(env, runId, (err) => log.warn("run event not delivered", describeError(err))),
    log,
    ...overrides,
  };
}

async function handle(body: RunsQueueMessage, env: Env, overrides: Partial<PipelineDeps>): Promise<void> {
  if (body.type === "ping") return;
  const deps = pipelineDeps(env, body.run_id, overrides);
  if (body.type === "domain") await processDomain(deps, body);
  else if (body.type === "rescore") await processRescore(deps, body);
  else await processReverify(deps, body);
}

/** A message that will not be tried again: its domain fails (a re-scoring run fails as a whole). */
function giveUp(deps: PipelineDeps, body: Exclude<RunsQueueMessage, { type: "ping" }>, error: string) {
  return body.type === "rescore" ? failRescore(deps, body, error) : failDomain(deps, body, error);
}

/** Handles one batch; each message is acknowledged or retried on its own. */
export async function consumeRunsBatch(
  batch: MessageBatch<unknown>,
  env: Env,
  overrides: Partial<PipelineDeps> = {},
): Promise<void> {
  const log = createLogger({ queue: batch.queue });
  const deadLetters = batch.queue === RUNS_DLQ || batch.queue.endsWith("-dlq");
  await Promise.all(
    batch.messages.map(async (message) => {
      const parsed = runsQueueMessage.safeParse(message.body);
      if (!parsed.success) {
        log.error("queue message dropped: unknown shape", { message_id: message.id });
        message.ack();
        return;
      }
      const body = parsed.data;
      if (deadLetters) {
        if (body.type !== "ping") {
          await giveUp(pipelineDeps(env, body.run_id, overrides), body, "gave up after repeated failures");
        }
        message.ack();
        return;
      }
      try {
        await handle(body, env, overrides);
        message.ack();
      } catch (err) {
        const detail = describeError(err);
        if (message.attempts >= MAX_DELIVERIES && body.type !== "ping") {
          log.error("queue message failed for the last time; domain failed", {
            message_id: message.id,
            ...detail,
          });
          try {
            await giveUp(
              pipelineDeps(env, body.run_id, overrides),
              body,
              String(detail.error_message ?? err),
            );
            message.ack();
          } catch {
            message.retry();
          }
          return;
        }
        log.warn("queue message failed; retrying", {
          message_id: message.id,
          attempts: message.attempts,
          ...detail,
        });
        message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
      }
    }),
  );
}
