/**
 * Signing in with a password, shared by the JSON API (POST /auth/session)
 * and the sign-in page: throttled per address and per client, the same
 * answer for an unknown email and a wrong password (a dummy hash is checked
 * when there is no user, so the time is the same too), a new session whose
 * id rotates (the session the client held before is revoked), and the
 * cookie set. Pending and disabled accounts are refused by userPrincipal
 * (after the password was checked, so nothing is revealed without it).
 */
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { findUserByEmail } from "../../db/identity.ts";
import { sessions, users } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "../../domain/identity/password.ts";
import type { Principal } from "../../domain/identity/principal.ts";
import { newSessionToken, SESSION_COOKIE, sessionIdFor } from "../../domain/identity/session-token.ts";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { nowIso, sha256Hex } from "../../lib/ids.ts";
import { userPrincipal } from "../../middleware/auth.ts";
import { hitRateLimit } from "../../middleware/rate-limit.ts";

const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const SIGN_IN_PER_EMAIL = 10;
const SIGN_IN_PER_ADDRESS = 50;

async function throttleSignIn(c: Context<AppEnv>, email: string) {
  const address = c.req.header("CF-Connecting-IP") ?? "unknown";
  const checks = await Promise.all([
    hitRateLimit(c, `signin:email:${await sha256Hex(email)}`, SIGN_IN_PER_EMAIL, SIGN_IN_WINDOW_MS),
    hitRateLimit(c, `signin:ip:${address}`, SIGN_IN_PER_ADDRESS, SIGN_IN_WINDOW_MS),
  ]);
  const refused = checks.find((d) => d && !d.allowed);
  if (refused) {
    throw new ApiError("rate_limited", "Too many sign-in attempts; wait before trying again", {
      headers: { "Retry-After": String(refused.retryAfter) },
    });
  }
}

/** Signs in (ApiError on refusal) and sets the session cookie; returns the principal and its expiry. */
export async function signInWithPassword(
  c: Context<AppEnv>,
  email: string,
  password: string,
): Promise<{ principal: Principal; expiresAt: string }> {
  const { config, db } = c.var;
  if (config.AUTH_MODE !== "session") {
    throw new ApiError("forbidden", `Session sign-in is off (AUTH_MODE=${config.AUTH_MODE})`);
  }
  const normalized = email.trim().toLowerCase();
  await throttleSignIn(c, normalized);

  const found = await findUserByEmail(db, normalized);
  const passwordOk = await verifyPassword(password, found?.user.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!found?.user.password_hash || !passwordOk) {
    throw new ApiError("invalid_credentials", "The email or the password is wrong");
  }
  const { user, tenant } = found;
  const signedIn = userPrincipal(user, tenant, "session");

  const scope = tenantScope(db, tenant.id);
  const previous = getCookie(c, SESSION_COOKIE);
  const previousId = previous ? await sessionIdFor(previous) : null;
  const { token, sessionId } = await newSessionToken();
  const expiresAt = new Date(Date.now() + config.SESSION_TTL_HOURS * 3_600_000).toISOString();
  await db.batch([
    scope.insert(sessions, [
      {
        id: sessionId,
        user_id: user.id,
        created_at: nowIso(),
        expires_at: expiresAt,
        user_agent: c.req.header("User-Agent")?.slice(0, 256) ?? null,
      },
    ]),
    // The session id rotates on every sign-in: a cookie planted before sign-in is worthless after it.
    scope.update(sessions, { revoked_at: nowIso() }, eq(sessions.id, previousId ?? "")),
    ...(user.password_hash && needsRehash(user.password_hash)
      ? [scope.update(users, { password_hash: await hashPassword(password) }, eq(users.id, user.id))]
      : []),
  ]);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    secure: true,
    sameSite: "Lax",
    path: "/",
    maxAge: config.SESSION_TTL_HOURS * 3600,
  });
  c.var.log.info("signed in", { user_id: user.id, tenant_id: tenant.id });
  return { principal: { ...signedIn, sessionId }, expiresAt };
}

/** Signs out: the principal's session (if it is one) is revoked server-side and the cookie cleared. */
export async function signOut(c: Context<AppEnv>, principal: Principal | null): Promise<void> {
  if (principal?.sessionId) {
    await tenantScope(c.var.db, principal.tenantId).update(
      sessions,
      { revoked_at: nowIso() },
      eq(sessions.id, principal.sessionId),
    );
    c.var.log.info("signed out", { user_id: principal.userId });
  }
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true, httpOnly: true, sameSite: "Lax" });
}
