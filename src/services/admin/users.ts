/**
 * The platform administrators' account management: approving pending
 * accounts, changing roles, disabling accounts, and the console's list of users. Cross-tenant
 * by design (a platform administrator looks after every tenant's accounts);
 * only the admin routes and pages, behind the platform-admin check, call it.
 *
 * Each guard is part of the UPDATE that makes the change (a pending account
 * with a confirmed address; a tenant keeps an active owner), so two requests
 * at once cannot both slip past it; when nothing changed, a second read
 * says why.
 */
import { and, asc, desc, eq, isNotNull, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { apiKeys, tenants, type UserRole, type UserStatus, users } from "../../db/schema.ts";
import { ApiError } from "../../errors.ts";
import { nowIso } from "../../lib/ids.ts";
import type { Logger } from "../../lib/logger.ts";
import { MailError, type MailSender } from "../mail/mail.ts";

export type { UserStatus };

/** A user as the admin console shows it: with their tenant, never their password hash. */
export interface AdminUser {
  id: string;
  tenant_id: string;
  tenant_name: string;
  email: string | null;
  name: string | null;
  role: UserRole;
  status: UserStatus;
  is_platform_admin: boolean;
  email_verified_at: string | null;
  created_at: string;
  updated_at: string | null;
}

const adminUserColumns = {
  id: users.id,
  tenant_id: users.tenant_id,
  tenant_name: tenants.name,
  email: users.email,
  name: users.name,
  role: users.role,
  status: users.status,
  is_platform_admin: users.is_platform_admin,
  email_verified_at: users.email_verified_at,
  created_at: users.created_at,
  updated_at: users.updated_at,
};

/** Why an admin action changed nothing. */
export type AdminRefusal =
  | "not_found"
  | "already_active"
  | "disabled"
  | "email_unverified"
  | "last_owner"
  | "own_platform_admin"
  | "own_account"
  | "pending";

/** The API's answer to each refusal (the pages show the same detail). */
export const refusals: Record<AdminRefusal, { code: "not_found" | "conflict"; detail: string }> = {
  not_found: { code: "not_found", detail: "No user with that id" },
  already_active: { code: "conflict", detail: "The account is already active: there is nothing to approve" },
  disabled: { code: "conflict", detail: "The account is disabled; a disabled account cannot be approved" },
  email_unverified: {
    code: "conflict",
    detail: "The user has not confirmed their email address yet; approve the account once they have",
  },
  last_owner: {
    code: "conflict",
    detail: "This is the tenant's only active owner; make another user of the tenant owner first",
  },
  own_platform_admin: {
    code: "conflict",
    detail: "You cannot remove your own platform administrator rights; another platform administrator can",
  },
  own_account: {
    code: "conflict",
    detail: "You cannot disable your own account; another platform administrator can",
  },
  pending: {
    code: "conflict",
    detail: "The account is pending: approve it (or leave it) rather than changing its status",
  },
};

/** The ApiError a refusal answers with (404 or 409). */
export function refusalError(refusal: AdminRefusal): ApiError {
  const { code, detail } = refusals[refusal];
  return new ApiError(code, detail);
}

export type AdminOutcome<T> = ({ ok: true } & T) | { ok: false; refusal: AdminRefusal };

/** One user with their tenant, by id. */
export async function findAdminUser(db: Database, userId: string): Promise<AdminUser | null> {
  const [row] = await db
    .select(adminUserColumns)
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenant_id))
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

export interface ApprovalDeps {
  db: Database;
  mail: MailSender;
  log: Logger;
  /** The site's configured public origin (PUBLIC_ORIGIN, never the request's Host), for the mail's link. */
  origin: string;
}

/**
 * pending -> active, for an account whose address is confirmed; then mails
 * the user. A mail that cannot be sent does not undo the approval: it is
 * logged and reported as `mailSent: false`.
 */
export async function approveUser(
  { db, mail, log, origin }: ApprovalDeps,
  userId: string,
): Promise<AdminOutcome<{ user: AdminUser; mailSent: boolean }>> {
  const approved = await db
    .update(users)
    .set({ status: "active", updated_at: nowIso() })
    .where(and(eq(users.id, userId), eq(users.status, "pending"), isNotNull(users.email_verified_at)))
    .returning({ id: users.id });
  const user = await findAdminUser(db, userId);
  if (!user) return { ok: false, refusal: "not_found" };
  if (approved.length === 0) {
    if (user.status === "active") return { ok: false, refusal: "already_active" };
    if (user.status === "disabled") return { ok: false, refusal: "disabled" };
    return { ok: false, refusal: "email_unverified" };
  }
  let mailSent = false;
  if (user.email) {
    try {
      await mail.send({
        to: user.email,
        subject: "Your Prospector account was approved",
        text:
          `Your Prospector account (${user.email}) was approved by an administrator.\n\n` +
          `Sign in at ${origin}/auth/login`,
      });
      mailSent = true;
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      log.error("approval mail not sent", { user_id: user.id, error_message: err.message });
    }
  }
  return { ok: true, user, mailSent };
}

/**
 * Demoting or disabling an active owner needs another active owner in the
 * same tenant (checked in the same statement as the change).
 */
const keepsAnOwner: SQL = or(
  ne(users.role, "owner"),
  ne(users.status, "active"),
  sql`EXISTS (SELECT 1 FROM users AS other WHERE other.tenant_id = users.tenant_id
        AND other.id <> users.id AND other.role = 'owner' AND other.status = 'active')`,
)!;

export interface RoleChange {
  role: UserRole;
  /** Unchanged when absent. */
  isPlatformAdmin?: boolean | undefined;
}

/**
 * Sets a user's role (and, when given, their platform administrator flag).
 * Refused when it would leave the tenant without an active owner, and when
 * the acting administrator would remove their own platform rights.
 */
export async function changeUserRole(
  db: Database,
  actorId: string | null,
  userId: string,
  change: RoleChange,
): Promise<AdminOutcome<{ user: AdminUser }>> {
  if (change.isPlatformAdmin === false && actorId === userId)
    return { ok: false, refusal: "own_platform_admin" };
  const changed = await db
    .update(users)
    .set({
      role: change.role,
      ...(change.isPlatformAdmin === undefined ? {} : { is_platform_admin: change.isPlatformAdmin }),
      updated_at: nowIso(),
    })
    .where(and(eq(users.id, userId), change.role === "owner" ? undefined : keepsAnOwner))
    .returning({ id: users.id });
  const user = await findAdminUser(db, userId);
  if (!user) return { ok: false, refusal: "not_found" };
  if (changed.length === 0) return { ok: false, refusal: "last_owner" };
  return { ok: true, user };
}

/**
 * Disables or re-enables an account. Disabling refuses the tenant's last
 * active owner and the acting administrator's own account; it revokes every
 * `user` API key the user made (a trigger on `users` does it in the same
 * statement, whatever path disables a user) and returns their ids so the
 * caller can block them in every isolate. Sessions need nothing: each
 * request reads the account's status.
 */
export async function changeUserStatus(
  db: Database,
  actorId: string | null,
  userId: string,
  status: "active" | "disabled",
): Promise<AdminOutcome<{ user: AdminUser; revokedKeyIds: string[] }>> {
  if (status === "disabled" && actorId === userId) return { ok: false, refusal: "own_account" };
  const before = await findAdminUser(db, userId);
  if (!before) return { ok: false, refusal: "not_found" };
  if (before.status === "pending") return { ok: false, refusal: "pending" };
  const liveKeys =
    status === "disabled"
      ? await db
          .select({ id: apiKeys.id })
          .from(apiKeys)
          .where(and(eq(apiKeys.created_by, userId), eq(apiKeys.kind, "user"), isNull(apiKeys.revoked_at)))
      : [];
  const changed = await db
    .update(users)
    .set({ status, updated_at: nowIso() })
    .where(
      and(
        eq(users.id, userId),
        ne(users.status, "pending"),
        status === "disabled" ? keepsAnOwner : undefined,
      ),
    )
    .returning({ id: users.id });
  const user = await findAdminUser(db, userId);
  if (!user) return { ok: false, refusal: "not_found" };
  if (changed.length === 0)
    return { ok: false, refusal: user.status === "pending" ? "pending" : "last_owner" };
  return { ok: true, user, revokedKeyIds: liveKeys.map((k) => k.id) };
}

export interface UserPage {
  users: AdminUser[];
  /** True when there is a page after this one. */
  more: boolean;
}

/** Users across tenants: pending first, then newest first; optionally one status only. */
export async function listUsers(
  db: Database,
  options: { status?: UserStatus | undefined; limit: number; offset: number },
): Promise<UserPage> {
  const rows = await db
    .select(adminUserColumns)
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenant_id))
    .where(options.status ? eq(users.status, options.status) : undefined)
    .orderBy(
      sql`CASE ${users.status} WHEN 'pending' THEN 0 ELSE 1 END`,
      desc(users.created_at),
      asc(users.id),
    )
    .limit(options.limit + 1)
    .offset(options.offset);
  return { users: rows.slice(0, options.limit), more: rows.length > options.limit };
}
