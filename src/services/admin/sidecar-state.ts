/**
 * The SMTP sidecar as the admin console shows it: reachable or not (its
 * health check, bounded by the client's short health timeout), the circuit
 * breaker's state, and the health of each outbound address from its IP
 * rotation status. Never throws: a sidecar that cannot answer is "down".
 */

import type { BreakerState } from "../circuit-breaker.ts";
import { RotationStatusSchema } from "../ip-rotation-status.ts";
import type { SidecarClient } from "../sidecar-client.ts";

/** How long the outbound address list may take before the console goes on without it. */
const POOL_DEADLINE_MS = 3000;

export interface SidecarState {
  status: "ok" | "down" | "not_configured";
  latency_ms: number | null;
  /** Why it is down, or why the outbound addresses are missing (null when all is well). */
  detail: string | null;
  circuit: BreakerState | null;
  rotation_enabled: boolean | null;
  current_pool: string | null;
}

export interface OutboundAddress {
  id: string;
  address: string;
  kind: "local" | "socks5";
  healthy: boolean;
  /** True for the address verification uses now. */
  current: boolean;
  success_rate: number | null;
  median_latency_ms: number | null;
  requests: number;
  blocklist_replies: number;
  last_used: string | null;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** The sidecar's health and its outbound addresses. */
export async function sidecarState(
  sidecar: SidecarClient,
): Promise<{ sidecar: SidecarState; outbound_addresses: OutboundAddress[] }> {
  const state: SidecarState = {
    status: "not_configured",
    latency_ms: null,
    detail: null,
    circuit: null,
    rotation_enabled: null,
    current_pool: null,
  };
  if (!sidecar.configured) return { sidecar: state, outbound_addresses: [] };
  const health = await sidecar.health();
  state.status = health.ok ? "ok" : "down";
  state.latency_ms = health.latencyMs;
  state.detail = health.detail ?? null;
  state.circuit = sidecar.circuit().state;
  if (!health.ok) return { sidecar: state, outbound_addresses: [] };
  try {
    const { status, json } = await withDeadline(
      sidecar.passThrough("GET", "/v1/ip-rotation/status"),
      POOL_DEADLINE_MS,
    );
    const parsed = RotationStatusSchema.safeParse(json);
    if (status !== 200 || !parsed.success) {
      state.detail = `the outbound addresses could not be read (HTTP ${status})`;
      return { sidecar: state, outbound_addresses: [] };
    }
    const pool = parsed.data;
    state.rotation_enabled = pool.rotation_enabled;
    state.current_pool = pool.current_pool;
    return {
      sidecar: state,
      outbound_addresses: pool.pools.map((p) => ({
        id: p.id,
        address: p.address,
        kind: p.kind,
        healthy: p.healthy,
        current: p.id === pool.current_pool,
        success_rate: p.success_rate,
        median_latency_ms: p.median_latency_ms,
        requests: p.requests,
        blocklist_replies: p.blocklist_replies,
        last_used: p.last_used,
      })),
    };
  } catch (err) {
    state.detail = `the outbound addresses could not be read: ${err instanceof Error ? err.message.slice(0, 200) : "failed"}`;
    return { sidecar: state, outbound_addresses: [] };
  }
}
