/**
 * Messages on the runs queue. Each kind of work a run does is one variant;
 * the consumer parses with this schema and acknowledges anything it cannot
 * understand (a poison message must not be retried forever).
 */
import { z } from "zod";

export const pingMessage = z.object({ type: z.literal("ping"), sent_at: z.string() });

/** Process one domain of a run through every stage its mode asks for. */
export const domainMessage = z.object({
  type: z.literal("domain"),
  run_id: z.string().min(1).max(64),
  tenant_id: z.string().min(1).max(128),
  domain: z.string().min(1).max(253),
});

/** Verify again a domain's addresses that were greylisted (sent with a delay). */
export const reverifyMessage = z.object({
  type: z.literal("reverify"),
  run_id: z.string().min(1).max(64),
  tenant_id: z.string().min(1).max(128),
  domain: z.string().min(1).max(253),
  emails: z.array(z.string().max(320)).max(500),
  round: z.number().int().min(1).max(10),
});

/** Go on with a re-scoring run from its cursor (the run remembers where it is). */
export const rescoreMessage = z.object({
  type: z.literal("rescore"),
  run_id: z.string().min(1).max(64),
  tenant_id: z.string().min(1).max(128),
});

export const runsQueueMessage = z.discriminatedUnion("type", [
  pingMessage,
  domainMessage,
  reverifyMessage,
  rescoreMessage,
]);

export type RunsQueueMessage = z.infer<typeof runsQueueMessage>;
export type DomainMessage = z.infer<typeof domainMessage>;
export type ReverifyMessage = z.infer<typeof reverifyMessage>;
export type RescoreMessage = z.infer<typeof rescoreMessage>;
