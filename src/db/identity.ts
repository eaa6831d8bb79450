/**
 * Identity lookups that happen before a tenant is known: by user id from a
 * trusted header or token, by API key hash, by session id, by email at
 * sign-in. They are the only cross-tenant reads besides platform admin, and
 * each one is keyed by a secret or a verified claim.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { subscriptions } from "./billing-schema.ts";
import type { Database } from "./client.ts";
import { apiKeys, type SessionKind, sessions, type Tenant, tenants, type User, users } from "./schema.ts";

export interface UserWithTenant {
  user: User;
  tenant: Tenant;
  /** The tenant's subscription row when the read brought it (null: none yet; undefined: not read). */
  subscription?: typeof subscriptions.$inferSelect | null;
}

/** A user and their tenant by user id. */
export async function findUserWithTenant(db: Database, userId: string): Promise<UserWithTenant | null> {
  const rows = await db
    .select({ user: users, tenant: tenants })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenant_id))
    .where(eq(users.id, userId))
    .limit(1);
  return rows[0] ?? null;
}

/**
 * Creates the tenant and the user on first sight (AUTH_MODE dev and hs256),
 * atomically. The first user of a tenant becomes its owner. Idempotent.
 */
export async function provisionUser(db: Database, tenantId: string, userId: string): Promise<void> {
  await db.batch([
    db.insert(tenants).values({ id: tenantId, name: tenantId }).onConflictDoNothing(),
    db
      .insert(users)
      .values({
        id: userId,
        tenant_id: tenantId,
        status: "active",
        role: sql`(CASE WHEN EXISTS (SELECT 1 FROM users WHERE tenant_id = ${tenantId}) THEN 'member' ELSE 'owner' END)`,
      })
      .onConflictDoNothing(),
  ]);
}

/** An API key (revoked or not) and its tenant, by the hash of the presented secret. */
export async function findApiKeyByHash(db: Database, keyHash: string) {
  const rows = await db
    .select({
      key: apiKeys,
      tenantStatus: tenants.status,
      creator: { id: users.id, tenantId: users.tenant_id, role: users.role, status: users.status },
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenant_id))
    .leftJoin(users, eq(users.id, apiKeys.created_by))
    .where(eq(apiKeys.key_hash, keyHash))
    .limit(1);
  return rows[0] ?? null;
}

const touchedAt = new Map<string, number>();
const TOUCH_EVERY_MS = 60_000;

/**
 * Records that a key was used, at most once a minute per key: skipped when
 * this isolate wrote it recently, and the UPDATE itself only fires when the
 * stored value is older than a minute (other isolates).
 */
export async function touchApiKey(db: Database, keyId: string, now: string): Promise<void> {
  const last = touchedAt.get(keyId);
  const nowMs = Date.parse(now);
  if (last !== undefined && nowMs - last < TOUCH_EVERY_MS) return;
  if (touchedAt.size > 10_000) touchedAt.clear();
  touchedAt.set(keyId, nowMs);
  await db
    .update(apiKeys)
    .set({ last_used_at: now })
    .where(
      and(
        eq(apiKeys.id, keyId),
        sql`(${apiKeys.last_used_at} IS NULL OR ${apiKeys.last_used_at} < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-60 seconds'))`,
      ),
    );
}

/**
 * A live (not revoked) session with its user, tenant and the tenant's subscription (null before its
 * first read), so a JSON door's `/me` answers plan and credits from this one read.
 */
export async function findSession(db: Database, sessionId: string, kind: SessionKind = "cookie") {
  const rows = await db
    .select({ session: sessions, user: users, tenant: tenants, subscription: subscriptions })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.user_id))
    .innerJoin(tenants, eq(tenants.id, sessions.tenant_id))
    .leftJoin(subscriptions, eq(subscriptions.tenant_id, sessions.tenant_id))
    .where(and(eq(sessions.id, sessionId), eq(sessions.kind, kind), isNull(sessions.revoked_at)))
    .limit(1);
  return rows[0] ?? null;
}

/** A user by sign-in email (case-insensitive), with their tenant. */
export async function findUserByEmail(db: Database, email: string): Promise<UserWithTenant | null> {
  const rows = await db
    .select({ user: users, tenant: tenants })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenant_id))
    .where(eq(users.email, email.trim().toLowerCase()))
    .limit(1);
  return rows[0] ?? null;
}
