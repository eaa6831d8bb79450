/**
 * The outbound address pool ("IP rotation"): the routes from SOURCE_IPS and
 * SOCKS_PROXIES, the one in use, each route's health, and rotation, both
 * automatic (away from a route that collects blocklist replies or keeps
 * failing) and manual (the API). All sessions use the current route.
 */
import { SidecarError } from "../errors.ts";
import type { SidecarLog } from "../log.ts";
import type { OutboundRoute } from "./outbound.ts";
import { type RouteHealthSummary, type SessionOutcome, summarizeRouteHealth } from "./route-health.ts";
import { type SocksProxy, socksProxyLabel } from "./socks-proxy-url.ts";

/** Settings of the pool (a subset of the sidecar config). */
export interface SourcePoolOptions {
  sourceIps: string[];
  socksProxies: SocksProxy[];
  blocklistRotateAfter: number;
  blocklistWindowS: number;
}

/** `GET /v1/ip-rotation/status` body. */
export interface IpRotationStatus {
  current_pool: string;
  current_ip: string;
  rotation_enabled: boolean;
  last_rotation: string | null;
  health_metrics: { success_rate: number; response_time_ms: number | null; total_requests: number };
  pools: {
    id: string;
    address: string;
    kind: "local" | "socks5";
    healthy: boolean;
    success_rate: number;
    median_latency_ms: number | null;
    requests: number;
    blocklist_replies: number;
    last_used: string | null;
  }[];
}

/** `POST /v1/ip-rotation/rotate` body on success. */
export interface IpRotationResult {
  success: true;
  old_pool: string;
  new_pool: string;
  new_ip: string;
  rotation_time: string;
}

interface RouteState {
  route: OutboundRoute;
  outcomes: SessionOutcome[];
  requests: number;
  blocklistReplies: number;
  lastUsed: number | null;
}

const MAX_OUTCOMES = 500;

/** Builds the routes: one per source IP, one per proxy, or the system default when neither is set. */
export function outboundRoutes(
  options: Pick<SourcePoolOptions, "sourceIps" | "socksProxies">,
): OutboundRoute[] {
  const routes: OutboundRoute[] = options.sourceIps.map((ip) => ({
    id: `local:${ip}`,
    kind: "local",
    address: ip,
    localAddress: ip,
  }));
  for (const proxy of options.socksProxies) {
    const label = socksProxyLabel(proxy);
    routes.push({ id: `socks5:${label}`, kind: "socks5", address: label, proxy });
  }
  if (routes.length === 0) routes.push({ id: "local:default", kind: "local", address: "default" });
  return routes;
}

/** The pool of outbound routes with their health. */
export class SourcePool {
  private readonly states: RouteState[];
  private currentIndex = 0;
  private lastRotation: number | null = null;
  private readonly options: SourcePoolOptions;
  private readonly clock: () => number;
  private readonly log: SidecarLog;

  constructor(options: SourcePoolOptions, clock: () => number, log: SidecarLog) {
    this.options = options;
    this.clock = clock;
    this.log = log;
    this.states = outboundRoutes(options).map((route) => ({
      route,
      outcomes: [],
      requests: 0,
      blocklistReplies: 0,
      lastUsed: null,
    }));
  }

  /** The route new sessions use. */
  get current(): OutboundRoute {
    return this.states[this.currentIndex]!.route;
  }

  /** Every route, in configuration order. */
  get routes(): OutboundRoute[] {
    return this.states.map((s) => s.route);
  }

  /** Health of one route now. */
  health(routeId: string): RouteHealthSummary {
    return this.summarize(this.state(routeId));
  }

  /** Records a session's outcome and rotates away from the current route if that made it unhealthy. */
  record(routeId: string, outcome: Omit<SessionOutcome, "at">): void {
    const state = this.state(routeId);
    const now = this.clock();
    state.outcomes.push({ ...outcome, at: now });
    const windowStart = now - this.options.blocklistWindowS * 1000;
    while (
      state.outcomes.length > MAX_OUTCOMES ||
      (state.outcomes[0] && state.outcomes[0].at <= windowStart)
    ) {
      state.outcomes.shift();
    }
    state.requests += 1;
    state.blocklistReplies += outcome.blocklistReplies;
    state.lastUsed = now;
    if (state !== this.states[this.currentIndex] || this.summarize(state).healthy) return;
    const next = this.nextIndex(true);
    if (next === null) return;
    const summary = this.summarize(state);
    this.switchTo(
      next,
      `automatic: ${summary.recentBlocklistReplies} blocklist replies, ${summary.recentRouteFaults} route faults in window`,
    );
  }

  /** Rotates to the next healthy route (any next route with `force`); throws `rotation_unavailable` otherwise. */
  rotate(reason: string, force: boolean): IpRotationResult {
    if (this.states.length < 2) {
      throw new SidecarError(
        "rotation_unavailable",
        "only one outbound address is configured; nothing to rotate to",
        {
          success: false,
          reason: "single_address",
        },
      );
    }
    const next = this.nextIndex(!force);
    if (next === null) {
      throw new SidecarError(
        "rotation_unavailable",
        "no other outbound address is healthy; use force to rotate anyway",
        {
          success: false,
          reason: "no_healthy_address",
        },
      );
    }
    const old = this.current;
    this.switchTo(next, `manual: ${reason}`);
    return {
      success: true,
      old_pool: old.id,
      new_pool: this.current.id,
      new_ip: this.current.address,
      rotation_time: new Date(this.lastRotation!).toISOString(),
    };
  }

  /** The status endpoint's view of the pool. */
  status(): IpRotationStatus {
    const current = this.states[this.currentIndex]!;
    const currentHealth = this.summarize(current);
    const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());
    return {
      current_pool: current.route.id,
      current_ip: current.route.proxy ? current.route.proxy.host : current.route.address,
      rotation_enabled: this.states.length > 1,
      last_rotation: iso(this.lastRotation),
      health_metrics: {
        success_rate: currentHealth.successRate,
        response_time_ms: currentHealth.medianLatencyMs,
        total_requests: current.requests,
      },
      pools: this.states.map((state) => {
        const health = this.summarize(state);
        return {
          id: state.route.id,
          address: state.route.address,
          kind: state.route.kind,
          healthy: health.healthy,
          success_rate: health.successRate,
          median_latency_ms: health.medianLatencyMs,
          requests: state.requests,
          blocklist_replies: state.blocklistReplies,
          last_used: iso(state.lastUsed),
        };
      }),
    };
  }

  private state(routeId: string): RouteState {
    const state = this.states.find((s) => s.route.id === routeId);
    if (!state) throw new Error(`unknown outbound route ${routeId}`);
    return state;
  }

  private summarize(state: RouteState): RouteHealthSummary {
    const { blocklistWindowS, blocklistRotateAfter } = this.options;
    return summarizeRouteHealth(state.outcomes, this.clock(), blocklistWindowS * 1000, blocklistRotateAfter);
  }

  private nextIndex(healthyOnly: boolean): number | null {
    for (let step = 1; step < this.states.length; step++) {
      const index = (this.currentIndex + step) % this.states.length;
      if (!healthyOnly || this.summarize(this.states[index]!).healthy) return index;
    }
    return null;
  }

  private switchTo(index: number, reason: string): void {
    const from = this.current.id;
    this.currentIndex = index;
    this.lastRotation = this.clock();
    this.log("warn", "outbound address rotated", { from, to: this.current.id, reason });
  }
}
