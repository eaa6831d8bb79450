/**
 * RateLimiter: one key's exact sliding-window limit (an API key, a user, a
 * sign-in email), with leases (domain/rate-limit/rate-window.ts). A Durable
 * Object is single-threaded, so the count cannot race. Every counted request
 * and every open lease is also written to the object's SQLite storage: an
 * idle object is dropped from memory after about 10 seconds (hibernation)
 * and on every deploy, and a limit must not hand out a fresh allowance then.
 *
 * A key can also be blocked for good (`block`): every later hit is refused
 * with the reason. Revoking an API key blocks its limiter, which is how a
 * revocation reaches isolates that still hold the key in their lookup cache.
 */
import { DurableObject } from "cloudflare:workers";
import {
  type Lease,
  type LeaseUse,
  type RateLimitDecision,
  RateWindow,
} from "../domain/rate-limit/rate-window.ts";
import { SlidingWindowLog } from "../domain/rate-limit/sliding-window.ts";
import type { Env } from "../env.ts";

export type { LeaseUse, RateLimitDecision };

export class RateLimiter extends DurableObject<Env> {
  private window: RateWindow | undefined;
  private blocked: string | null | undefined;
  /** Requests waiting for leases to be settled. */
  private readonly waiting = new Set<() => void>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS granted (t REAL NOT NULL);
      CREATE INDEX IF NOT EXISTS granted_t ON granted (t);
      CREATE TABLE IF NOT EXISTS leases (id TEXT PRIMARY KEY, size INTEGER NOT NULL,
        granted_at REAL NOT NULL, expires_at REAL NOT NULL)`);
  }

  /**
   * Counts one request against `limit` per `windowMs` and, with `want > 1`,
   * leases up to `want - 1` more for `leaseMs`; `settled` reports how
   * earlier leases were used. Waits (at most a lease's life) rather than refuse while the window
   * is full only of reservations.
   */
  async hit(
    limit: number,
    windowMs: number,
    want = 1,
    settled: LeaseUse[] = [],
    leaseMs = 2_000,
  ): Promise<RateLimitDecision> {
    this.blocked ??= this.ctx.storage.kv.get<string>("blocked") ?? null;
    if (this.blocked) return blockedDecision(limit, this.blocked);
    const window = this.load();
    this.applySettled(window, settled);
    const cappedLimit = Math.max(0, Math.floor(limit));
    for (;;) {
      const now = Date.now();
      this.expire(window, now);
      const lease = leaseMs > 0 ? Math.max(1, Math.floor(want)) : 1;
      const result = window.take(now, cappedLimit, windowMs, lease, leaseMs, () => crypto.randomUUID());
      if (result.kind === "wait") {
        await this.untilSettled(result.untilMs - now);
        continue;
      }
      if (result.decision.allowed) {
        this.ctx.storage.sql.exec("INSERT INTO granted (t) VALUES (?)", now);
        this.ctx.storage.sql.exec("DELETE FROM granted WHERE t <= ?", now - windowMs);
      }
      if (result.lease) this.storeLease(result.lease);
      return result.decision;
    }
  }

  /** Settles leases an isolate is done with (unused requests go back to the window). */
  settle(settled: LeaseUse[]): void {
    this.applySettled(this.load(), settled);
  }

  /** Refuses every later hit, permanently, with `reason`. */
  block(reason: string): void {
    this.blocked = reason;
    this.ctx.storage.kv.put("blocked", reason);
    this.wake();
  }

  /** Forgets every counted request and lease (after a successful sign-in, for example). */
  reset(): void {
    this.window = new RateWindow();
    this.ctx.storage.sql.exec("DELETE FROM granted; DELETE FROM leases");
    this.wake();
  }

  private load(): RateWindow {
    if (this.window) return this.window;
    const sql = this.ctx.storage.sql;
    const times = sql.exec<{ t: number }>("SELECT t FROM granted ORDER BY t").toArray();
    const leases = sql
      .exec<{ id: string; size: number; granted_at: number; expires_at: number }>("SELECT * FROM leases")
      .toArray()
      .map((row) => ({ id: row.id, size: row.size, grantedAt: row.granted_at, expiresAt: row.expires_at }));
    this.window = new RateWindow(new SlidingWindowLog(times.map((row) => row.t)), leases);
    return this.window;
  }

  private applySettled(window: RateWindow, settled: readonly LeaseUse[]) {
    if (settled.length === 0) return;
    const now = Date.now();
    for (const use of settled) {
      const outcome = window.settle(use, now);
      if (!outcome) continue;
      this.ctx.storage.sql.exec("DELETE FROM leases WHERE id = ?", outcome.lease.id);
      for (const t of outcome.counted) this.ctx.storage.sql.exec("INSERT INTO granted (t) VALUES (?)", t);
    }
    this.wake();
  }

  private expire(window: RateWindow, now: number) {
    for (const { lease, counted } of window.expire(now)) {
      this.ctx.storage.sql.exec("DELETE FROM leases WHERE id = ?", lease.id);
      for (const t of counted) this.ctx.storage.sql.exec("INSERT INTO granted (t) VALUES (?)", t);
    }
  }

  private storeLease(lease: Lease) {
    this.ctx.storage.sql.exec(
      "INSERT INTO leases (id, size, granted_at, expires_at) VALUES (?, ?, ?, ?)",
      lease.id,
      lease.size,
      lease.grantedAt,
      lease.expiresAt,
    );
  }

  /** Resolves when a lease is settled, the limiter is reset or blocked, or after `ms`. */
  private untilSettled(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiting.delete(done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(1, ms));
      this.waiting.add(done);
    });
  }

  private wake() {
    for (const done of [...this.waiting]) done();
  }
}

function blockedDecision(limit: number, reason: string): RateLimitDecision {
  return {
    allowed: false,
    granted: 0,
    limit,
    remaining: 0,
    resetAt: 0,
    retryAfter: 0,
    retryAfterMs: 0,
    blocked: reason,
  };
}
