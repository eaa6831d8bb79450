/**
 * Self-service sign-up (REGISTRATION_MODE `open` or `approval`) and email
 * verification.
 *
 * Registering creates a tenant and its owner, `pending` with an unverified
 * address (confirming it activates the account in `open` mode; in
 * `approval` mode an administrator approves it afterwards), and mails a 6-digit code
 * valid for 15 minutes and 5 attempts. Whether the address was already
 * registered is never revealed: the visitor sees the same "check your
 * email" answer, in the same time (the account is created and the mail
 * sent after the response), and the address's owner gets a mail saying
 * someone tried.
 * Codes are stored hashed (with the user id, so equal codes never collide)
 * and compared in constant time; a new code replaces the older ones.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { findUserByEmail } from "../../db/identity.ts";
import { emailCodes, tenants, users } from "../../db/schema.ts";
import { hashPassword, passwordProblem, timingSafeEqual } from "../../domain/identity/password.ts";
import { controlCharacterProblem, foldSpaceControls } from "../../domain/text/plain-text.ts";

import { newId, nowIso, sha256Hex } from "../../lib/ids.ts";
import type { MailSender } from "../mail/mail.ts";

export const CODE_TTL_MINUTES = 15;
export const CODE_MAX_ATTEMPTS = 5;

export interface Registration {
  email: string;
  password: string;
  company: string;
  /** The person's name (seed 004's register takes one; the sign-up page does not). */
  name?: string;
}

/** What is wrong with a registration form, by field (empty when nothing). */
export function registrationProblems(r: Registration): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!/^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/.test(r.email))
    problems.email = "Enter a valid email address.";
  const password = passwordProblem(r.password);
  if (password) problems.password = password;
  if (!r.company.trim() || r.company.length > 100)
    problems.company = "Enter your company's name (up to 100 characters).";
  else if (controlCharacterProblem(r.company))
    problems.company = `The name ${controlCharacterProblem(r.company)}.`;
  return problems;
}

function sixDigits(): string {
  const n = crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000;
  return String(n).padStart(6, "0");
}

const codeHash = (userId: string, code: string) => sha256Hex(`${userId}:${code}`);

/** Makes a new verification code for the user (older unused ones stop working) and mails it. */
export async function sendVerificationCode(
  db: Database,
  mail: MailSender,
  user: { id: string; email: string },
) {
  const code = sixDigits();
  const now = nowIso();
  await db.batch([
    db
      .update(emailCodes)
      .set({ used_at: now })
      .where(
        and(
          eq(emailCodes.user_id, user.id),
          eq(emailCodes.purpose, "verify_email"),
          isNull(emailCodes.used_at),
        ),
      ),
    db.insert(emailCodes).values({
      id: newId("code"),
      user_id: user.id,
      purpose: "verify_email",
      code_hash: await codeHash(user.id, code),
      expires_at: new Date(Date.now() + CODE_TTL_MINUTES * 60_000).toISOString(),
    }),
  ]);
  await mail.send({
    to: user.email,
    subject: `Your Prospector code: ${code}`,
    text:
      `Your code to confirm this email address for Prospector is ${code}.\n\n` +
      `It works for ${CODE_TTL_MINUTES} minutes. If you did not sign up, ignore this message.`,
  });
}

/** What sign-up works with. */
export interface RegistrationDeps {
  db: Database;
  mail: MailSender;
  /** The password hasher (default `hashPassword`); injectable so tests can see it run on both paths. */
  hashPassword?: (password: string) => Promise<string>;
}

/**
 * Registers (or, for a taken address, warns its owner) in two steps, so the
 * answer cannot tell the two apart, not even by its time: this call does the
 * same work either way (the password is hashed, the address looked up), and
 * returns the rest (creating the account and mailing its code, or mailing
 * the owner that someone tried) for the caller to run after the response.
 */
export async function register(
  { db, mail, hashPassword: hash = hashPassword }: RegistrationDeps,
  r: Registration,
): Promise<() => Promise<void>> {
  const email = r.email.trim().toLowerCase();
  // Hashed before the lookup, taken address or not: skipping it was what told them apart.
  const passwordHash = await hash(r.password);
  const existing = await findUserByEmail(db, email);
  if (existing) {
    return () =>
      mail.send({
        to: email,
        subject: "Someone tried to sign up with your address",
        text:
          "Someone (maybe you) tried to create a Prospector account with this email address, which already has " +
          "one. If it was you, sign in or ask your administrator. If not, you can ignore this message.",
      });
  }
  return async () => {
    const tenantId = newId("tenant");
    const userId = newId("user");
    await db.batch([
      db.insert(tenants).values({ id: tenantId, name: foldSpaceControls(r.company.trim()) }),
      db.insert(users).values({
        id: userId,
        tenant_id: tenantId,
        email,
        name: r.name ? foldSpaceControls(r.name.trim()) : null,
        password_hash: passwordHash,
        role: "owner",
        status: "pending",
      }),
    ]);
    await sendVerificationCode(db, mail, { id: userId, email });
  };
}

/** `activated`: confirmed, and the account is active (REGISTRATION_MODE=open); `verified`: it waits for approval. */
export type VerifyOutcome = "activated" | "verified" | "wrong_or_expired";

/**
 * Checks a code: right -> the address is verified (and, in `open` mode, a
 * pending account becomes active); wrong, expired, used up or unknown -> one answer.
 */
export async function verifyEmailCode(
  db: Database,
  emailInput: string,
  code: string,
  mode: "open" | "approval" | "closed" = "approval",
): Promise<VerifyOutcome> {
  const found = await findUserByEmail(db, emailInput);
  if (!found || !/^\d{6}$/.test(code)) return "wrong_or_expired";
  const [row] = await db
    .select()
    .from(emailCodes)
    .where(
      and(
        eq(emailCodes.user_id, found.user.id),
        eq(emailCodes.purpose, "verify_email"),
        isNull(emailCodes.used_at),
      ),
    )
    .orderBy(desc(emailCodes.created_at))
    .limit(1);
  if (!row || row.expires_at <= nowIso() || row.attempts >= CODE_MAX_ATTEMPTS) return "wrong_or_expired";
  const encoder = new TextEncoder();
  const given = await codeHash(found.user.id, code);
  if (!timingSafeEqual(encoder.encode(given), encoder.encode(row.code_hash))) {
    await db
      .update(emailCodes)
      .set({ attempts: row.attempts + 1 })
      .where(eq(emailCodes.id, row.id));
    return "wrong_or_expired";
  }
  const now = nowIso();
  const activate = mode === "open" && found.user.status === "pending";
  await db.batch([
    db.update(emailCodes).set({ used_at: now }).where(eq(emailCodes.id, row.id)),
    db
      .update(users)
      .set({ email_verified_at: now, updated_at: now, ...(activate ? { status: "active" as const } : {}) })
      .where(eq(users.id, found.user.id)),
  ]);
  return activate ? "activated" : "verified";
}

/** Sends a new code to an unverified address (silently nothing otherwise: no enumeration). */
export async function resendVerificationCode(
  db: Database,
  mail: MailSender,
  emailInput: string,
): Promise<void> {
  const found = await findUserByEmail(db, emailInput);
  if (!found?.user.email || found.user.email_verified_at) return;
  await sendVerificationCode(db, mail, { id: found.user.id, email: found.user.email });
}
