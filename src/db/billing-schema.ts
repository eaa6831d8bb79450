/**
 * The account layer's tables (docs/plans.md): the plan catalogue, a subscription per tenant, the
 * append-only usage ledger and the credit reservations of work in progress. drizzle-kit reads this file
 * beside schema.ts (drizzle.config.ts), and the tenant-scope check reads both.
 *
 * Migration 0014 adds triggers that drizzle-kit does not know about: every ledger insert adds its
 * credits to its subscription's `credits_used` (when it falls in the current period) and to its
 * reservation's `settled`. A future migration that makes drizzle-kit rebuild `usage_records` must
 * create them again.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { PlanLimits } from "../domain/billing/credits.ts";
import { subscriptionStatuses } from "../domain/billing/subscription.ts";
import { createdAt, tenants } from "./schema.ts";

export type { PlanLimits };

/** A feature a plan lists: a stable id (seed 001's `current` body) and the words people read (its plan body). */
export interface PlanFeature {
  id: string;
  label: string;
}

/** The plan catalogue, seeded by migration 0013; a platform admin changes its numbers without a deploy. */
export const plans = sqliteTable("plans", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** In whole cents of `currency`, per period (a month). */
  price_cents: integer("price_cents").notNull(),
  currency: text("currency").notNull().default("usd"),
  credits_per_period: integer("credits_per_period").notNull(),
  features: text("features", { mode: "json" }).$type<PlanFeature[]>().notNull(),
  limits: text("limits", { mode: "json" }).$type<PlanLimits>().notNull(),
  sort_order: integer("sort_order").notNull().default(0),
  updated_at: text("updated_at"),
  updated_by: text("updated_by"),
});

/** One per tenant: its plan and the period it is in (domain/billing/subscription.ts turns the periods). */
export const subscriptions = sqliteTable("subscriptions", {
  tenant_id: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  plan_id: text("plan_id")
    .notNull()
    .references(() => plans.id),
  status: text("status", { enum: subscriptionStatuses }).notNull(),
  current_period_start: text("current_period_start").notNull(),
  current_period_end: text("current_period_end").notNull(),
  /** A downgrade waiting for the period's end. */
  pending_plan_id: text("pending_plan_id").references(() => plans.id),
  /**
   * The credits the ledger holds for the current period: kept by migration 0014's trigger on every
   * ledger insert, recomputed from the ledger when a period turns (so the sign-in read needs no sum).
   */
  credits_used: integer("credits_used").notNull().default(0),
  created_at: createdAt(),
  updated_at: text("updated_at"),
});

/**
 * The usage ledger, append-only: one row per billable unit of work, with the credits it cost.
 * `idempotency_key` is unique per tenant, so a redelivered queue message never charges twice.
 */
export const usageRecords = sqliteTable(
  "usage_records",
  {
    id: text("id").primaryKey(),
    tenant_id: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    user_id: text("user_id"),
    resource_type: text("resource_type").notNull(),
    resource_id: text("resource_id"),
    /** How much of `unit` was used (1 domain, 1 address, 1,200 tokens). */
    amount: integer("amount").notNull(),
    unit: text("unit").notNull(),
    /** What it cost in credits (the table in services/billing/costs.ts). */
    credits: integer("credits").notNull(),
    description: text("description"),
    run_id: text("run_id"),
    item_id: text("item_id"),
    /** The reservation this charge settles against (credit_reservations), if the work reserved first. */
    reservation_id: text("reservation_id"),
    idempotency_key: text("idempotency_key").notNull(),
    created_at: createdAt(),
  },
  (t) => [
    uniqueIndex("usage_records_idempotency").on(t.tenant_id, t.idempotency_key),
    index("usage_records_tenant_time").on(t.tenant_id, t.created_at),
  ],
);

export const reservationStatuses = ["open", "closed"] as const;

/**
 * Credits set aside for work before it starts (a run's domains), so parallel requests cannot spend
 * the same balance twice. A reservation counts against the balance for what it has not settled yet
 * (`credits - settled`) while it is open and not expired; closing it (the work ended) returns the
 * rest. `expires_at` bounds a reservation whose work died without closing it.
 */
export const creditReservations = sqliteTable(
  "credit_reservations",
  {
    id: text("id").primaryKey(),
    tenant_id: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    user_id: text("user_id"),
    run_id: text("run_id"),
    credits: integer("credits").notNull(),
    /** What the ledger has charged against it (the trigger of migration 0014 adds each charge). */
    settled: integer("settled").notNull().default(0),
    status: text("status", { enum: reservationStatuses }).notNull().default("open"),
    description: text("description"),
    created_at: createdAt(),
    expires_at: text("expires_at").notNull(),
    closed_at: text("closed_at"),
  },
  (t) => [
    index("credit_reservations_open").on(t.tenant_id, t.status, t.expires_at),
    index("credit_reservations_run").on(t.tenant_id, t.run_id),
  ],
);

export type CreditReservation = typeof creditReservations.$inferSelect;

/**
 * What a platform admin changed on a tenant (seed 004's PATCH /api/v1/admin/tenants/{id}): who, when,
 * and each field's value before and after. Append-only.
 */
export const tenantChanges = sqliteTable(
  "tenant_changes",
  {
    id: text("id").primaryKey(),
    tenant_id: text("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    actor_user_id: text("actor_user_id").notNull(),
    actor_tenant_id: text("actor_tenant_id").notNull(),
    changes: text("changes", { mode: "json" })
      .$type<Record<string, { from: unknown; to: unknown }>>()
      .notNull(),
    created_at: createdAt(),
  },
  (t) => [index("tenant_changes_tenant").on(t.tenant_id, t.created_at)],
);
