/**
 * Credits in D1: reserve before work starts, charge the ledger as units finish, close the
 * reservation when the work ends (what it did not use goes back). A reservation is one conditional
 * INSERT whose WHERE reads the period's credits and every open reservation of the tenant, and D1
 * runs one statement at a time per database, so parallel requests can never reserve past the
 * balance. Charges go through `usageStatement` (idempotent per key); migration 0014's trigger adds each
 * one to the subscription's `credits_used` and to its reservation's `settled`.
 */
import { eq, inArray, type SQL, sql } from "drizzle-orm";
import { creditReservations, usageRecords } from "../../db/billing-schema.ts";
import type { Database } from "../../db/client.ts";
import { type TenantScope, tenantScope } from "../../db/tenant-scope.ts";
import { type CreditBalance, creditBalance, creditCosts, creditsFor } from "../../domain/billing/credits.ts";
import { ApiError } from "../../errors.ts";
import { newId, nowIso } from "../../lib/ids.ts";
import { currentSubscription, type Subscription } from "./subscriptions.ts";

/** One billable unit of work for the ledger. */
export interface UsageInput {
  userId: string | SQL | null;
  resourceType: string;
  resourceId: string | null;
  amount: number;
  unit: string;
  credits: number;
  description: string | null;
  runId?: string | null;
  itemId?: string | null;
  /** The reservation the charge settles against (an id, or SQL that finds it). */
  reservationId?: string | SQL | null;
  /** The same key twice is one record: a redelivered message charges nothing more. */
  idempotencyKey: string;
}

/** The statement that appends a usage record (nothing when its idempotency key is there already), for a batch. */
export function usageStatement(db: Database, tenantId: string, usage: UsageInput) {
  return tenantScope(db, tenantId)
    .insert(usageRecords, [
      {
        id: newId("use"),
        user_id: usage.userId,
        resource_type: usage.resourceType,
        resource_id: usage.resourceId,
        amount: usage.amount,
        unit: usage.unit,
        credits: usage.credits,
        description: usage.description,
        run_id: usage.runId ?? null,
        item_id: usage.itemId ?? null,
        reservation_id: usage.reservationId ?? null,
        idempotency_key: usage.idempotencyKey,
      },
    ])
    .onConflictDoNothing()
    .returning({ id: usageRecords.id });
}

/** Appends a usage record; returns false when one with the same idempotency key was already there. */
export async function recordUsage(db: Database, tenantId: string, usage: UsageInput): Promise<boolean> {
  const inserted = await usageStatement(db, tenantId, usage);
  return inserted.length > 0;
}

/** How long a reservation holds credits when its work never closes it (a crashed run): a day. */
export const RESERVATION_TTL_MS = 24 * 60 * 60 * 1000;

/** The credits open reservations still hold, as SQL (expired ones hold nothing). */
function heldCredits(scope: TenantScope, now: string) {
  return sql<number>`(SELECT coalesce(sum(max(credits - settled, 0)), 0) FROM credit_reservations
    WHERE ${scope.sqlCondition()} AND status = 'open' AND expires_at > ${now})`;
}

function usedCredits(scope: TenantScope) {
  return sql<number>`coalesce((SELECT credits_used FROM subscriptions WHERE ${scope.sqlCondition()}), 0)`;
}

/** The period's balance: the limit, what the ledger charged, what open work holds, and what is left. */
export async function balanceOf(db: Database, subscription: Subscription, tenantId: string, now = nowIso()) {
  const scope = tenantScope(db, tenantId);
  const [row] = await db.all<{ used: number; held: number }>(
    sql`SELECT ${usedCredits(scope)} AS used, ${heldCredits(scope, now)} AS held`,
  );
  return creditBalance(
    subscription.limits.credits_per_period,
    Number(row?.used ?? 0),
    Number(row?.held ?? 0),
  );
}

export interface ReservationInput {
  credits: number;
  userId: string | null;
  runId?: string | null;
  description: string;
  ttlMs?: number;
}

/** The 402 for work the balance cannot cover, with what is left (each door words it its own way). */
export function creditsExhausted(balance: CreditBalance, wanted: number, periodEnd: string): ApiError {
  return new ApiError(
    "credits_exhausted",
    `This needs ${wanted} credit${wanted === 1 ? "" : "s"} and ${balance.remaining} of this period's ` +
      `${balance.limit} are left; they renew at ${periodEnd}`,
    {
      data: {
        credits_required: wanted,
        credits_remaining: balance.remaining,
        credits_limit: balance.limit,
        period_end: periodEnd,
      },
    },
  );
}

/**
 * Sets `credits` aside for work about to start, or throws 402 `credits_exhausted` when the period's
 * balance (less what other open work holds) cannot cover them. Zero credits reserve nothing (null).
 */
export async function reserveCredits(
  db: Database,
  tenantId: string,
  trialDays: number,
  input: ReservationInput,
  now = nowIso(),
): Promise<string | null> {
  if (input.credits <= 0) return null;
  const subscription = await currentSubscription(db, tenantId, trialDays, now);
  const scope = tenantScope(db, tenantId);
  const id = newId("rsv");
  const expires = new Date(Date.parse(now) + (input.ttlMs ?? RESERVATION_TTL_MS)).toISOString();
  const limit = subscription.limits.credits_per_period;
  const inserted = await db.all<{ id: string }>(sql`
    INSERT INTO credit_reservations (id, tenant_id, user_id, run_id, credits, description, created_at, expires_at)
    SELECT ${id}, ${tenantId}, ${input.userId}, ${input.runId ?? null}, ${input.credits}, ${input.description},
      ${now}, ${expires}
    WHERE ${usedCredits(scope)} + ${heldCredits(scope, now)} + ${input.credits} <= ${limit}
    RETURNING id`);
  if (inserted.length > 0) return id;
  const balance = await balanceOf(db, subscription, tenantId, now);
  throw creditsExhausted(balance, input.credits, subscription.current_period_end);
}

/** Ends reservations: what they did not settle goes back to the balance. Closing twice changes nothing. */
export function closeReservationsStatement(db: Database, tenantId: string, ids: string[], now = nowIso()) {
  return tenantScope(db, tenantId).update(
    creditReservations,
    { status: "closed", closed_at: now },
    inArray(creditReservations.id, ids),
    eq(creditReservations.status, "open"),
  );
}

/** Ends every open reservation of a run (it finished, failed or was cancelled: `when` says so in SQL). */
export function closeRunReservationsStatement(
  db: Database,
  tenantId: string,
  runId: string,
  now: string,
  when: SQL,
) {
  return tenantScope(db, tenantId).update(
    creditReservations,
    { status: "closed", closed_at: now },
    eq(creditReservations.run_id, runId),
    eq(creditReservations.status, "open"),
    when,
  );
}

/**
 * The ledger record of one finished domain of a run, settled against the run's open reservation;
 * its key makes a redelivered message's second finish charge nothing.
 */
export function domainChargeStatement(
  db: Database,
  key: { tenantId: string; runId: string; domain: string },
) {
  const scope = tenantScope(db, key.tenantId);
  return usageStatement(db, key.tenantId, {
    userId: sql<string>`(SELECT user_id FROM runs WHERE ${scope.sqlCondition()} AND id = ${key.runId})`,
    resourceType: "domain_discovered",
    resourceId: key.domain,
    amount: 1,
    unit: creditCosts.domain_discovered.unit,
    credits: creditsFor("domain_discovered", 1),
    description: `domain ${key.domain}`,
    runId: key.runId,
    itemId: key.domain,
    reservationId: sql<string>`(SELECT id FROM credit_reservations
      WHERE ${scope.sqlCondition()} AND run_id = ${key.runId} AND status = 'open' LIMIT 1)`,
    idempotencyKey: `run:${key.runId}:domain:${key.domain}`,
  });
}
