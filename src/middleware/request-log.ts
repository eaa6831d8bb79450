/** One structured log line per request: id, tenant, route pattern, status, duration. */
import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import type { AppEnv } from "../env.ts";
import { createLogger } from "../lib/logger.ts";

export function requestLog() {
  return createMiddleware<AppEnv>(async function requestLogMiddleware(c, next) {
    const started = performance.now();
    await next();
    const log = c.var.log ?? createLogger({ request_id: c.var.requestId });
    const status = c.res.status;
    const route = status === 404 || status === 405 ? "(unmatched)" : routePath(c) || "(unmatched)";
    const fields = {
      method: c.req.method,
      route,
      status,
      duration_ms: Math.round((performance.now() - started) * 100) / 100,
      tenant_id: c.var.principal?.tenantId ?? null,
      auth: c.var.principal?.method ?? null,
    };
    if (status >= 500) log.error("request", fields);
    else log.info("request", fields);
  });
}
