/**
 * Catch-all detection support: the random local part probed once per domain
 * (no real mailbox is 24 random letters), and the per-domain answer cache
 * with its TTL. A domain that accepts the random address accepts anything,
 * so its "accepted" replies prove nothing. While a domain's answer is not
 * known, the same probe address is used again (for an hour): greylisting
 * servers remember each recipient, so a retry of a greylisted probe must
 * ask for the same one, or it is greylisted anew forever.
 */
import { randomInt } from "node:crypto";

/** 24 random lower-case letters. */
export function randomLocalPart(length = 24): string {
  let out = "";
  for (let i = 0; i < length; i++) out += String.fromCharCode(97 + randomInt(26));
  return out;
}

/** How long an undetermined domain keeps its probe address (greylisting waits are minutes). */
const PROBE_REUSE_MS = 60 * 60_000;

/** Per-domain catch-all answers, forgotten after `ttlMs`. */
export class CatchAllCache {
  private readonly entries = new Map<string, { catchAll: boolean; at: number }>();
  private readonly probes = new Map<string, { local: string; at: number }>();
  private readonly ttlMs: number;
  private readonly clock: () => number;
  private readonly maxEntries: number;
  constructor(ttlMs: number, clock: () => number, maxEntries = 50_000) {
    this.ttlMs = ttlMs;
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  /** The cached answer, or undefined when unknown or expired. */
  get(domain: string): boolean | undefined {
    const entry = this.entries.get(domain);
    if (!entry) return undefined;
    if (this.clock() - entry.at >= this.ttlMs) {
      this.entries.delete(domain);
      return undefined;
    }
    return entry.catchAll;
  }

  /** The random local part to probe `domain` with: the one used before while the answer is pending. */
  probeLocalPart(domain: string): string {
    const now = this.clock();
    const pending = this.probes.get(domain);
    if (pending && now - pending.at < PROBE_REUSE_MS) return pending.local;
    const local = randomLocalPart();
    this.probes.delete(domain);
    this.probes.set(domain, { local, at: now });
    if (this.probes.size > this.maxEntries) this.probes.delete(this.probes.keys().next().value!);
    return local;
  }

  /** Stores a determined answer. */
  set(domain: string, catchAll: boolean): void {
    this.probes.delete(domain);
    if (this.ttlMs <= 0) return;
    this.entries.delete(domain);
    this.entries.set(domain, { catchAll, at: this.clock() });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
