/**
 * What the JSON doors' sign-in routes share (door 001's /api/auth, door
 * 004's /api/v1/auth): the services wired to the request, and work that
 * runs after the response (sign-up mail), whose failure is logged, never
 * answered.
 */
import type { Context } from "hono";
import { findUserWithTenant, type UserWithTenant } from "../db/identity.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { getPrincipal } from "../middleware/auth.ts";
import { clientAddressOf, limiterOf } from "../middleware/session-cookie.ts";
import { issueAccessToken, keysOf } from "../services/auth/access-tokens.ts";
import type { Registration } from "../services/auth/registration.ts";
import { checkPassword } from "../services/auth/sign-in.ts";
import { type SignUpDeps, signUp } from "../services/auth/sign-up.ts";
import { mailSender } from "../services/mail/mail.ts";

type Ctx = Context<AppEnv>;

/** Runs `work` after the response; a failure is logged under the request id. */
export function afterResponse(c: Ctx, work: () => Promise<void>): void {
  const guarded = work().catch((err) =>
    c.var.log.error("work after the response failed", { error_message: String(err) }),
  );
  try {
    c.executionCtx.waitUntil(guarded);
  } catch {
    // No execution context (app.request in unit tests): the promise settles on its own.
  }
}

function signUpDeps(c: Ctx): SignUpDeps {
  const { db, config } = c.var;
  return { db, mail: mailSender(config, db), limiter: limiterOf(c), mode: config.registrationMode };
}

/** Signs up under REGISTRATION_MODE; an active account comes back with its first access token (unless `withToken` is false). */
export async function signUpForToken(
  c: Ctx,
  registration: Registration,
  fieldNames: Partial<Record<keyof Registration, string>>,
  withToken = true,
) {
  // Before anything is written: an account must not be left behind a 503.
  keysOf(c.var.config);
  const outcome = await signUp(
    signUpDeps(c),
    { ...registration, clientAddress: clientAddressOf(c) },
    fieldNames,
  );
  afterResponse(c, outcome.after);
  if (outcome.kind === "pending") {
    c.var.log.info("signed up, awaiting approval");
    return { kind: "pending" as const };
  }
  c.var.log.info("signed up", { user_id: outcome.account.user.id, tenant_id: outcome.account.tenant.id });
  if (!withToken) return { kind: "active" as const, account: outcome.account, issued: null };
  const issued = await issueAccessToken(c.var.db, c.var.config, outcome.account, c.req.header("User-Agent"));
  return { kind: "active" as const, account: outcome.account, issued };
}

/** Checks the password (throttled, no enumeration) and issues an access token. */
export async function signInForToken(c: Ctx, email: string, password: string) {
  const { db, config, log } = c.var;
  const signedIn = await checkPassword(
    { db, limiter: limiterOf(c), log },
    { email, password, clientAddress: clientAddressOf(c) },
    "access_token",
  );
  const issued = await issueAccessToken(db, config, signedIn, c.req.header("User-Agent"));
  log.info("signed in", { user_id: signedIn.user.id, tenant_id: signedIn.tenant.id, via: "access_token" });
  return { account: signedIn as UserWithTenant, issued };
}

/** The message a sign-up waiting for approval answers with. */
export const pendingApprovalMessage =
  "Thanks: we mailed a code to confirm the address (enter it at /auth/verify-email). " +
  "The account then waits for an administrator's approval; sign in once it is approved.";

/**
 * The caller's user and tenant rows: those the access-token check already read, else read now (an API key's
 * principal); 404 when no user stands behind the credential (a service key whose creator is gone).
 */
export async function callerAccount(c: Ctx): Promise<UserWithTenant> {
  const principal = getPrincipal(c);
  const account =
    c.var.account ?? (principal.userId ? await findUserWithTenant(c.var.db, principal.userId) : null);
  if (!account || account.tenant.id !== principal.tenantId) {
    throw new ApiError("not_found", "This credential has no user behind it (a service API key)");
  }
  return account;
}
