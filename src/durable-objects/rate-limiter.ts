/**
 * RateLimiter: an exact sliding-window limit per key (an API key, a user, a
 * sign-in email), one object per key. A Durable Object is single-threaded,
 * so the count cannot race. Every granted request's time is written to the
 * object's SQLite storage as well as kept in memory: an idle object is
 * dropped from memory after about 10 seconds (hibernation) and on every
 * deploy, and a limit must not hand out a fresh allowance when that happens.
 *
 * A key can also be blocked for good (`block`): every later hit is refused
 * with the reason. Revoking an API key blocks its limiter, which is how a
 * revocation reaches isolates that still hold the key in their lookup cache.
 */
import { DurableObject } from "cloudflare:workers";
import { type RateLimitDecision, SlidingWindowLog } from "../domain/rate-limit/sliding-window.ts";
import type { Env } from "../env.ts";

export type { RateLimitDecision };

export class RateLimiter extends DurableObject<Env> {
  private log: SlidingWindowLog | undefined;
  private blocked: string | null | undefined;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS granted (t REAL NOT NULL)");
    ctx.storage.sql.exec("CREATE INDEX IF NOT EXISTS granted_t ON granted (t)");
  }

  /** Counts one request against `limit` per `windowMs` (a sliding window) and says whether it is allowed. */
  hit(limit: number, windowMs: number): RateLimitDecision {
    this.blocked ??= this.ctx.storage.kv.get<string>("blocked") ?? null;
    if (this.blocked) {
      return {
        allowed: false,
        limit,
        remaining: 0,
        resetAt: 0,
        retryAfter: 0,
        retryAfterMs: 0,
        blocked: this.blocked,
      };
    }
    this.log ??= new SlidingWindowLog(
      this.ctx.storage.sql
        .exec<{ t: number }>("SELECT t FROM granted ORDER BY t")
        .toArray()
        .map((row) => row.t),
    );
    const now = Date.now();
    const decision = this.log.hit(now, Math.max(0, Math.floor(limit)), windowMs);
    if (decision.allowed) {
      this.ctx.storage.sql.exec("INSERT INTO granted (t) VALUES (?)", now);
      this.ctx.storage.sql.exec("DELETE FROM granted WHERE t <= ?", now - windowMs);
    }
    return decision;
  }

  /** Refuses every later hit, permanently, with `reason`. */
  block(reason: string): void {
    this.blocked = reason;
    this.ctx.storage.kv.put("blocked", reason);
  }

  /** Forgets every counted request (after a successful sign-in, for example). */
  reset(): void {
    this.log = new SlidingWindowLog();
    this.ctx.storage.sql.exec("DELETE FROM granted");
  }
}
