/**
 * Sign-up through the JSON doors (POST /api/auth/signup, POST
 * /api/v1/auth/register), under the one REGISTRATION_MODE:
 *
 * - `closed`: refused (403 registration_closed).
 * - `approval`: as the sign-up page: the same answer for a new and a taken
 *   address, in the same time, the account created (pending, its address
 *   to confirm with the mailed code) or the address's owner warned after
 *   the response; no token until an administrator approves.
 * - `open`: the account is active at once (these doors' clients expect a
 *   token from sign-up) with its address still unconfirmed (a code is
 *   mailed). A token for a taken address cannot be given, so it is refused
 *   with 409 email_taken: in this mode a JSON door tells whether an address
 *   has an account, as every API that signs you up in one call does; the
 *   per-client throttle bounds how fast anyone can ask.
 */
import type { Database } from "../../db/client.ts";
import { findUserByEmail, type UserWithTenant } from "../../db/identity.ts";
import { tenants, users } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { hashPassword } from "../../domain/identity/password.ts";
import { foldSpaceControls } from "../../domain/text/plain-text.ts";
import { ApiError } from "../../errors.ts";
import { newId } from "../../lib/ids.ts";
import type { MailSender } from "../mail/mail.ts";
import { type Registration, register, registrationProblems, sendVerificationCode } from "./registration.ts";
import type { Limiter } from "./sign-in.ts";

/** Sign-ups per client address per hour (shared with the sign-up page). */
export const SIGN_UPS_PER_CLIENT_PER_HOUR = 10;

export interface SignUpDeps {
  db: Database;
  mail: MailSender;
  limiter: Limiter;
  mode: "open" | "approval" | "closed";
}

/** What came of a sign-up: an active account (open), or one waiting for approval; `after` runs after the response. */
export type SignUpOutcome =
  | { kind: "active"; account: UserWithTenant; after: () => Promise<void> }
  | { kind: "pending"; after: () => Promise<void> };

/**
 * Signs up (ApiError on refusal). `fieldNames` renames the form's fields in
 * validation errors to the door's (seed 001 says `company_name`, seed 004 `name`).
 */
export async function signUp(
  deps: SignUpDeps,
  r: Registration & { clientAddress: string },
  fieldNames: Partial<Record<keyof Registration, string>> = {},
): Promise<SignUpOutcome> {
  if (deps.mode === "closed") {
    throw new ApiError(
      "registration_closed",
      "Sign-up is closed on this server; ask an administrator for an account",
    );
  }
  const problems = registrationProblems(r);
  if (Object.keys(problems).length > 0) {
    const fields = Object.fromEntries(
      Object.entries(problems).map(([k, v]) => [fieldNames[k as keyof Registration] ?? k, v]),
    );
    const [field, message] = Object.entries(fields)[0]!;
    throw new ApiError("validation_failed", `Invalid body: ${field}: ${message}`, { fields });
  }
  const decision = await deps.limiter(
    `register:ip:${r.clientAddress}`,
    SIGN_UPS_PER_CLIENT_PER_HOUR,
    60 * 60_000,
  );
  if (decision && !decision.allowed) {
    throw new ApiError("rate_limited", "Too many sign-ups from this address; wait before trying again", {
      headers: { "Retry-After": String(decision.retryAfter) },
    });
  }
  if (deps.mode === "approval") return { kind: "pending", after: await register(deps, r) };
  return signUpOpen(deps, r);
}

async function signUpOpen(deps: SignUpDeps, r: Registration): Promise<SignUpOutcome> {
  const email = r.email.trim().toLowerCase();
  const passwordHash = await hashPassword(r.password);
  if (await findUserByEmail(deps.db, email)) {
    throw new ApiError("email_taken", "An account with this email already exists; sign in instead");
  }
  const tenantId = newId("tenant");
  const userId = newId("user");
  const now = new Date().toISOString();
  const tenant = { id: tenantId, name: foldSpaceControls(r.company.trim()) };
  const user = {
    id: userId,
    email,
    name: r.name ? foldSpaceControls(r.name.trim()) : null,
    password_hash: passwordHash,
    role: "owner" as const,
    status: "active" as const,
    updated_at: now,
  };
  try {
    await deps.db.batch([
      deps.db.insert(tenants).values(tenant),
      tenantScope(deps.db, tenantId).insert(users, [user]),
    ]);
  } catch (err) {
    // Two sign-ups for one address at once: the unique index lets one through.
    if (/UNIQUE/i.test(String(err))) {
      throw new ApiError("email_taken", "An account with this email already exists; sign in instead");
    }
    throw err;
  }
  const account = await findUserByEmail(deps.db, email);
  if (!account) throw new Error(`account ${userId} missing right after sign-up`);
  return {
    kind: "active",
    account,
    after: () => sendVerificationCode(deps.db, deps.mail, { id: userId, email }),
  };
}
