/**
 * Time budgets: a request's deadline that every wait is bounded by, a
 * sleep that respects it, and the jittered exponential back-off used after
 * busy replies.
 */

/** An absolute point in time on an injectable clock. */
export class Deadline {
  readonly at: number;
  private readonly clock: () => number;
  constructor(at: number, clock: () => number) {
    this.at = at;
    this.clock = clock;
  }

  /** Milliseconds left (0 once passed). */
  remaining(): number {
    return Math.max(0, this.at - this.clock());
  }

  /** True once the deadline has passed. */
  expired(): boolean {
    return this.remaining() <= 0;
  }

  /** `ms`, or what is left when that is less. */
  bound(ms: number): number {
    return Math.min(ms, this.remaining());
  }
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

/** Back-off before retry number `attempt` (0-based): base * 2^attempt, jittered to 50-100 %, at most 30 s. */
export function backoffDelay(baseMs: number, attempt: number, random: () => number = Math.random): number {
  const full = Math.min(30_000, baseMs * 2 ** attempt);
  return Math.round(full * (0.5 + random() * 0.5));
}
