/** Handlers for API key management. */
import type { RouteHandler } from "@hono/zod-openapi";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Context } from "hono";
import { type ApiKey, apiKeys } from "../../db/schema.ts";
import { generateApiKey } from "../../domain/identity/api-key.ts";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { newId, nowIso } from "../../lib/ids.ts";
import { describeError } from "../../lib/logger.ts";
import { getPrincipal, getTenantScope } from "../../middleware/auth.ts";
import { apiKeyLimiterKey, leases } from "../../middleware/rate-limit.ts";
import { forgetApiKey } from "../../services/api-key-cache.ts";
import type { createApiKey, getApiKey, listApiKeys, revokeApiKey } from "./api-keys.routes.ts";

/** The public view of a key row: never the hash. */
export function apiKeyView(row: ApiKey) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    created_by: row.created_by,
    created_at: row.created_at,
    expires_at: row.expires_at,
    last_used_at: row.last_used_at,
    revoked_at: row.revoked_at,
  };
}

/**
 * Blocks the key's limiter so isolates that cached the key refuse it when
 * they next ask the limiter (at once here; elsewhere after at most one lease,
 * 2 s). D1 already says revoked; if the limiter cannot be reached even on a
 * retry, other isolates' caches still expire within API_KEY_CACHE_TTL_MS.
 */
async function blockRevokedKey(c: Context<AppEnv>, keyId: string) {
  forgetApiKey(keyId);
  leases.forget(apiKeyLimiterKey(keyId));
  const stub = c.env.RATE_LIMITER.get(c.env.RATE_LIMITER.idFromName(apiKeyLimiterKey(keyId)));
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      await stub.block("revoked");
      return;
    } catch (err) {
      c.var.log.error("could not block a revoked key's limiter", {
        key_id: keyId,
        attempt,
        ...describeError(err),
      });
    }
  }
}

const notFound = () => new ApiError("not_found", "No API key with that id");

export const createApiKeyHandler: RouteHandler<typeof createApiKey, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  const expiresAt = input.expires_at ? new Date(input.expires_at).toISOString() : null;
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
    created_by: getPrincipal(c).userId,
    created_at: nowIso(),
    expires_at: expiresAt,
  };
  await getTenantScope(c).insert(apiKeys, [row]);
  const view = apiKeyView({
    ...row,
    tenant_id: getPrincipal(c).tenantId,
    last_used_at: null,
    revoked_at: null,
  });
  return c.json({ ...view, key }, 201);
};

export const listApiKeysHandler: RouteHandler<typeof listApiKeys, AppEnv> = async (c) => {
  const { limit, offset } = c.req.valid("query");
  const rows = await getTenantScope(c)
    .select(apiKeys)
    .orderBy(desc(apiKeys.created_at), desc(apiKeys.id))
    .limit(limit)
    .offset(offset);
  return c.json({ results: rows.map(apiKeyView), limit, offset }, 200);
};

export const getApiKeyHandler: RouteHandler<typeof getApiKey, AppEnv> = async (c) => {
  const { key_id } = c.req.valid("param");
  const [row] = await getTenantScope(c).select(apiKeys, eq(apiKeys.id, key_id)).limit(1);
  if (!row) throw notFound();
  return c.json(apiKeyView(row), 200);
};

export const revokeApiKeyHandler: RouteHandler<typeof revokeApiKey, AppEnv> = async (c) => {
  const { key_id } = c.req.valid("param");
  const scope = getTenantScope(c);
  await scope.update(
    apiKeys,
    { revoked_at: nowIso() },
    and(eq(apiKeys.id, key_id), isNull(apiKeys.revoked_at)),
  );
  const [row] = await scope.select(apiKeys, eq(apiKeys.id, key_id)).limit(1);
  if (!row) throw notFound();
  await blockRevokedKey(c, row.id);
  c.var.log.info("api key revoked", { key_id: row.id });
  return c.json(apiKeyView(row), 200);
};
