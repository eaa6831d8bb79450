/**
 * One JSON log line per HTTP request (method, path, status, duration) and the
 * request counter. Headers are never logged: they carry the signature.
 */
import type { MiddlewareHandler } from "hono";
import type { SidecarLog } from "../log.ts";
import type { SidecarMetrics } from "../metrics.ts";

/** Middleware logging and counting every request. */
export function requestLog(log: SidecarLog, metrics: SidecarMetrics): MiddlewareHandler {
  return async function logRequest(c, next) {
    const started = performance.now();
    await next();
    const route = c.req.routePath === "/*" ? "unmatched" : c.req.routePath;
    metrics.httpRequests.inc({ route, status: String(c.res.status) });
    log("info", "request", {
      request_id: c.res.headers.get("x-request-id"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      duration_ms: Math.round(performance.now() - started),
    });
  };
}
