/**
 * Per-isolate cache of API key lookups (by secret hash), so a hot key costs
 * no D1 read. Entries live at most API_KEY_CACHE_TTL_MS. Revocation does not
 * wait for that: revoking blocks the key's RateLimiter object, which every
 * authenticated request consults, and drops the entry here. What the TTL
 * bounds is a tenant suspension or a key expiry change reaching other isolates.
 */
import type { ApiKey } from "../db/schema.ts";

export const API_KEY_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 5_000;

export interface CachedApiKey {
  key: ApiKey;
  tenantStatus: string;
}

const entries = new Map<string, { value: CachedApiKey; expires: number }>();
const hashById = new Map<string, string>();

/** The cached lookup for a key hash, if fresh. */
export function cachedApiKey(hash: string, now = Date.now()): CachedApiKey | undefined {
  const entry = entries.get(hash);
  if (!entry) return undefined;
  if (entry.expires <= now) {
    entries.delete(hash);
    return undefined;
  }
  return entry.value;
}

/** Remembers a lookup (only of usable keys: revoked ones are refused from D1 every time). */
export function rememberApiKey(hash: string, value: CachedApiKey, now = Date.now()): void {
  if (entries.size >= MAX_ENTRIES) {
    entries.clear();
    hashById.clear();
  }
  entries.set(hash, { value, expires: now + API_KEY_CACHE_TTL_MS });
  hashById.set(value.key.id, hash);
}

/** Drops a key from this isolate's cache (on revocation). */
export function forgetApiKey(keyId: string): void {
  const hash = hashById.get(keyId);
  if (hash) entries.delete(hash);
  hashById.delete(keyId);
}
