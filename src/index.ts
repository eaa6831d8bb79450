/** Worker entry: the HTTP app, the queue consumers, the daily retention purge, and the Durable Object classes. */
import { createApp } from "./app.ts";
import { loadConfig } from "./config.ts";
import { createDatabase } from "./db/client.ts";
import type { Env } from "./env.ts";
import { createLogger } from "./lib/logger.ts";
import { consumeRunsBatch } from "./queues/runs-consumer.ts";
import { purgeExpiredLeads } from "./services/stewardship/retention.ts";

export { RateLimiter } from "./durable-objects/rate-limiter.ts";
export { RunRoom } from "./durable-objects/run-room.ts";
export { UserSockets } from "./durable-objects/user-sockets.ts";

const app = createApp();

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    await consumeRunsBatch(batch, env);
  },
  /** The cron of wrangler.toml (daily, 03:17 UTC): leads past their tenant's retention are purged. */
  async scheduled(controller, env) {
    const log = createLogger({ cron: controller.cron }, loadConfig(env).LOG_LEVEL);
    await purgeExpiredLeads(createDatabase(env.DB), log, { now: new Date(controller.scheduledTime) });
  },
} satisfies ExportedHandler<Env, unknown>;
