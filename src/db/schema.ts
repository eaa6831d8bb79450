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
/**
 * `user`: acts for the user who made it, with at most that user's current
 * rights, and dies with the user (disabled, deleted, password reset).
 * `service`: the tenant's own, for integrations; made and revoked by owners,
 * acts with its scopes whatever becomes of the person who made it.
 */
export const apiKeyKinds = ["user", "service"] as const;
/** What a session row stands behind: the dashboard's cookie or a JSON door's access token. */
export const sessionKinds = ["cookie", "token"] as const;

export type UserRole = (typeof userRoles)[number];
export type ApiKeyScope = (typeof apiKeyScopes)[number];
export type ApiKeyKind = (typeof apiKeyKinds)[number];
export type UserStatus = (typeof userStatuses)[number];

export const createdAt = () =>
  text("created_at").notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`);

/** A customer organisation; every tenant-owned row points here. */
export const tenants = sqliteTable(
  "tenants",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    status: text("status", { enum: tenantStatuses }).notNull().default("active"),
    /** Leads not refreshed (seen again by a crawl or an ingest) for this many days are purged; null keeps them. */
    retention_days: integer("retention_days"),
    /** Seed 004's fields: a unique lowercase label, the tenant's settings, its own limits over its plan's. */
    subdomain: text("subdomain"),
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    limits: text("limits", { mode: "json" }).$type<Record<string, number>>().notNull().default({}),
    billing_email: text("billing_email"),
    is_verified: integer("is_verified", { mode: "boolean" }).notNull().default(false),
    created_at: createdAt(),
    updated_at: text("updated_at"),
  },
  (t) => [uniqueIndex("tenants_subdomain_unique").on(t.subdomain)],
);

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
    kind: text("kind", { enum: apiKeyKinds }).notNull().default("user"),
    created_at: createdAt(),
    expires_at: text("expires_at"),
    last_used_at: text("last_used_at"),
    revoked_at: text("revoked_at"),
  },
  (t) => [
    uniqueIndex("api_keys_hash_unique").on(t.key_hash),
    index("api_keys_tenant_idx").on(t.tenant_id, t.created_at),
    index("api_keys_created_by_idx").on(t.created_by),
  ],
);

/**
 * Server-side sessions. `cookie`: behind the session cookie, the id is the
 * SHA-256 of the cookie value. `token`: behind an access token of a JSON
 * door (POST /api/auth/login, /api/v1/auth/token), the id is the token's
 * `sid` claim. Revoking the row ends the credential at once.
 */
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
    kind: text("kind", { enum: sessionKinds }).notNull().default("cookie"),
  },
  (t) => [index("sessions_user_idx").on(t.user_id)],
);

export type Tenant = typeof tenants.$inferSelect;
export type User = typeof users.$inferSelect;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type SessionKind = (typeof sessionKinds)[number];

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
  (t) => [
    index("email_verifications_domain").on(t.domain, t.checked_at),
    /** The admin console's verification mix over a time window (covering). */
    index("email_verifications_checked").on(t.checked_at, t.status),
  ],
);

export type EmailVerificationRow = typeof emailVerifications.$inferSelect;

export const runModes = ["full", "autodiscovery", "generate", "verify"] as const;
export type RunMode = (typeof runModes)[number];
export const runStatuses = ["queued", "running", "succeeded", "failed", "cancelled"] as const;
export type RunStatus = (typeof runStatuses)[number];
export const runDomainStatuses = ["queued", "running", "done", "failed", "cancelled"] as const;
export type RunDomainStatus = (typeof runDomainStatuses)[number];

/** What a discovery run was asked to do (stored as JSON on the run). */
export interface DiscoveryRunOptions {
  mode: RunMode;
  skip_crawl: boolean;
  skip_verify: boolean;
  max_pages_per_domain: number | null;
}

/**
 * A re-scoring run, started by the API when the tenant's ICP profile changes
 * (never by POST /runs): every lead of the tenant scored again against
 * profile `profile_version`.
 */
export interface RescoreRunOptions {
  mode: "rescore";
  profile_version: number;
  /** The tenant's leads when the run started (the progress's denominator). */
  leads_total: number;
}

/** The modes a stored run can have: the API's four, and re-scoring. */
export const storedRunModes = [...runModes, "rescore"] as const;
export type RunOptions = DiscoveryRunOptions | RescoreRunOptions;

/**
 * A discovery run: a batch of domains through the pipeline. The counters are
 * recomputed from `run_domains` whenever a domain finishes, so a redelivered
 * queue message cannot count twice.
 */
export const runs = sqliteTable(
  "runs",
  {
    id: text("id").primaryKey(),
    tenant_id: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    user_id: text("user_id"),
    label: text("label"),
    status: text("status", { enum: runStatuses }).notNull().default("queued"),
    options: text("options", { mode: "json" }).$type<RunOptions>().notNull(),
    domains_total: integer("domains_total").notNull(),
    domains_completed: integer("domains_completed").notNull().default(0),
    domains_failed: integer("domains_failed").notNull().default(0),
    emails_found: integer("emails_found").notNull().default(0),
    emails_verified: integer("emails_verified").notNull().default(0),
    leads_count: integer("leads_count").notNull().default(0),
    error: text("error"),
    /** A re-scoring run's position: the id of the last lead it scored (null before the first page). */
    cursor: text("cursor"),
    idempotency_key: text("idempotency_key"),
    request_hash: text("request_hash"),
    created_at: createdAt(),
    updated_at: text("updated_at"),
    started_at: text("started_at"),
    finished_at: text("finished_at"),
  },
  (t) => [
    index("runs_tenant_created").on(t.tenant_id, t.created_at),
    uniqueIndex("runs_tenant_idempotency").on(t.tenant_id, t.idempotency_key),
    /** The admin console's cross-tenant counts: runs by status, runs created per hour or day (covering). */
    index("runs_created_status").on(t.created_at, t.status),
  ],
);

/** One domain of a run and how far it got. */
export const runDomains = sqliteTable(
  "run_domains",
  {
    run_id: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    tenant_id: text("tenant_id").notNull(),
    domain: text("domain").notNull(),
    position: integer("position").notNull(),
    status: text("status", { enum: runDomainStatuses }).notNull().default("queued"),
    stage: text("stage"),
    pages_crawled: integer("pages_crawled").notNull().default(0),
    emails_found: integer("emails_found").notNull().default(0),
    emails_verified: integer("emails_verified").notNull().default(0),
    leads_found: integer("leads_found").notNull().default(0),
    attempts: integer("attempts").notNull().default(0),
    error: text("error"),
    /** When its queue message was sent (null: waiting for the run's window). */
    dispatched_at: text("dispatched_at"),
    started_at: text("started_at"),
    updated_at: text("updated_at"),
    finished_at: text("finished_at"),
  },
  (t) => [
    uniqueIndex("run_domains_run_domain").on(t.run_id, t.domain),
    index("run_domains_run_position").on(t.run_id, t.position),
    /** The admin console's backlog: queued and running domains, the oldest dispatch. */
    index("run_domains_status_dispatched").on(t.status, t.dispatched_at),
    /** The admin console's throughput and time series: domains finished per minute, hour or day (covering). */
    index("run_domains_finished").on(t.finished_at, t.status, t.leads_found),
  ],
);

export const leadTypes = ["personal", "generic"] as const;
export const leadSources = ["crawl", "ingest"] as const;

/** Where a lead was seen, with when it was first and last seen there. */
export interface LeadSource {
  url: string;
  first_seen_at: string;
  last_seen_at: string;
}

/** Another address tried for a lead's person, with its verification outcome. */
export interface LeadAlternative {
  email: string;
  pattern: string | null;
  probability: number | null;
  verify_status: string;
  verify_reason: string;
}

/** A lead: one per person (or generic mailbox) and tenant, keyed by its best address (shapes: domain/leads/lead.ts). */
export const leads = sqliteTable(
  "leads",
  {
    id: text("id").primaryKey(),
    tenant_id: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    type: text("type", { enum: leadTypes }).notNull(),
    first_name: text("first_name"),
    last_name: text("last_name"),
    full_name: text("full_name"),
    title: text("title"),
    seniority: text("seniority"),
    department: text("department"),
    company: text("company"),
    company_domain: text("company_domain").notNull(),
    /** How the address was obtained: published on the site, or generated from the domain's pattern. */
    email_source: text("email_source", { enum: ["published", "generated"] }).notNull(),
    pattern: text("pattern"),
    confidence: integer("confidence"),
    verify_status: text("verify_status").notNull(),
    verify_reason: text("verify_reason").notNull(),
    verified_at: text("verified_at"),
    icp_score: integer("icp_score").notNull(),
    source_url: text("source_url"),
    sources: text("sources", { mode: "json" }).$type<LeadSource[]>().notNull(),
    alternatives: text("alternatives", { mode: "json" }).$type<LeadAlternative[]>().notNull(),
    last_run_id: text("last_run_id"),
    /** Where the lead came from: a crawl (runs) or an ingest. */
    source: text("source", { enum: leadSources }).notNull().default("crawl"),
    /** The company record (enrichment), when there is one. */
    company_id: integer("company_id"),
    /** Copied from the company for filtering and facets (search), refreshed when it is enriched. */
    industry: text("industry"),
    size: text("size"),
    country: text("country"),
    technologies: text("technologies", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** Why the ICP score is what it is: reason codes whose points sum to the score. */
    icp_reasons: text("icp_reasons", { mode: "json" }).$type<IcpReason[]>().notNull().default([]),
    /** Inputs the ICP score lacked (no title, no company size...). */
    data_gaps: text("data_gaps", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** When a crawl or an ingest last saw the lead (retention counts from here; edits do not move it). */
    refreshed_at: text("refreshed_at"),
    deleted_at: text("deleted_at"),
    created_at: createdAt(),
    updated_at: text("updated_at"),
  },
  (t) => [
    uniqueIndex("leads_tenant_email").on(t.tenant_id, t.email),
    index("leads_tenant_domain").on(t.tenant_id, t.company_domain),
    index("leads_tenant_icp").on(t.tenant_id, t.icp_score, t.id),
    /** Walking a tenant's leads in id order (re-scoring runs). */
    index("leads_tenant_id").on(t.tenant_id, t.id),
    // Search sorts by verification time with never-verified leads as the oldest: the index holds that key.
    index("leads_tenant_verified_key").on(t.tenant_id, sql`coalesce(${t.verified_at}, '')`, t.id),
    index("leads_tenant_refreshed").on(t.tenant_id, t.refreshed_at),
  ],
);

/** One reason behind an ICP score: a code, its points (they sum to the score) and what matched. */
export interface IcpReason {
  code: string;
  points: number;
  detail?: string;
}

/** Company size buckets (employees). */
export const companySizes = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+"] as const;

/**
 * What is known about a company, by domain: from its own site (crawl), DNS,
 * RDAP and the Wayback Machine. Global like the verification cache: public
 * facts about a company are the same for every tenant; leads point here.
 * Missing data stays null ("unknown"), never a guess.
 */
export const companies = sqliteTable(
  "companies",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    domain: text("domain").notNull(),
    name: text("name"),
    description: text("description"),
    industry: text("industry"),
    size: text("size", { enum: companySizes }),
    country: text("country"),
    city: text("city"),
    social: text("social", { mode: "json" }).$type<string[]>().notNull().default([]),
    technologies: text("technologies", { mode: "json" }).$type<string[]>().notNull().default([]),
    mx_provider: text("mx_provider"),
    m365_tenant: text("m365_tenant"),
    spf: text("spf"),
    dmarc: text("dmarc"),
    accepts_mail: integer("accepts_mail", { mode: "boolean" }),
    https: integer("https", { mode: "boolean" }),
    hsts: integer("hsts", { mode: "boolean" }),
    security_headers: text("security_headers", { mode: "json" }).$type<string[]>().notNull().default([]),
    domain_created_at: text("domain_created_at"),
    first_capture_at: text("first_capture_at"),
    enriched_at: text("enriched_at"),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex("companies_domain").on(t.domain)],
);

export type Company = typeof companies.$inferSelect;

/**
 * Addresses and domains a tenant never wants stored again (erasure, opt-out).
 * Only the SHA-256 of the lowercased value is kept, so the list itself holds
 * no personal data.
 */
export const suppressions = sqliteTable(
  "suppressions",
  {
    id: text("id").primaryKey(),
    tenant_id: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["email", "domain"] }).notNull(),
    value_hash: text("value_hash").notNull(),
    reason: text("reason"),
    created_by: text("created_by"),
    created_at: createdAt(),
  },
  (t) => [uniqueIndex("suppressions_tenant_value").on(t.tenant_id, t.kind, t.value_hash)],
);

export type Suppression = typeof suppressions.$inferSelect;

/** A tenant's ideal customer profile (the ICP scoring's input), as JSON. */
export const icpProfiles = sqliteTable("icp_profiles", {
  tenant_id: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  profile: text("profile", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  version: integer("version").notNull().default(1),
  updated_by: text("updated_by"),
  updated_at: text("updated_at").notNull(),
});

/** The leads a run produced or updated, in the order it found them. */
export const runLeads = sqliteTable(
  "run_leads",
  {
    run_id: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    tenant_id: text("tenant_id").notNull(),
    lead_id: text("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    domain: text("domain").notNull(),
    seq: integer("seq").notNull(),
  },
  (t) => [
    uniqueIndex("run_leads_run_lead").on(t.run_id, t.lead_id),
    index("run_leads_run_seq").on(t.run_id, t.seq),
  ],
);

export const runLogLevels = ["debug", "info", "warn", "error"] as const;

/** A run's log: what happened to each domain, readable by the tenant. */
export const runLogs = sqliteTable(
  "run_logs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    run_id: text("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    tenant_id: text("tenant_id").notNull(),
    level: text("level", { enum: runLogLevels }).notNull(),
    domain: text("domain"),
    message: text("message").notNull(),
    at: text("at").notNull(),
  },
  (t) => [index("run_logs_run").on(t.run_id, t.id)],
);

export type Run = typeof runs.$inferSelect;
export type RunDomain = typeof runDomains.$inferSelect;
export type RunLog = typeof runLogs.$inferSelect;

/** Mail "sent" in development (MAIL_PROVIDER=outbox): read at /dev/outbox instead of delivered. */
export const devOutbox = sqliteTable(
  "dev_outbox",
  {
    id: text("id").primaryKey(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    created_at: createdAt(),
  },
  (t) => [index("dev_outbox_to").on(t.to, t.created_at)],
);

export const emailCodePurposes = ["verify_email", "reset_password"] as const;

/**
 * One-time codes mailed to a user (6 digits for verifying the address, a
 * random link token for resetting a password): only a hash is kept, with an
 * expiry and a count of wrong attempts.
 */
export const emailCodes = sqliteTable(
  "email_codes",
  {
    id: text("id").primaryKey(),
    user_id: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: emailCodePurposes }).notNull(),
    code_hash: text("code_hash").notNull(),
    attempts: integer("attempts").notNull().default(0),
    expires_at: text("expires_at").notNull(),
    used_at: text("used_at"),
    created_at: createdAt(),
  },
  (t) => [index("email_codes_user").on(t.user_id, t.purpose, t.created_at)],
);
