/**
 * Builds the per-request services once, before any route runs: parsed
 * settings, the drizzle client, a logger bound to the request id and the
 * sidecar client.
 * Handlers read them from `c.var` instead of constructing their own.
 */
import { createMiddleware } from "hono/factory";
import { type Config, loadConfig } from "../config.ts";
import { createDatabase } from "../db/client.ts";
import type { AppEnv, Env } from "../env.ts";
import { createLogger } from "../lib/logger.ts";
import { SidecarClient } from "../services/sidecar-client.ts";

export function initServices() {
  return createMiddleware<AppEnv>(async function initServicesMiddleware(c, next) {
    const config = loadConfig(c.env);
    c.set("config", config);
    c.set("db", createDatabase(c.env.DB));
    c.set("log", createLogger({ request_id: c.var.requestId }, config.LOG_LEVEL));
    c.set("sidecar", createSidecarClient(c.env, config));
    await next();
  });
}

/** The sidecar client for these bindings and settings (requests and the queue consumer alike). */
export function createSidecarClient(env: Env, config: Config): SidecarClient {
  return new SidecarClient(
    { binding: env.SIDECAR, baseUrl: config.SIDECAR_URL },
    {
      secret: config.SIDECAR_SECRET,
      ...(config.SIDECAR_ACCESS_CLIENT_ID && config.SIDECAR_ACCESS_CLIENT_SECRET
        ? {
            access: {
              clientId: config.SIDECAR_ACCESS_CLIENT_ID,
              clientSecret: config.SIDECAR_ACCESS_CLIENT_SECRET,
            },
          }
        : {}),
    },
  );
}
