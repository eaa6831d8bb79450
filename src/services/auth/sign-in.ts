/**
 * Signing in with a password, for every door: the sign-in page and POST
 * /auth/session (a session cookie), POST /api/auth/login and POST
 * /api/v1/auth/token (an access token). Throttled per address and per
 * client, the same answer for an unknown email and a wrong password (a dummy
 * hash is checked when there is no user, so the time is the same too), and
 * pending or disabled accounts refused by userPrincipal only after the
 * password was checked, so nothing is revealed without it.
 *
 * Plain inputs: the edge (middleware/session-cookie.ts, the doors' routes)
 * reads the request and sets cookies.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { findUserByEmail, type UserWithTenant } from "../../db/identity.ts";
import { sessions, users } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  needsRehash,
  verifyPassword,
} from "../../domain/identity/password.ts";
import type { AuthMethod, Principal } from "../../domain/identity/principal.ts";
import { newSessionToken } from "../../domain/identity/session-token.ts";
import type { RateLimitDecision } from "../../durable-objects/rate-limiter.ts";
import { ApiError } from "../../errors.ts";
import { nowIso, sha256Hex } from "../../lib/ids.ts";
import type { Logger } from "../../lib/logger.ts";
import { userPrincipal } from "./principals.ts";

const SIGN_IN_WINDOW_MS = 15 * 60_000;
export const SIGN_IN_PER_EMAIL = 10;
const SIGN_IN_PER_ADDRESS = 50;

/** Counts one hit on a named limiter; null when the limiter cannot be reached (fail open). */
export type Limiter = (key: string, limit: number, windowMs: number) => Promise<RateLimitDecision | null>;

/** What signing in works with. */
export interface SignInDeps {
  db: Database;
  limiter: Limiter;
  log: Logger;
}

/** Someone who proved their password: the account and the principal it acts as. */
export interface SignedIn extends UserWithTenant {
  principal: Principal;
}

async function throttleSignIn(limiter: Limiter, email: string, clientAddress: string) {
  const checks = await Promise.all([
    limiter(`signin:email:${await sha256Hex(email)}`, SIGN_IN_PER_EMAIL, SIGN_IN_WINDOW_MS),
    limiter(`signin:ip:${clientAddress}`, SIGN_IN_PER_ADDRESS, SIGN_IN_WINDOW_MS),
  ]);
  const refused = checks.find((d) => d && !d.allowed);
  if (refused) {
    throw new ApiError("rate_limited", "Too many sign-in attempts; wait before trying again", {
      headers: { "Retry-After": String(refused.retryAfter) },
    });
  }
}

/** Checks an email and password (ApiError on refusal); a stale password hash is upgraded. */
export async function checkPassword(
  { db, limiter }: SignInDeps,
  attempt: { email: string; password: string; clientAddress: string },
  method: AuthMethod,
): Promise<SignedIn> {
  const email = attempt.email.trim().toLowerCase();
  await throttleSignIn(limiter, email, attempt.clientAddress);
  const found = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(attempt.password, found?.user.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!found?.user.password_hash || !passwordOk) {
    throw new ApiError("invalid_credentials", "The email or the password is wrong");
  }
  const principal = userPrincipal(found.user, found.tenant, method);
  if (needsRehash(found.user.password_hash)) {
    await tenantScope(db, found.tenant.id).update(
      users,
      { password_hash: await hashPassword(attempt.password) },
      eq(users.id, found.user.id),
    );
  }
  return { ...found, principal };
}

/**
 * Starts a cookie session for someone signed in; the session they held
 * before (`previousSessionId`) is revoked, so the id rotates on every
 * sign-in and a cookie planted before it is worthless after it.
 */
export async function startCookieSession(
  db: Database,
  signedIn: SignedIn,
  options: { ttlHours: number; previousSessionId: string | null; userAgent: string | undefined },
): Promise<{ cookie: string; sessionId: string; expiresAt: string }> {
  const scope = tenantScope(db, signedIn.tenant.id);
  const { token, sessionId } = await newSessionToken();
  const expiresAt = new Date(Date.now() + options.ttlHours * 3_600_000).toISOString();
  await db.batch([
    scope.insert(sessions, [
      {
        id: sessionId,
        user_id: signedIn.user.id,
        created_at: nowIso(),
        expires_at: expiresAt,
        user_agent: options.userAgent?.slice(0, 256) ?? null,
        kind: "cookie",
      },
    ]),
    scope.update(sessions, { revoked_at: nowIso() }, eq(sessions.id, options.previousSessionId ?? "")),
  ]);
  return { cookie: token, sessionId, expiresAt };
}

/** Ends the principal's session (cookie or access token), if it has one: revoked server-side at once. */
export async function endSession(db: Database, principal: Principal | null): Promise<boolean> {
  if (!principal?.sessionId) return false;
  await tenantScope(db, principal.tenantId).update(
    sessions,
    { revoked_at: nowIso() },
    eq(sessions.id, principal.sessionId),
  );
  return true;
}
