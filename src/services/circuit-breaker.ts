/**
 * A circuit breaker for a remote dependency (the SMTP sidecar): after
 * `failureThreshold` consecutive failures it opens and calls fail at once for
 * `openMs`; then one probe call is let through (half open) and its outcome
 * closes or reopens the circuit. One breaker per target per isolate, so an
 * unreachable sidecar costs a handful of timeouts, not one per request.
 */

export type BreakerState = "closed" | "open" | "half_open";

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit (default 5). */
  failureThreshold?: number;
  /** How long the circuit stays open before a probe (default 30 s). */
  openMs?: number;
  now?: () => number;
}

/** What /health/detailed shows about a breaker. */
export interface BreakerSnapshot {
  state: BreakerState;
  consecutive_failures: number;
  opened_at: string | null;
  retry_in_ms: number | null;
}

export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private probeInFlight = false;
  private readonly failureThreshold: number;
  private readonly openMs: number;
  private readonly now: () => number;

  constructor(options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 5;
    this.openMs = options.openMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.openedAt === null) return "closed";
    return this.now() - this.openedAt >= this.openMs ? "half_open" : "open";
  }

  /** True when a call may go ahead now; in the half-open state only one probe at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === "closed") return true;
    if (state === "open" || this.probeInFlight) return false;
    this.probeInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.failures = 0;
    this.openedAt = null;
    this.probeInFlight = false;
  }

  recordFailure(): void {
    this.failures += 1;
    const probeFailed = this.probeInFlight;
    this.probeInFlight = false;
    if (probeFailed || this.failures >= this.failureThreshold) this.openedAt = this.now();
  }

  snapshot(): BreakerSnapshot {
    const state = this.state;
    return {
      state,
      consecutive_failures: this.failures,
      opened_at: this.openedAt === null ? null : new Date(this.openedAt).toISOString(),
      retry_in_ms: state === "open" ? this.openMs - (this.now() - this.openedAt!) : null,
    };
  }
}

const breakers = new Map<string, CircuitBreaker>();

/** The isolate's breaker for a target (created on first use). */
export function breakerFor(target: string): CircuitBreaker {
  let breaker = breakers.get(target);
  if (!breaker) {
    breaker = new CircuitBreaker();
    breakers.set(target, breaker);
  }
  return breaker;
}
