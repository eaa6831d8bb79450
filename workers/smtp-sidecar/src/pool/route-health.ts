/**
 * Health of one outbound route, from the outcomes of its recent sessions:
 * success rate, median greeting latency and blocklist replies in a sliding
 * time window. Pure: outcomes in, summary out.
 */

/** What one SMTP session taught about the route it used. */
export interface SessionOutcome {
  at: number;
  /** The session got through to RCPT replies without being refused. */
  ok: boolean;
  /** Connect-to-greeting time, when a greeting arrived. */
  latencyMs: number | null;
  /** Blocklist or policy replies received in the session. */
  blocklistReplies: number;
  /** The route itself failed (proxy down, source address unusable). */
  routeFault: boolean;
}

/** A route's health as the rotation logic and the status endpoint see it. */
export interface RouteHealthSummary {
  healthy: boolean;
  successRate: number;
  medianLatencyMs: number | null;
  recentBlocklistReplies: number;
  recentRouteFaults: number;
}

/** Median of a list of numbers; null for an empty list. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Summarises the outcomes newer than `now - windowMs`. A route is unhealthy
 * once `threshold` blocklist replies, or `threshold` route faults, fall in
 * the window.
 */
export function summarizeRouteHealth(
  outcomes: readonly SessionOutcome[],
  now: number,
  windowMs: number,
  threshold: number,
): RouteHealthSummary {
  const recent = outcomes.filter((o) => o.at > now - windowMs);
  const recentBlocklistReplies = recent.reduce((sum, o) => sum + o.blocklistReplies, 0);
  const recentRouteFaults = recent.filter((o) => o.routeFault).length;
  const latencies = recent.map((o) => o.latencyMs).filter((l): l is number => l !== null);
  return {
    healthy: recentBlocklistReplies < threshold && recentRouteFaults < threshold,
    successRate: recent.length === 0 ? 1 : recent.filter((o) => o.ok).length / recent.length,
    medianLatencyMs: median(latencies),
    recentBlocklistReplies,
    recentRouteFaults,
  };
}
