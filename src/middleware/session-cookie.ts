/**
 * The session cookie at the edge: sign in with a password (or, in
 * development, as a dev identity) and set the cookie, or sign out and clear
 * it (the sign-in page, POST and DELETE /auth/session). The work is services/auth/sign-in.ts; this reads the
 * request and writes the cookie.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { findUserWithTenant, provisionUser } from "../db/identity.ts";
import { externalIdPattern, type Principal } from "../domain/identity/principal.ts";
import { SESSION_COOKIE, sessionIdFor } from "../domain/identity/session-token.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { userPrincipal } from "../services/auth/principals.ts";
import { checkPassword, endSession, type Limiter, startCookieSession } from "../services/auth/sign-in.ts";
import { hitRateLimit } from "./rate-limit.ts";

type Ctx = Context<AppEnv>;

const cookieOptions = { path: "/", secure: true, httpOnly: true, sameSite: "Lax" } as const;

/** The request's client address, as Cloudflare reports it. */
export const clientAddressOf = (c: Ctx) => c.req.header("CF-Connecting-IP") ?? "unknown";

/** The named limiters of the request's RateLimiter namespace. */
export const limiterOf =
  (c: Ctx): Limiter =>
  (key, limit, windowMs) =>
    hitRateLimit(c, key, limit, windowMs);

/** Signs in (ApiError on refusal) and sets the session cookie; returns the principal and its expiry. */
export async function signInWithCookie(
  c: Ctx,
  email: string,
  password: string,
): Promise<{ principal: Principal; expiresAt: string }> {
  const { config, db, log } = c.var;
  if (config.AUTH_MODE !== "session") {
    throw new ApiError("forbidden", `Session sign-in is off (AUTH_MODE=${config.AUTH_MODE})`);
  }
  const signedIn = await checkPassword(
    { db, limiter: limiterOf(c), log },
    { email, password, clientAddress: clientAddressOf(c) },
    "session",
  );
  const previous = getCookie(c, SESSION_COOKIE);
  const { cookie, sessionId, expiresAt } = await startCookieSession(db, signedIn, {
    ttlHours: config.SESSION_TTL_HOURS,
    previousSessionId: previous ? await sessionIdFor(previous) : null,
    userAgent: c.req.header("User-Agent"),
  });
  setCookie(c, SESSION_COOKIE, cookie, { ...cookieOptions, maxAge: config.SESSION_TTL_HOURS * 3600 });
  log.info("signed in", { user_id: signedIn.user.id, tenant_id: signedIn.tenant.id });
  return { principal: { ...signedIn.principal, sessionId }, expiresAt };
}

/**
 * Development only (ENVIRONMENT=development, AUTH_MODE=dev): signs a browser
 * in as the identity the X-Tenant-Id / X-User-Id headers would name (made on
 * first sight, as those headers do), with an ordinary session cookie. 404
 * in every other environment or mode, as if it did not exist.
 */
export async function signInAsDevIdentity(c: Ctx, tenantId: string, userId: string): Promise<Principal> {
  const { config, db, log } = c.var;
  if (!config.isDevelopment || config.AUTH_MODE !== "dev") {
    throw new ApiError("not_found", "There is no development sign-in here");
  }
  if (!externalIdPattern.test(tenantId) || !externalIdPattern.test(userId)) {
    throw new ApiError("validation_failed", "Tenant and user ids are 1-128 letters, digits or ._:@-");
  }
  await provisionUser(db, tenantId, userId);
  const account = await findUserWithTenant(db, userId);
  if (!account || account.tenant.id !== tenantId) {
    throw new ApiError("forbidden", "This user belongs to another tenant");
  }
  const principal = userPrincipal(account.user, account.tenant, "session");
  const previous = getCookie(c, SESSION_COOKIE);
  const { cookie, sessionId } = await startCookieSession(
    db,
    { ...account, principal },
    {
      ttlHours: config.SESSION_TTL_HOURS,
      previousSessionId: previous ? await sessionIdFor(previous) : null,
      userAgent: c.req.header("User-Agent"),
    },
  );
  setCookie(c, SESSION_COOKIE, cookie, { ...cookieOptions, maxAge: config.SESSION_TTL_HOURS * 3600 });
  log.info("signed in as a development identity", { user_id: userId, tenant_id: tenantId });
  return { ...principal, sessionId };
}

/** Signs out: the principal's session (if it is one) is revoked server-side and the cookie cleared. */
export async function signOutCookie(c: Ctx, principal: Principal | null): Promise<void> {
  if (await endSession(c.var.db, principal)) c.var.log.info("signed out", { user_id: principal?.userId });
  deleteCookie(c, SESSION_COOKIE, cookieOptions);
}
