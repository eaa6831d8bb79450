/**
 * Authentication and authorisation. `authenticate` turns the request's
 * credentials into a `Principal` (or throws a 401/403 ApiError);
 * `requireAuth` runs it as route middleware, enforces the credential's scope
 * for the HTTP method and an optional minimum role. Handlers read the caller
 * with `getPrincipal(c)` and tenant-owned data with `getTenantScope(c)`.
 *
 * Each door authenticates its own way (src/doors/doors.ts names which):
 * door 000 with `authenticate`, the JSON doors 001-004 with
 * `authenticateBearer` (access tokens and API keys only).
 *
 * API keys work in every AUTH_MODE, as `X-API-Key` or `Authorization: Bearer`;
 * their lookups are cached per isolate (services/api-key-cache.ts) and a
 * revocation reaches every isolate at once through the key's rate limiter.
 * So do our access tokens (a JWT whose `kid` is one of AUTH_TOKEN_KEYS,
 * checked against its session row on every request).
 * Otherwise the mode decides: `dev` trusts X-Tenant-Id / X-User-Id (only when
 * ENVIRONMENT=development; else every request gets 401), `hs256` verifies a
 * JWT, `session` reads the session cookie.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import {
  findApiKeyByHash,
  findSession,
  findUserWithTenant,
  provisionUser,
  touchApiKey,
} from "../db/identity.ts";
import { apiKeyScopes, type UserRole } from "../db/schema.ts";
import { type TenantScope, tenantScope } from "../db/tenant-scope.ts";
import { isOurAccessToken } from "../domain/identity/access-token.ts";
import { hashApiKey, isWellFormedApiKey, looksLikeApiKey } from "../domain/identity/api-key.ts";
import { apiKeyRefusalDetail, apiKeyRights } from "../domain/identity/api-key-rights.ts";
import { TokenError, verifyHs256Token } from "../domain/identity/jwt.ts";
import {
  type AuthMethod,
  externalIdPattern,
  type Principal,
  roleAtLeast,
  scopeForMethod,
} from "../domain/identity/principal.ts";
import { SESSION_COOKIE, sessionIdFor } from "../domain/identity/session-token.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { nowIso } from "../lib/ids.ts";
import { cachedApiKey, rememberApiKey } from "../services/api-key-cache.ts";
import { accessTokenPrincipal } from "../services/auth/access-tokens.ts";
import { userPrincipal } from "../services/auth/principals.ts";

type Ctx = Context<AppEnv>;

function bearerToken(c: Ctx): string | undefined {
  const header = c.req.header("Authorization");
  if (!header) return undefined;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiError("unauthorized", "Authorization header must be `Bearer <token>`");
  return match[1];
}

/** Turns a request's credentials into the caller (or throws a 401/403 ApiError); each door has one. */
export type Authenticate = (c: Ctx) => Promise<Principal>;

/**
 * Door 000: API keys and our access tokens in every AUTH_MODE; otherwise
 * the mode's credential (dev headers, a trusted HS256 JWT, the session cookie).
 */
export async function authenticate(c: Ctx): Promise<Principal> {
  const headerKey = c.req.header("X-API-Key");
  const bearer = bearerToken(c);
  if (headerKey !== undefined) return authenticateApiKey(c, headerKey.trim());
  if (bearer !== undefined && looksLikeApiKey(bearer)) return authenticateApiKey(c, bearer);
  if (bearer !== undefined && isOurAccessToken(bearer, c.var.config.tokenKeys)) {
    return authenticateAccessToken(c, bearer);
  }

  const { config } = c.var;
  switch (config.AUTH_MODE) {
    case "dev":
      // A browser sends no dev headers: in development, the dev sign-in's session cookie stands for them.
      if (config.isDevelopment && !c.req.header("X-Tenant-Id") && !c.req.header("X-User-Id")) {
        if (getCookie(c, SESSION_COOKIE)) return authenticateSession(c);
      }
      return authenticateDevHeaders(c);
    case "hs256":
      if (bearer === undefined)
        throw new ApiError("unauthorized", "Send `Authorization: Bearer <JWT>` or an API key");
      return authenticateJwt(c, bearer);
    case "session":
      if (bearer !== undefined) {
        throw new ApiError(
          "invalid_token",
          "Bearer tokens other than API keys are not accepted in session mode",
        );
      }
      return authenticateSession(c);
  }
}

/**
 * The JSON doors (001-004): `Authorization: Bearer <access token>` from
 * their sign-in, or an API key (`X-API-Key`, or `Bearer psk_...`), in every
 * AUTH_MODE. No cookies (these doors have no CSRF defence to lean on) and no
 * dev headers.
 */
export async function authenticateBearer(c: Ctx): Promise<Principal> {
  const headerKey = c.req.header("X-API-Key");
  const bearer = bearerToken(c);
  if (headerKey !== undefined) return authenticateApiKey(c, headerKey.trim());
  if (bearer === undefined) {
    throw new ApiError(
      "unauthorized",
      "Not authenticated: send `Authorization: Bearer <token>` or an API key",
    );
  }
  if (looksLikeApiKey(bearer)) return authenticateApiKey(c, bearer);
  return authenticateAccessToken(c, bearer);
}

async function authenticateAccessToken(c: Ctx, token: string): Promise<Principal> {
  const { principal, account } = await accessTokenPrincipal(c.var.db, c.var.config, token);
  c.set("account", account);
  return principal;
}

async function authenticateApiKey(c: Ctx, key: string): Promise<Principal> {
  if (!isWellFormedApiKey(key)) throw new ApiError("invalid_api_key", "The API key is not valid");
  const hash = await hashApiKey(key);
  let found = cachedApiKey(hash);
  if (!found) {
    found = (await findApiKeyByHash(c.var.db, hash)) ?? undefined;
    if (found && !found.key.revoked_at) rememberApiKey(hash, found);
  }
  if (!found) throw new ApiError("invalid_api_key", "The API key is not valid");
  const { key: row, tenantStatus, creator } = found;
  if (row.revoked_at) throw new ApiError("api_key_revoked", "The API key has been revoked");
  if (row.expires_at && row.expires_at <= nowIso())
    throw new ApiError("invalid_api_key", "The API key has expired");
  if (tenantStatus !== "active") throw new ApiError("forbidden", "The tenant is suspended");
  const scopes = row.scopes.filter((s) => apiKeyScopes.includes(s));
  const rights = apiKeyRights({ kind: row.kind, scopes, tenantId: row.tenant_id }, creator);
  if (!rights.ok) throw new ApiError("api_key_revoked", apiKeyRefusalDetail[rights.why]);
  runAfterResponse(c, touchApiKey(c.var.db, row.id, nowIso()));
  return {
    tenantId: row.tenant_id,
    userId: row.created_by,
    role: rights.role,
    isPlatformAdmin: false,
    method: "api_key",
    scopes,
    apiKeyId: row.id,
  };
}

async function authenticateDevHeaders(c: Ctx): Promise<Principal> {
  if (!c.var.config.isDevelopment) {
    throw new ApiError(
      "unauthorized",
      "AUTH_MODE=dev is refused unless ENVIRONMENT=development; use an API key",
    );
  }
  const tenantId = c.req.header("X-Tenant-Id");
  const userId = c.req.header("X-User-Id");
  if (!tenantId || !userId)
    throw new ApiError("unauthorized", "Send X-Tenant-Id and X-User-Id (AUTH_MODE=dev)");
  if (!externalIdPattern.test(tenantId) || !externalIdPattern.test(userId)) {
    throw new ApiError("unauthorized", "X-Tenant-Id and X-User-Id must be 1-128 letters, digits or ._:@-");
  }
  return provisionedPrincipal(c, tenantId, userId, "dev_headers");
}

async function authenticateJwt(c: Ctx, token: string): Promise<Principal> {
  try {
    const identity = await verifyHs256Token(token, c.var.config.AUTH_HS256_SECRET!);
    return await provisionedPrincipal(c, identity.tenantId, identity.userId, "jwt");
  } catch (err) {
    if (err instanceof TokenError)
      throw new ApiError("invalid_token", `The token was refused: ${err.message}`);
    throw err;
  }
}

/** Loads (creating on first sight) the user named by trusted headers or a verified token. */
async function provisionedPrincipal(c: Ctx, tenantId: string, userId: string, method: AuthMethod) {
  let found = await findUserWithTenant(c.var.db, userId);
  if (!found) {
    await provisionUser(c.var.db, tenantId, userId);
    found = await findUserWithTenant(c.var.db, userId);
  }
  if (!found) throw new Error(`user ${userId} missing right after provisioning`);
  if (found.user.tenant_id !== tenantId) {
    throw new ApiError("forbidden", "This user belongs to another tenant");
  }
  return userPrincipal(found.user, found.tenant, method);
}

async function authenticateSession(c: Ctx): Promise<Principal> {
  const cookie = getCookie(c, SESSION_COOKIE);
  if (!cookie) throw new ApiError("unauthorized", "Sign in first (POST /auth/session) or send an API key");
  const sessionId = await sessionIdFor(cookie);
  const found = sessionId ? await findSession(c.var.db, sessionId) : null;
  if (!found) throw new ApiError("unauthorized", "The session is not valid; sign in again");
  if (found.session.expires_at <= nowIso()) throw new ApiError("session_expired", "The session has expired");
  return { ...userPrincipal(found.user, found.tenant, "session"), sessionId: found.session.id };
}

function runAfterResponse(c: Ctx, work: Promise<unknown>) {
  const guarded = work.catch((err) =>
    c.var.log.warn("background work failed", { error_message: String(err) }),
  );
  try {
    c.executionCtx.waitUntil(guarded);
  } catch {
    // No execution context (app.request in unit tests): the promise still settles on its own.
  }
}

export interface RequireAuthOptions {
  /** Minimum role in the tenant (owner > admin > member). */
  role?: UserRole;
  /** Only platform administrators. */
  platformAdmin?: boolean;
}

/** Route middleware: authenticates (door 000's way unless told), checks scope for the method, then the role. */
export function requireAuth(options: RequireAuthOptions = {}, authenticateWith: Authenticate = authenticate) {
  return createMiddleware<AppEnv>(async function requireAuthMiddleware(c, next) {
    const principal = await authenticateWith(c);
    c.set("principal", principal);
    const needed = scopeForMethod(c.req.method);
    if (!principal.scopes.includes(needed)) {
      throw new ApiError("insufficient_scope", `This API key lacks the \`${needed}\` scope`);
    }
    if (options.role && !roleAtLeast(principal.role, options.role)) {
      throw new ApiError("forbidden", `This needs the ${options.role} role or higher`);
    }
    if (options.platformAdmin && !principal.isPlatformAdmin) {
      throw new ApiError("forbidden", "This needs a platform administrator");
    }
    await next();
  });
}

/** The authenticated caller; only valid on routes behind `requireAuth`. */
export function getPrincipal(c: Ctx): Principal {
  const principal = c.var.principal;
  if (!principal) throw new Error("getPrincipal called on a route without requireAuth");
  return principal;
}

/** Tenant-scoped queries for the caller's tenant: the one way handlers read the tenant. */
export function getTenantScope(c: Ctx): TenantScope {
  return tenantScope(c.var.db, getPrincipal(c).tenantId);
}
