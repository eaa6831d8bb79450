/** Folds dependency checks into an overall status: down when a required one is down. */

export interface DependencyCheck {
  name: string;
  required: boolean;
  status: "up" | "down" | "not_configured";
  latency_ms: number | null;
  detail?: string;
  /** For dependencies behind a circuit breaker: its state in this isolate. */
  circuit?: {
    state: "closed" | "open" | "half_open";
    consecutive_failures: number;
    opened_at: string | null;
    retry_in_ms: number | null;
  };
}

export type OverallStatus = "ok" | "degraded" | "down";

export function summarizeHealth(checks: readonly DependencyCheck[]): OverallStatus {
  if (checks.some((c) => c.required && c.status !== "up")) return "down";
  if (checks.some((c) => c.status === "down")) return "degraded";
  return "ok";
}
