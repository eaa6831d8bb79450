/**
 * Consumer of the runs queue (and its dead-letter queue). Parses each
 * message, hands it to the domain step it names, and acks or retries it
 * individually. Later issues add the run stages; today only health pings.
 */
import type { Env } from "../env.ts";
import { createLogger, describeError } from "../lib/logger.ts";
import { runsQueueMessage } from "./messages.ts";

export const RUNS_QUEUE = "prospector-runs";
export const RUNS_DLQ = "prospector-runs-dlq";

/** Handles one batch; each message is acknowledged or retried on its own. */
export async function consumeRunsBatch(batch: MessageBatch<unknown>, _env: Env): Promise<void> {
  const log = createLogger({ queue: batch.queue });
  for (const message of batch.messages) {
    const parsed = runsQueueMessage.safeParse(message.body);
    if (!parsed.success) {
      log.error("queue message dropped: unknown shape", { message_id: message.id });
      message.ack();
      continue;
    }
    try {
      switch (parsed.data.type) {
        case "ping":
          message.ack();
          break;
      }
    } catch (err) {
      log.warn("queue message failed; retrying", {
        message_id: message.id,
        attempts: message.attempts,
        ...describeError(err),
      });
      message.retry({ delaySeconds: Math.min(60, 2 ** message.attempts) });
    }
  }
}
