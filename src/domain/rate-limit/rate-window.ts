/**
 * One key's exact sliding-window limit, with leases. A lease lets an isolate
 * admit a few requests without a round trip; the limiter counts them as
 * reserved until the isolate settles the lease, saying when it used each
 * one, and from then on counts only those. So:
 *
 * - never more than `limit` in any window: a leased request is counted from
 *   the grant (reserved) and then from a time no earlier than its real use;
 * - a refusal only when the window holds `limit` requests really made: when
 *   the window is full only because of reservations, the caller is told to
 *   wait for them to be settled (at most the lease's time to live) instead;
 * - leases shrink as the window fills (a quarter of what is free), so
 *   reservations are small exactly when they could hold anyone up.
 *
 * A lease never settled (its isolate died) counts as wholly used at its
 * expiry, the latest moment it could have been used. Pure; the RateLimiter
 * Durable Object owns one per key and stores what it holds.
 */
import { SlidingWindowLog } from "./sliding-window.ts";

/** The outcome of one request, in the terms of the X-RateLimit-* headers. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Requests granted: 1 plus a lease of `granted - 1` for the caller to use within its time to live. */
  granted: number;
  limit: number;
  remaining: number;
  /** Unix seconds when the oldest request counted now leaves the window (one more becomes available). */
  resetAt: number;
  /** Seconds until a request would be granted (0 when allowed). */
  retryAfter: number;
  /** Milliseconds until a request would be granted (0 when allowed): what a local refusal cache may trust. */
  retryAfterMs: number;
  /** Set with `granted > 1`: the lease to settle. */
  leaseId?: string;
  /** Set when the key was blocked for good (e.g. "revoked"). */
  blocked?: string;
}

/** Requests reserved for an isolate and not settled yet. */
export interface Lease {
  id: string;
  size: number;
  grantedAt: number;
  expiresAt: number;
}

/**
 * How an isolate used a lease: `rttMs`, the round trip of the call that got
 * it, and each use as milliseconds after the lease arrived. A use happened
 * at most `grantedAt + rttMs + offset` on the limiter's clock, whatever the
 * two clocks say, so that is the time counted.
 */
export interface LeaseUse {
  leaseId: string;
  rttMs: number;
  usedAfterMs: number[];
}

export type TakeResult =
  | { kind: "decided"; decision: RateLimitDecision; lease?: Lease }
  | { kind: "wait"; untilMs: number };

/**
 * Time a lease may go unsettled past its expiry before it is counted as
 * wholly used: long enough for an isolate's settle timer on a loaded machine,
 * short enough that a dead isolate's reservation holds nobody up for long.
 */
export const LEASE_SETTLE_GRACE_MS = 3_000;

export class RateWindow {
  private readonly leases = new Map<string, Lease>();

  constructor(
    readonly log = new SlidingWindowLog(),
    leases: readonly Lease[] = [],
  ) {
    for (const lease of leases) this.leases.set(lease.id, lease);
  }

  /** The reservations not settled yet. */
  outstanding(): Lease[] {
    return [...this.leases.values()];
  }

  /**
   * Takes one request at `now`, plus a lease of up to `want - 1` more that
   * live `ttlMs`; or says to wait for reservations to be settled. Call
   * `expire(now)` first.
   */
  take(now: number, limit: number, windowMs: number, want: number, ttlMs: number, newId: () => string) {
    const used = this.log.count(now, windowMs);
    const reserved = this.reserved();
    const free = limit - used - reserved;
    const resetAt = Math.ceil(((this.log.oldest() ?? now) + windowMs) / 1000);
    if (free >= 1) {
      this.log.add(now);
      const extra = want > 1 ? Math.min(want - 1, Math.floor((free - 1) / 4)) : 0;
      const lease =
        extra > 0 ? { id: newId(), size: extra, grantedAt: now, expiresAt: now + ttlMs } : undefined;
      if (lease) this.leases.set(lease.id, lease);
      const decision: RateLimitDecision = {
        allowed: true,
        granted: 1 + extra,
        limit,
        remaining: free - 1 - extra,
        resetAt: Math.ceil(((this.log.oldest() ?? now) + windowMs) / 1000),
        retryAfter: 0,
        retryAfterMs: 0,
        ...(lease ? { leaseId: lease.id } : {}),
      };
      return { kind: "decided", decision, ...(lease ? { lease } : {}) } satisfies TakeResult;
    }
    if (reserved > 0) {
      const settledBy = Math.min(...this.outstanding().map((l) => l.expiresAt)) + LEASE_SETTLE_GRACE_MS;
      return { kind: "wait", untilMs: settledBy } satisfies TakeResult;
    }
    // Full with requests really made: the (used - limit + 1)-th oldest must leave first.
    const freesAt = (this.log.oldest(Math.max(0, used - limit)) ?? now) + windowMs;
    const waitMs = Math.max(1, freesAt - now);
    const decision: RateLimitDecision = {
      allowed: false,
      granted: 0,
      limit,
      remaining: 0,
      resetAt,
      retryAfter: Math.ceil(waitMs / 1000),
      retryAfterMs: waitMs,
    };
    return { kind: "decided", decision } satisfies TakeResult;
  }

  /**
   * Replaces a lease's reservation by the uses it reports (the times counted
   * are returned for storage); null for a lease unknown here (already
   * settled, or expired and counted as used).
   */
  settle(use: LeaseUse, now: number): { lease: Lease; counted: number[] } | null {
    const lease = this.leases.get(use.leaseId);
    if (!lease) return null;
    this.leases.delete(lease.id);
    const latest = Math.min(now, lease.expiresAt);
    const counted = use.usedAfterMs.slice(0, lease.size).map((offset) => {
      const at = lease.grantedAt + Math.max(0, use.rttMs) + Math.max(0, offset);
      return Math.min(Math.max(at, lease.grantedAt), latest);
    });
    for (const at of counted) this.log.add(at);
    return { lease, counted };
  }

  /** Leases unsettled past their expiry and grace, counted as wholly used at expiry (returned for storage). */
  expire(now: number): { lease: Lease; counted: number[] }[] {
    const gone: { lease: Lease; counted: number[] }[] = [];
    for (const lease of this.leases.values()) {
      if (lease.expiresAt + LEASE_SETTLE_GRACE_MS > now) continue;
      this.leases.delete(lease.id);
      const counted = Array.from({ length: lease.size }, () => lease.expiresAt);
      for (const at of counted) this.log.add(at);
      gone.push({ lease, counted });
    }
    return gone;
  }

  private reserved(): number {
    let n = 0;
    for (const lease of this.leases.values()) n += lease.size;
    return n;
  }
}
