/**
 * Refusals remembered by one isolate, per limiter key, until the moment the
 * limiter said a request would next fit. A sliding window frees no slot
 * before then (requests only leave it by ageing, and nothing is handed
 * back), so answering 429 locally until then refuses nothing the limiter
 * would grant, and spares it a caller who keeps knocking. The time is
 * measured from before the limiter was asked, so it can only end early.
 */
import type { RateLimitDecision } from "./rate-window.ts";

interface Refusal {
  limit: number;
  until: number;
  decision: RateLimitDecision;
}

export class RefusalBook {
  private readonly refusals = new Map<string, Refusal>();

  constructor(private readonly maxKeys = 10_000) {}

  /** The refusal to repeat for `key` at `now`, with its wait recomputed, or undefined. */
  take(key: string, limit: number, now = Date.now()): RateLimitDecision | undefined {
    const refusal = this.refusals.get(key);
    if (!refusal) return undefined;
    if (refusal.limit !== limit || refusal.until <= now) {
      this.refusals.delete(key);
      return undefined;
    }
    const waitMs = refusal.until - now;
    return { ...refusal.decision, retryAfterMs: waitMs, retryAfter: Math.ceil(waitMs / 1000) };
  }

  /** Remembers a refusal the limiter gave to a request sent at `askedAt` (others are ignored). */
  store(key: string, decision: RateLimitDecision, askedAt: number): void {
    if (decision.allowed || decision.blocked || decision.retryAfterMs <= 0) return;
    if (this.refusals.size >= this.maxKeys) this.refusals.clear();
    this.refusals.set(key, { limit: decision.limit, until: askedAt + decision.retryAfterMs, decision });
  }

  /** Drops a key's refusal. */
  forget(key: string): void {
    this.refusals.delete(key);
  }
}
