/** Worker entry: the HTTP app, the queue consumers, and the Durable Object classes. */
import { createApp } from "./app.ts";
import type { Env } from "./env.ts";
import { consumeRunsBatch } from "./queues/runs-consumer.ts";

export { RateLimiter } from "./durable-objects/rate-limiter.ts";
export { RunRoom } from "./durable-objects/run-room.ts";
export { UserSockets } from "./durable-objects/user-sockets.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    await consumeRunsBatch(batch, env);
  },
} satisfies ExportedHandler<Env, unknown>;
