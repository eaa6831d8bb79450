/**
 * RateLimiter: exact fixed-window counters, one object per key (an API key,
 * a user, a sign-in email). A Durable Object is single-threaded, so the
 * count cannot race; the window is kept in the object's SQLite storage so an
 * eviction does not hand out a fresh allowance.
 */
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";

/** The outcome of one hit, in the terms of the X-RateLimit-* headers. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Unix seconds when the current window ends. */
  resetAt: number;
  /** Seconds until the caller may retry (0 when allowed). */
  retryAfter: number;
}

interface WindowState {
  start: number;
  count: number;
}

/** Counts one hit against `limit` per `windowMs`, starting windows on the first hit. */
export function countHit(state: WindowState | undefined, now: number, limit: number, windowMs: number) {
  const current = state && now - state.start < windowMs ? state : { start: now, count: 0 };
  const allowed = current.count < limit;
  const next = { start: current.start, count: allowed ? current.count + 1 : current.count };
  const resetMs = current.start + windowMs;
  const decision: RateLimitDecision = {
    allowed,
    limit,
    remaining: Math.max(0, limit - next.count),
    resetAt: Math.ceil(resetMs / 1000),
    retryAfter: allowed ? 0 : Math.max(1, Math.ceil((resetMs - now) / 1000)),
  };
  return { next, decision };
}

export class RateLimiter extends DurableObject<Env> {
  /** Records one request and says whether it is within the limit. */
  hit(limit: number, windowMs: number): RateLimitDecision {
    const { next, decision } = countHit(
      this.ctx.storage.kv.get<WindowState>("w"),
      Date.now(),
      limit,
      windowMs,
    );
    this.ctx.storage.kv.put("w", next);
    return decision;
  }

  /** Forgets the window (after a successful sign-in, for example). */
  reset(): void {
    this.ctx.storage.kv.delete("w");
  }
}
