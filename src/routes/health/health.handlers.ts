/** Handlers for service health. */
import type { RouteHandler } from "@hono/zod-openapi";
import { type DependencyCheck, summarizeHealth } from "../../domain/health/summarize.ts";
import type { AppEnv } from "../../env.ts";
import { nowIso } from "../../lib/ids.ts";
import { API_VERSION } from "../../version.ts";
import type { detailedHealth, health, leadFactoryHealth } from "./health.routes.ts";

export const getHealth: RouteHandler<typeof health, AppEnv> = (c) => c.json({ ok: true as const }, 200);

export const getLeadFactoryHealth: RouteHandler<typeof leadFactoryHealth, AppEnv> = (c) =>
  c.json({ status: "healthy" as const, application: "prospector-api", version: API_VERSION }, 200);

async function timed(
  name: string,
  required: boolean,
  probe: () => Promise<unknown>,
): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    await probe();
    return { name, required, status: "up", latency_ms: Math.round(performance.now() - started) };
  } catch (err) {
    return {
      name,
      required,
      status: "down",
      latency_ms: Math.round(performance.now() - started),
      detail: err instanceof Error ? err.message.slice(0, 200) : "failed",
    };
  }
}

export const getDetailedHealth: RouteHandler<typeof detailedHealth, AppEnv> = async (c) => {
  const sidecar = c.var.sidecar;
  const sidecarCheck = async (): Promise<DependencyCheck> => {
    if (!sidecar.configured) {
      return { name: "sidecar", required: false, status: "not_configured", latency_ms: null };
    }
    const result = await sidecar.health();
    return {
      name: "sidecar",
      required: false,
      status: result.ok ? "up" : "down",
      latency_ms: result.latencyMs,
      ...(result.detail ? { detail: result.detail } : {}),
      circuit: sidecar.circuit(),
    };
  };
  const dependencies = await Promise.all([
    timed("d1", true, () => c.env.DB.prepare("SELECT 1").first()),
    timed("queue", true, () => c.env.RUNS_QUEUE.send({ type: "ping", sent_at: nowIso() })),
    sidecarCheck(),
  ]);
  const status = summarizeHealth(dependencies);
  const body = { status, environment: c.var.config.ENVIRONMENT, checked_at: nowIso(), dependencies };
  if (status === "down") {
    c.var.log.error("health: required dependency down", { dependencies });
    return c.json(body, 503);
  }
  return c.json(body, 200);
};
