/**
 * Who may ingest: a machine presenting `Authorization: Bearer
 * <INGEST_HTTP_TOKEN>` (its uploads go to INGEST_TENANT_ID), or anyone the
 * normal API auth lets write. The token is checked here, before the normal
 * auth, so no other route knows about it: a bearer that is not the token
 * goes on to the usual checks (an API key, or a JWT in hs256 mode). The
 * comparison hashes both sides and compares the digests in constant time;
 * the token is never logged (the config key holds "TOKEN", which the logger
 * redacts, and nothing here logs the header).
 */
import { eq } from "drizzle-orm";
import { createMiddleware } from "hono/factory";
import { ConfigError } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { tenants } from "../../db/schema.ts";
import { looksLikeApiKey } from "../../domain/identity/api-key.ts";
import { timingSafeEqual } from "../../domain/identity/password.ts";
import type { Principal } from "../../domain/identity/principal.ts";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { requireAuth } from "../../middleware/auth.ts";

/** The API key id the ingest token's principal carries (its rate limit counts under it). */
export const INGEST_TOKEN_KEY_ID = "ingest_http_token";

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** True when `presented` is the configured token (constant time in the token's content). */
export async function isIngestToken(presented: string, configured: string): Promise<boolean> {
  return timingSafeEqual(await digest(presented), await digest(configured));
}

/** Route middleware: the ingest token, else requireAuth() (the write scope for POST). */
export function ingestAuth() {
  const userAuth = requireAuth();
  return createMiddleware<AppEnv>(async function ingestAuthMiddleware(c, next) {
    const { config } = c.var;
    const bearer = /^Bearer[ ]+(\S+)\s*$/i.exec(c.req.header("Authorization") ?? "")?.[1];
    if (config.INGEST_HTTP_TOKEN && bearer !== undefined && !looksLikeApiKey(bearer)) {
      if (await isIngestToken(bearer, config.INGEST_HTTP_TOKEN)) {
        c.set("principal", await ingestPrincipal(c.var.db, config.INGEST_TENANT_ID!));
        return next();
      }
      // Outside hs256 no other bearer than an API key is valid: say which credential failed.
      if (config.AUTH_MODE !== "hs256") throw new ApiError("invalid_token", "The bearer token was refused");
    }
    return userAuth(c, next);
  });
}

/**
 * The token's principal. The tenant must exist: creating it on first use
 * would turn a typo in INGEST_TENANT_ID into a tenant nobody can see.
 */
async function ingestPrincipal(db: Database, tenantId: string): Promise<Principal> {
  const [tenant] = await db
    .select({ status: tenants.status })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  if (!tenant) throw new ConfigError(`INGEST_TENANT_ID names no tenant (${tenantId}); create it first`);
  if (tenant.status !== "active") throw new ApiError("forbidden", "The tenant is suspended");
  // A write-only principal: the token can ingest and nothing else.
  return {
    tenantId,
    userId: null,
    role: "member",
    isPlatformAdmin: false,
    method: "ingest_token",
    scopes: ["write"],
    apiKeyId: INGEST_TOKEN_KEY_ID,
  };
}
