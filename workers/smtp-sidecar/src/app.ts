/**
 * The SMTP sidecar's HTTP app. Today it answers only `/health`; the
 * verification API (signed requests, SMTP probing, address pools) is built
 * on this app by the sidecar issue.
 */
import { Hono } from "hono";

export const SIDECAR_VERSION = "0.1.0";

export interface SidecarOptions {
  startedAt?: number;
}

export function createSidecarApp(options: SidecarOptions = {}) {
  const startedAt = options.startedAt ?? Date.now();
  const app = new Hono();
  app.get("/health", (c) =>
    c.json({
      ok: true,
      service: "smtp-sidecar",
      version: SIDECAR_VERSION,
      pid: process.pid,
      uptime_s: Math.round((Date.now() - startedAt) / 1000),
    }),
  );
  app.notFound((c) =>
    c.json({ error: "not_found", detail: `No route for ${c.req.method} ${c.req.path}` }, 404),
  );
  return app;
}
