/**
 * The small in-memory result cache: settled verdicts by lower-cased address,
 * for RESULT_CACHE_TTL_S, at most RESULT_CACHE_SIZE entries (oldest evicted
 * first). Unknown results are never cached: a retry should really retry.
 */
import { isSettledStatus, type MailboxVerdict } from "./verdict.ts";

/** Settled verdicts by address key. */
export class ResultCache {
  private readonly entries = new Map<string, { verdict: MailboxVerdict; at: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly clock: () => number;
  constructor(ttlMs: number, maxEntries: number, clock: () => number) {
    this.ttlMs = ttlMs;
    this.maxEntries = maxEntries;
    this.clock = clock;
  }

  /** A fresh cached verdict, or undefined. */
  get(key: string): MailboxVerdict | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.clock() - entry.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.verdict;
  }

  /** Keeps a verdict if it is settled (valid, invalid, risky). */
  set(key: string, verdict: MailboxVerdict): void {
    if (this.ttlMs <= 0 || this.maxEntries <= 0 || !isSettledStatus(verdict.status)) return;
    this.entries.delete(key);
    this.entries.set(key, { verdict, at: this.clock() });
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
