/**
 * Leases held by one isolate, per limiter key: requests the limiter granted
 * ahead, spent here without a round trip, and each use remembered (as time
 * after the lease arrived) so the limiter can count it when the lease is
 * settled. A lease ends when it is used up, at its time to live less the
 * round trip that fetched it (so it never outlives the limiter's view of
 * it), or when the limit changes; the caller then settles it.
 */
import type { LeaseUse, RateLimitDecision } from "./rate-window.ts";

interface HeldLease {
  leaseId: string;
  limit: number;
  left: number;
  receivedAt: number;
  expires: number;
  rttMs: number;
  usedAfterMs: number[];
  decision: RateLimitDecision;
}

export class LeaseBook {
  private readonly leases = new Map<string, HeldLease>();

  constructor(private readonly maxKeys = 10_000) {}

  /** Spends one leased request for `key`, or undefined when no live lease has one left (settle it then). */
  take(key: string, limit: number, now = Date.now()): RateLimitDecision | undefined {
    const lease = this.leases.get(key);
    if (!lease || lease.limit !== limit || lease.left <= 0 || lease.expires <= now) return undefined;
    lease.left -= 1;
    lease.usedAfterMs.push(Math.max(0, now - lease.receivedAt));
    return { ...lease.decision, granted: 1, remaining: lease.decision.remaining + lease.left };
  }

  /**
   * Keeps the lease that came with `decision` (asked at `sentAt`, answered at
   * `receivedAt`, living `leaseMs` on the limiter's clock) and returns the
   * decision to report for the request that asked (the rest of the lease
   * still counts as remaining for this caller), and the use of the lease it
   * displaced, if any (concurrent requests each bring one), to settle.
   */
  store(
    key: string,
    limit: number,
    decision: RateLimitDecision,
    { sentAt, receivedAt, leaseMs }: { sentAt: number; receivedAt: number; leaseMs: number },
  ) {
    if (!decision.allowed || !decision.leaseId || decision.granted <= 1) return { decision };
    const rttMs = Math.max(0, receivedAt - sentAt);
    const displaced = this.release(key);
    if (this.leases.size >= this.maxKeys) this.leases.clear(); // unsettled leases count as used: never over
    this.leases.set(key, {
      leaseId: decision.leaseId,
      limit,
      left: decision.granted - 1,
      receivedAt,
      expires: receivedAt + leaseMs - rttMs,
      rttMs,
      usedAfterMs: [],
      decision,
    });
    const reported = { ...decision, granted: 1, remaining: decision.remaining + decision.granted - 1 };
    return displaced ? { decision: reported, displaced } : { decision: reported };
  }

  /** Ends the key's lease (only lease `leaseId` when given) and returns how it was used, to settle it. */
  release(key: string, leaseId?: string): LeaseUse | undefined {
    const lease = this.leases.get(key);
    if (!lease || (leaseId && lease.leaseId !== leaseId)) return undefined;
    this.leases.delete(key);
    return { leaseId: lease.leaseId, rttMs: lease.rttMs, usedAfterMs: lease.usedAfterMs };
  }
}
