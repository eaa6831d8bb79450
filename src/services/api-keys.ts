/**
 * The tenant's API keys, shared by the JSON API (/api-keys) and the settings
 * page: creating one (the secret leaves here once, only its hash is kept),
 * listing, finding, and revoking, which also blocks the key everywhere at
 * once (this isolate's cache and the key's rate limiter).
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type ApiKey, type ApiKeyKind, type ApiKeyScope, apiKeys, type UserRole } from "../db/schema.ts";
import { tenantScope } from "../db/tenant-scope.ts";
import { generateApiKey } from "../domain/identity/api-key.ts";
import type { Principal } from "../domain/identity/principal.ts";
import { allPolicyKeys } from "../domain/rate-limit/door-policies.ts";
import type { Env } from "../env.ts";
import { ApiError } from "../errors.ts";
import { newId, nowIso } from "../lib/ids.ts";
import { describeError, type Logger } from "../lib/logger.ts";
import { forgetApiKey } from "./api-key-cache.ts";
import { apiKeyLimiterKey, leases, refusals } from "./rate-limit-state.ts";

/** The public view of a key row: never the hash. */
export function apiKeyView(row: ApiKey) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    kind: row.kind,
    created_by: row.created_by,
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}

export type ApiKeyView = ReturnType<typeof apiKeyView>;

export interface NewApiKey {
  name: string;
  scopes: ApiKeyScope[];
  /** `user` (the default) acts with at most its creator's rights; `service` keys are made by owners. */
  kind?: ApiKeyKind;
  /** ISO 8601; null for a key that never expires. */
  expiresAt: string | null;
}

/** Who makes or revokes a key: their tenant, id, current role and whether they hold a key themselves. */
export interface KeyManager {
  tenantId: string;
  userId: string | null;
  role: UserRole;
  /** True when the caller authenticated with an API key (keys never make service keys). */
  viaApiKey: boolean;
}

/** The key manager a principal is. */
export function keyManagerOf(principal: Principal): KeyManager {
  return {
    tenantId: principal.tenantId,
    userId: principal.userId,
    role: principal.role,
    viaApiKey: principal.method === "api_key",
  };
}

function assertMayManageServiceKeys(manager: KeyManager) {
  if (manager.role !== "owner" || manager.viaApiKey || !manager.userId) {
    throw new ApiError("forbidden", "Service keys are made and revoked by owners, signed in as themselves");
  }
}

/**
 * Creates a key for the tenant. Returns its view and the secret (the only
 * time it exists outside the caller's hands). A past expiry is refused with
 * a validation_failed ApiError on `expires_at`; a service key by anyone but
 * a signed-in owner with 403.
 */
export async function createApiKey(
  db: Database,
  creator: KeyManager,
  input: NewApiKey,
): Promise<{ view: ApiKeyView; key: string }> {
  const kind = input.kind ?? "user";
  if (kind === "service") assertMayManageServiceKeys(creator);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
  if (expiresAt && expiresAt <= nowIso()) {
    throw new ApiError("validation_failed", "expires_at must be in the future", {
      fields: { expires_at: "must be in the future" },
    });
  }
  const { key, prefix, hash } = await generateApiKey();
  const row = {
    id: newId("key"),
    name: input.name,
    prefix,
    key_hash: hash,
    scopes: input.scopes,
    kind,
    created_by: creator.userId,
    created_at: nowIso(),
    expires_at: expiresAt,
  };
  await tenantScope(db, creator.tenantId).insert(apiKeys, [row]);
  const view = apiKeyView({ ...row, tenant_id: creator.tenantId, last_used_at: null, revoked_at: null });
  return { view, key };
}

/** A page of the tenant's keys, newest first, revoked ones included. */
export async function listApiKeys(
  db: Database,
  tenantId: string,
  page: { limit: number; offset: number },
): Promise<ApiKeyView[]> {
  const rows = await tenantScope(db, tenantId)
    .select(apiKeys)
    .orderBy(desc(apiKeys.created_at), desc(apiKeys.id))
    .limit(page.limit)
    .offset(page.offset);
  return rows.map(apiKeyView);
}

/** One of the tenant's keys, or null (also for another tenant's). */
export async function findApiKey(db: Database, tenantId: string, keyId: string): Promise<ApiKeyView | null> {
  const [row] = await tenantScope(db, tenantId).select(apiKeys, eq(apiKeys.id, keyId)).limit(1);
  return row ? apiKeyView(row) : null;
}

export interface RevokeDeps {
  db: Database;
  limiter: Env["RATE_LIMITER"];
  log: Logger;
}

/**
 * Revokes one of the tenant's keys (a revoked key stays as it was) and
 * blocks it; null when the tenant has no such key. Service keys only by a
 * signed-in owner (403 otherwise).
 */
export async function revokeApiKey(
  deps: RevokeDeps,
  manager: KeyManager,
  keyId: string,
): Promise<ApiKeyView | null> {
  const scope = tenantScope(deps.db, manager.tenantId);
  const [existing] = await scope.select(apiKeys, eq(apiKeys.id, keyId)).limit(1);
  if (!existing) return null;
  if (existing.kind === "service") assertMayManageServiceKeys(manager);
  await scope.update(
    apiKeys,
    { revoked_at: nowIso() },
    and(eq(apiKeys.id, keyId), isNull(apiKeys.revoked_at)),
  );
  const [row] = await scope.select(apiKeys, eq(apiKeys.id, keyId)).limit(1);
  if (!row) return null;
  await blockRevokedKey(deps, row.id);
  deps.log.info("api key revoked", { key_id: row.id });
  return apiKeyView(row);
}

/**
 * Revokes every live `user` key a user made (their account was disabled or
 * deleted, or their password reset) and blocks each one everywhere. Service
 * keys stay. Returns the ids revoked.
 */
export async function revokeKeysOfUser(
  deps: RevokeDeps,
  tenantId: string,
  userId: string,
): Promise<string[]> {
  const revoked = await tenantScope(deps.db, tenantId)
    .update(
      apiKeys,
      { revoked_at: nowIso() },
      and(eq(apiKeys.created_by, userId), eq(apiKeys.kind, "user"), isNull(apiKeys.revoked_at)),
    )
    .returning({ id: apiKeys.id });
  await blockKeys(
    deps,
    revoked.map((row) => row.id),
  );
  return revoked.map((row) => row.id);
}

/** Blocks keys that D1 already says are revoked (by this request or a trigger). */
export async function blockKeys(deps: RevokeDeps, keyIds: readonly string[]): Promise<void> {
  for (const id of keyIds) {
    await blockRevokedKey(deps, id);
    deps.log.info("api key revoked", { key_id: id });
  }
}

/**
 * Blocks the key's limiter so isolates that cached the key refuse it when
 * they next ask the limiter (at once here; elsewhere after at most one lease,
 * RATE_LIMIT_LEASE_MS; an isolate answering 429 from memory answers 401
 * once that ends). D1 already says revoked; if the limiter cannot be reached even on a
 * retry, other isolates' caches still expire within API_KEY_CACHE_TTL_MS.
 */
async function blockRevokedKey(deps: RevokeDeps, keyId: string) {
  forgetApiKey(keyId);
  // Every door counts the key on its own limiter objects: each one carries the revocation.
  await Promise.all(allPolicyKeys(apiKeyLimiterKey(keyId)).map((key) => blockLimiter(deps, keyId, key)));
}

async function blockLimiter(deps: RevokeDeps, keyId: string, limiterKey: string) {
  leases.release(limiterKey);
  refusals.forget(limiterKey);
  const stub = deps.limiter.get(deps.limiter.idFromName(limiterKey));
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await stub.block("revoked");
      return;
    } catch (err) {
      deps.log.error("could not block a revoked key's limiter", {
        key_id: keyId,
        limiter: limiterKey.includes("|") ? limiterKey.split("|")[1] : "000",
        attempt,
        ...describeError(err),
      });
    }
  }
}
