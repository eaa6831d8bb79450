/**
 * The session cookie at the edge: sign in with a password and set the
 * cookie, or sign out and clear it (the sign-in page, POST and DELETE
 * /auth/session). The work is services/auth/sign-in.ts; this reads the
 * request and writes the cookie.
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Principal } from "../domain/identity/principal.ts";
import { SESSION_COOKIE, sessionIdFor } from "../domain/identity/session-token.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
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

/** Signs out: the principal's session (if it is one) is revoked server-side and the cookie cleared. */
export async function signOutCookie(c: Ctx, principal: Principal | null): Promise<void> {
  if (await endSession(c.var.db, principal)) c.var.log.info("signed out", { user_id: principal?.userId });
  deleteCookie(c, SESSION_COOKIE, cookieOptions);
}
