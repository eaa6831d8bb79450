/**
 * RateLimiter: exact fixed-window counters, one object per key (an API key,
 * a user, a sign-in email). A Durable Object is single-threaded, so the
 * count cannot race. Windows up to a minute live in memory: an object is
 * only evicted after it has been idle for longer than that, by which time
 * the window is over anyway. Longer windows (sign-in throttling, 15 min) are
 * also written to the object's SQLite storage, so an eviction cannot hand
 * out a fresh allowance.
 *
 * A key can also be blocked for good (`block`): every later hit is refused
 * with the reason. Revoking an API key blocks its limiter, which is how a
 * revocation reaches isolates that still hold the key in their lookup cache.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";

/** The outcome of one hit, in the terms of the X-RateLimit-* headers. */
export interface RateLimitDecision {
  allowed: boolean;
  /** How many requests this call took (a lease may take several). */
  granted: number;
  limit: number;
  remaining: number;
  /** Unix seconds when the current window ends. */
  resetAt: number;
  /** Seconds until the caller may retry (0 when allowed). */
  retryAfter: number;
  /** Set when the key was blocked for good (e.g. "revoked"). */
  blocked?: string;
}

interface WindowState {
  start: number;
  count: number;
}

/**
 * Takes up to `want` requests' worth from `limit` per `windowMs` (windows
 * start on the first hit). Allowed when at least one was granted; never
 * grants past the limit.
 */
export function countHit(
  state: WindowState | undefined,
  now: number,
  limit: number,
  windowMs: number,
  want = 1,
) {
  const current = state && now - state.start < windowMs ? state : { start: now, count: 0 };
  const granted = Math.max(0, Math.min(want, limit - current.count));
  const allowed = granted > 0;
  const next = { start: current.start, count: current.count + granted };
  const resetMs = current.start + windowMs;
  const decision: RateLimitDecision = {
    allowed,
    granted,
    limit,
    remaining: Math.max(0, limit - next.count),
    resetAt: Math.ceil(resetMs / 1000),
    retryAfter: allowed ? 0 : Math.max(1, Math.ceil((resetMs - now) / 1000)),
  };
  return { next, decision };
}

/** Windows longer than this are persisted (a Durable Object idles longer than this before eviction). */
export const PERSIST_WINDOWS_LONGER_THAN_MS = 60_000;

export class RateLimiter extends DurableObject<Env> {
  private window: WindowState | undefined;
  private blocked: string | null | undefined;

  /** Records one request (or leases `want`) and says whether it is within the limit. */
  hit(limit: number, windowMs: number, want = 1): RateLimitDecision {
    this.blocked ??= this.ctx.storage.kv.get<string>("blocked") ?? null;
    if (this.blocked) {
      return {
        allowed: false,
        granted: 0,
        limit,
        remaining: 0,
        resetAt: 0,
        retryAfter: 0,
        blocked: this.blocked,
      };
    }
    const persist = windowMs > PERSIST_WINDOWS_LONGER_THAN_MS;
    const current = this.window ?? (persist ? this.ctx.storage.kv.get<WindowState>("w") : undefined);
    const { next, decision } = countHit(current, Date.now(), limit, windowMs, Math.max(1, Math.floor(want)));
    this.window = next;
    if (persist) this.ctx.storage.kv.put("w", next);
    return decision;
  }

  /** Refuses every later hit, permanently, with `reason`. */
  block(reason: string): void {
    this.blocked = reason;
    this.ctx.storage.kv.put("blocked", reason);
  }

  /** Forgets the window (after a successful sign-in, for example). */
  reset(): void {
    this.window = undefined;
    this.ctx.storage.kv.delete("w");
  }
}
