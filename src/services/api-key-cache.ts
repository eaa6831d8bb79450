/**
 * Per-isolate cache of API key lookups (by secret hash), so a hot key costs
 * no D1 read. Entries live at most API_KEY_CACHE_TTL_MS. Revocation does not
 * wait for that: revoking blocks the key's RateLimiter object, which every
 * authenticated request consults, and drops the entry here. What the TTL
 * bounds is a tenant suspension, a key expiry change or a creator's lost
 * role reaching other isolates (a creator disabled, deleted or reset revokes
 * their keys, which is immediate as above).
 */
import type { ApiKey, UserRole, UserStatus } from "../db/schema.ts";

export const API_KEY_CACHE_TTL_MS = 30_000;
const MAX_ENTRIES = 5_000;

export interface CachedApiKey {
  key: ApiKey;
  tenantStatus: string;
  /** The user who made the key as they are now; null once deleted. */
  creator: { id: string; tenantId: string; role: UserRole; status: UserStatus } | null;
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

/** Drops every cached key made by a user (their role changed, so their keys' rights did). */
export function forgetApiKeysOf(userId: string): void {
  for (const [hash, entry] of entries) {
    if (entry.value.key.created_by !== userId) continue;
    entries.delete(hash);
    hashById.delete(entry.value.key.id);
  }
}

/** Drops a key from this isolate's cache (on revocation). */
export function forgetApiKey(keyId: string): void {
  const hash = hashById.get(keyId);
  if (hash) entries.delete(hash);
  hashById.delete(keyId);
}
