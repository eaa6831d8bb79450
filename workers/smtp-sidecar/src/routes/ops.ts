/**
 * Operations endpoints: `GET /health` (unsigned, for liveness checks and the
 * Worker's health page) and `GET /metrics` (signed, Prometheus text).
 */
import { Hono } from "hono";
import type { SidecarMetrics } from "../metrics.ts";

/** The sidecar's version, reported by /health. */
export const SIDECAR_VERSION = "0.1.0";

/** GET /health. */
export function healthRoutes(startedAt: number, clock: () => number) {
  return new Hono().get("/health", (c) =>
    c.json({
      ok: true,
      service: "smtp-sidecar",
      version: SIDECAR_VERSION,
      pid: process.pid,
      uptime_s: Math.round((clock() - startedAt) / 1000),
    }),
  );
}

/** GET /metrics. */
export function metricsRoutes(metrics: SidecarMetrics) {
  return new Hono().get("/metrics", (c) =>
    c.body(metrics.render(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }),
  );
}
