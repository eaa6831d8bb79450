/**
 * An exact sliding-window log: the times of the requests granted in the last
 * `windowMs`, oldest first. A request is granted exactly when fewer than
 * `limit` were granted in the window ending now, so in every window of that
 * length, wherever it starts, no more than `limit` are granted, and a caller
 * who is refused has had exactly `limit` in the window ending at the refusal.
 * (A fixed window starting at the first hit admits up to twice the limit in a
 * minute that straddles two windows; leased batches counted as spent admitted
 * too few.) Pure: the RateLimiter Durable Object owns one per key.
 */

/** The outcome of one hit, in the terms of the X-RateLimit-* headers. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the oldest request counted now leaves the window (one more becomes available). */
  resetAt: number;
  /** Seconds until a request would be granted (0 when allowed). */
  retryAfter: number;
  /** Milliseconds until a request would be granted (0 when allowed): what a local refusal cache may trust. */
  retryAfterMs: number;
  /** Set when the key was blocked for good (e.g. "revoked"). */
  blocked?: string;
}

export class SlidingWindowLog {
  private times: number[];
  private head = 0;

  /** `times`: granted request times (ms), ascending, as `entries()` returned them. */
  constructor(times: readonly number[] = []) {
    this.times = [...times];
  }

  /** Grants one request at `now` if fewer than `limit` were granted in the window ending now. */
  hit(now: number, limit: number, windowMs: number): RateLimitDecision {
    const last = this.times[this.times.length - 1];
    const at = last !== undefined && last > now ? last : now; // a clock that steps back never reopens slots
    this.prune(at, windowMs);
    const count = this.times.length - this.head;
    if (count < limit) {
      this.times.push(at);
      return {
        allowed: true,
        limit,
        remaining: limit - count - 1,
        resetAt: Math.ceil((this.times[this.head]! + windowMs) / 1000),
        retryAfter: 0,
        retryAfterMs: 0,
      };
    }
    // The (count - limit + 1)-th oldest must leave before one more fits (more than one if the limit fell).
    const freesAt = this.times[this.head + count - limit]! + windowMs;
    const waitMs = Math.max(1, freesAt - at);
    return {
      allowed: false,
      limit,
      remaining: 0,
      resetAt: Math.ceil((this.times[this.head]! + windowMs) / 1000),
      retryAfter: Math.ceil(waitMs / 1000),
      retryAfterMs: waitMs,
    };
  }

  /** Requests counted in the window ending at `now`. */
  count(now: number, windowMs: number): number {
    this.prune(now, windowMs);
    return this.times.length - this.head;
  }

  /** The granted times still in the window, oldest first (for storage). */
  entries(): number[] {
    return this.times.slice(this.head);
  }

  /** Forgets every request that left the window ending at `now`; compacts now and then. */
  private prune(now: number, windowMs: number) {
    const cutoff = now - windowMs;
    while (this.head < this.times.length && this.times[this.head]! <= cutoff) this.head++;
    if (this.head > 1024 && this.head * 2 > this.times.length) {
      this.times = this.times.slice(this.head);
      this.head = 0;
    }
  }
}
