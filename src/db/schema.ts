/**
 * The D1 schema, in drizzle. drizzle-kit generates migrations/ from this file
 * (`npm run db:generate`); it is the one source of truth for table shapes and
 * for the request schemas derived from them. Timestamps are ISO 8601 UTC text.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const userRoles = ["owner", "admin", "member"] as const;
export const userStatuses = ["pending", "active", "disabled"] as const;
export const tenantStatuses = ["active", "suspended"] as const;
export const apiKeyScopes = ["read", "write", "admin"] as const;

export type UserRole = (typeof userRoles)[number];
export type ApiKeyScope = (typeof apiKeyScopes)[number];

const createdAt = () => text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** A customer organisation; every tenant-owned row points here. */
export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  status: text("status", { enum: tenantStatuses }).notNull().default("active"),
  created_at: createdAt(),
});

/** A person who signs in; belongs to exactly one tenant. */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    tenant_id: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** Lowercased; unique across the platform because sign-in is by email. */
    email: text("email"),
    name: text("name"),
    password_hash: text("password_hash"),
    role: text("role", { enum: userRoles }).notNull().default("member"),
    status: text("status", { enum: userStatuses }).notNull().default("active"),
    is_platform_admin: integer("is_platform_admin", { mode: "boolean" }).notNull().default(false),
    email_verified_at: text("email_verified_at"),
    created_at: createdAt(),
    updated_at: text("updated_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_tenant_idx").on(t.tenant_id)],
);

/** API keys: only the SHA-256 of the secret is stored; `prefix` is what people see. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    tenant_id: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    created_by: text("created_by").references(() => users.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    key_hash: text("key_hash").notNull(),
    scopes: text("scopes", { mode: "json" }).$type<ApiKeyScope[]>().notNull(),
    created_at: createdAt(),
    expires_at: text("expires_at"),
    last_used_at: text("last_used_at"),
    revoked_at: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_hash_unique").on(t.key_hash),
    index("api_keys_tenant_idx").on(t.tenant_id, t.created_at),
  ],
);

/** Server-side sessions behind the session cookie; the id is the SHA-256 of the cookie value. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    tenant_id: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    user_id: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    created_at: createdAt(),
    expires_at: text("expires_at").notNull(),
    last_seen_at: text("last_seen_at"),
    revoked_at: text("revoked_at"),
    user_agent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.user_id)],
);

export type Tenant = typeof tenants.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Session = typeof sessions.$inferSelect;

/**
 * robots.txt per domain, fetched at most once a day. Not tenant-owned:
 * robots.txt is public and the same for every tenant that crawls a domain.
 */
export const robotsCache = sqliteTable("robots_cache", {
  domain: text("domain").primaryKey(),
  fetched_at: text("fetched_at").notNull(),
  mode: text("mode", { enum: ["parsed", "allow_all", "disallow_all"] }).notNull(),
  http_status: integer("http_status"),
  body: text("body"),
  reason: text("reason"),
});

export type RobotsCacheRow = typeof robotsCache.$inferSelect;

/** The mailbox verdicts of the SMTP sidecar, as it names them. */
export const verificationStatuses = [
  "valid",
  "invalid",
  "risky_catch_all",
  "risky_full_inbox",
  "unknown_timeout",
  "unknown_greylisted",
  "unknown_blocked",
  "unknown_no_connect",
  "unknown",
] as const;
export type VerificationStatus = (typeof verificationStatuses)[number];

/**
 * The global verification cache: one row per address, shared by every
 * tenant (a mailbox's existence is a fact about the world, not tenant data;
 * no tenant's request or identity is stored). Fresh rows answer instead of
 * the sidecar: definitive verdicts for VERIFY_CACHE_TTL_DAYS, unknown ones
 * for an hour.
 */
export const emailVerifications = sqliteTable(
  "email_verifications",
  {
    email: text("email").primaryKey(),
    domain: text("domain").notNull(),
    status: text("status", { enum: verificationStatuses }).notNull(),
    reason: text("reason").notNull(),
    mx: text("mx"),
    catch_all: integer("catch_all", { mode: "boolean" }),
    provider: text("provider"),
    smtp_code: integer("smtp_code"),
    smtp_message: text("smtp_message"),
    retry_after_s: integer("retry_after_s"),
    checked_at: text("checked_at").notNull(),
  },
  (t) => [index("email_verifications_domain").on(t.domain, t.checked_at)],
);

export type EmailVerificationRow = typeof emailVerifications.$inferSelect;
