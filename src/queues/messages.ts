/**
 * Messages on the runs queue. Each kind of work a run does is one variant;
 * the consumer parses with this schema and acknowledges anything it cannot
 * understand (a poison message must not be retried forever).
 */
import { z } from "zod";

export const pingMessage = z.object({ type: z.literal("ping"), sent_at: z.string() });

export const runsQueueMessage = z.discriminatedUnion("type", [pingMessage]);

export type RunsQueueMessage = z.infer<typeof runsQueueMessage>;
