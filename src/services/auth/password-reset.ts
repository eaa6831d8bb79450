/**
 * Password recovery by email: a link with a single-use token, valid for
 * 60 minutes. The token is `<email code id>.<32 random bytes, base64url>`:
 * the id finds the row, and only a SHA-256 of the whole token is stored
 * (in `email_codes`, purpose `reset_password`) and compared in constant
 * time. A new request retires the older links; using one changes the
 * password, confirms the address (the link proved the mailbox), revokes
 * every session and every `user` API key of the user and retires every
 * other link, in one batch.
 * Unknown addresses, accounts without a password and disabled accounts
 * get no mail, and the caller gives the visitor the same answer.
 */
import { and, eq, exists, gt, isNull, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { findUserByEmail } from "../../db/identity.ts";
import { apiKeys, emailCodes, sessions, users } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { hashPassword, passwordProblem, timingSafeEqual } from "../../domain/identity/password.ts";
import { newId, nowIso, sha256Hex } from "../../lib/ids.ts";
import type { MailSender } from "../mail/mail.ts";

export const RESET_TTL_MINUTES = 60;

const SECRET_BYTES = 32;
const tokenPattern = /^(code_[0-9A-Za-z]{20})\.([A-Za-z0-9_-]{43})$/;
const encoder = new TextEncoder();

function base64url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/=+$/, "")
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

/**
 * Mails a reset link to the address's owner when there is one that can sign
 * in with a password (not disabled); silently nothing otherwise. `origin` is
 * this site's configured public origin (`https://host`, PUBLIC_ORIGIN), where
 * the link points; never one taken from the request.
 */
export async function requestPasswordReset(
  db: Database,
  mail: MailSender,
  emailInput: string,
  origin: string,
): Promise<void> {
  const found = await findUserByEmail(db, emailInput);
  const user = found?.user;
  if (!user?.email || !user.password_hash || user.status === "disabled") return;
  const id = newId("code");
  const token = `${id}.${base64url(crypto.getRandomValues(new Uint8Array(SECRET_BYTES)))}`;
  await db.batch([
    db
      .update(emailCodes)
      .set({ used_at: nowIso() })
      .where(
        and(
          eq(emailCodes.user_id, user.id),
          eq(emailCodes.purpose, "reset_password"),
          isNull(emailCodes.used_at),
        ),
      ),
    db.insert(emailCodes).values({
      id,
      user_id: user.id,
      purpose: "reset_password",
      code_hash: await sha256Hex(token),
      expires_at: new Date(Date.now() + RESET_TTL_MINUTES * 60_000).toISOString(),
    }),
  ]);
  await mail.send({
    to: user.email,
    subject: "Reset your Prospector password",
    text:
      `Someone (we hope you) asked to reset the password of your Prospector account.\n\n` +
      `To choose a new password, open this link:\n${origin}/auth/reset-password?token=${token}\n\n` +
      `It works once, for ${RESET_TTL_MINUTES} minutes. If you did not ask, ignore this message: ` +
      "your password stays as it is.",
  });
}

/** Whose live link a token is. */
export interface ResetTokenOwner {
  codeId: string;
  userId: string;
  tenantId: string;
}

/** The owner of a live token (known, unused, unexpired, account not disabled), else null. Uses nothing up. */
export async function checkResetToken(db: Database, token: string): Promise<ResetTokenOwner | null> {
  const parts = tokenPattern.exec(token);
  if (!parts) return null;
  const [row] = await db
    .select({ code: emailCodes, tenantId: users.tenant_id, status: users.status })
    .from(emailCodes)
    .innerJoin(users, eq(users.id, emailCodes.user_id))
    .where(and(eq(emailCodes.id, parts[1]!), eq(emailCodes.purpose, "reset_password")))
    .limit(1);
  if (!row || row.code.used_at || row.code.expires_at <= nowIso() || row.status === "disabled") return null;
  const given = await sha256Hex(token);
  if (!timingSafeEqual(encoder.encode(given), encoder.encode(row.code.code_hash))) return null;
  return { codeId: row.code.id, userId: row.code.user_id, tenantId: row.tenantId };
}

export type ResetOutcome =
  /** `revokedKeyIds`: the user's API keys this reset revoked (the caller blocks them everywhere). */
  | { outcome: "reset"; userId: string; revokedKeyIds: string[] }
  | { outcome: "weak_password"; problem: string }
  | { outcome: "invalid_or_expired" };

/**
 * Sets a new password with a live token. Every write in the batch is
 * conditional on the token still being unused, so of two requests racing
 * with one token exactly one changes anything.
 */
export async function resetPassword(db: Database, token: string, newPassword: string): Promise<ResetOutcome> {
  const problem = passwordProblem(newPassword);
  if (problem) return { outcome: "weak_password", problem };
  const owner = await checkResetToken(db, token);
  if (!owner) return { outcome: "invalid_or_expired" };
  const passwordHash = await hashPassword(newPassword);
  const now = nowIso();
  const scope = tenantScope(db, owner.tenantId);
  const stillLive = exists(
    db
      .select({ one: sql`1` })
      .from(emailCodes)
      .where(
        and(eq(emailCodes.id, owner.codeId), isNull(emailCodes.used_at), gt(emailCodes.expires_at, now)),
      ),
  );
  const [changed, , revokedKeys] = await db.batch([
    db
      .update(users)
      .set({
        password_hash: passwordHash,
        email_verified_at: sql`coalesce(${users.email_verified_at}, ${now})`,
        updated_at: now,
      })
      .where(scope.where(users, eq(users.id, owner.userId), stillLive)),
    scope.update(
      sessions,
      { revoked_at: now },
      eq(sessions.user_id, owner.userId),
      isNull(sessions.revoked_at),
      stillLive,
    ),
    // A reset is how an account is taken back: the user's own API keys go with their sessions.
    scope
      .update(
        apiKeys,
        { revoked_at: now },
        eq(apiKeys.created_by, owner.userId),
        eq(apiKeys.kind, "user"),
        isNull(apiKeys.revoked_at),
        stillLive,
      )
      .returning({ id: apiKeys.id }),
    db
      .update(emailCodes)
      .set({ used_at: now })
      .where(
        and(
          eq(emailCodes.user_id, owner.userId),
          eq(emailCodes.purpose, "reset_password"),
          isNull(emailCodes.used_at),
        ),
      ),
  ]);
  if (changed.meta.changes !== 1) return { outcome: "invalid_or_expired" };
  return { outcome: "reset", userId: owner.userId, revokedKeyIds: revokedKeys.map((k) => k.id) };
}
