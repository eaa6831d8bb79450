/**
 * Requests leased from a rate limiter and not used yet, per limiter key, in
 * one isolate. Spending from a lease needs no round trip; a lease ends when
 * it is used up, after its time to live, or when the limit changes. Unused
 * leased requests simply expire: the limiter already counted them, so the
 * limit can be reached a little early, never exceeded.
 */
import type { RateLimitDecision } from "../../durable-objects/rate-limiter.ts";

interface Lease {
  limit: number;
  left: number;
  expires: number;
  decision: RateLimitDecision;
}

export class LeaseBook {
  private readonly leases = new Map<string, Lease>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Spends one leased request for `key`, returning the decision to report, or undefined if none is left. */
  take(key: string, limit: number, now = Date.now()): RateLimitDecision | undefined {
    const lease = this.leases.get(key);
    if (!lease || lease.limit !== limit || lease.left <= 0 || lease.expires <= now) {
      if (lease) this.leases.delete(key);
      return undefined;
    }
    lease.left -= 1;
    return { ...lease.decision, granted: 1, remaining: lease.decision.remaining + lease.left };
  }

  /**
   * Records a fresh decision from the limiter, whose first granted request is
   * being used now, and returns the decision to report for it (the rest of
   * the lease still counts as remaining for this caller).
   */
  store(key: string, limit: number, decision: RateLimitDecision, now = Date.now()): RateLimitDecision {
    if (!decision.allowed || decision.granted <= 1) {
      this.leases.delete(key);
      return decision;
    }
    if (this.leases.size >= this.maxKeys) this.leases.clear();
    this.leases.set(key, {
      limit,
      left: decision.granted - 1,
      expires: Math.min(now + this.ttlMs, decision.resetAt * 1000),
      decision,
    });
    return { ...decision, granted: 1, remaining: decision.remaining + decision.granted - 1 };
  }

  /** Drops a key's lease (when its credential is revoked). */
  forget(key: string): void {
    this.leases.delete(key);
  }
}
