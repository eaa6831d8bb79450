/**
 * Plans, subscriptions and the usage ledger in D1. A tenant's subscription
 * starts as a trial the first time it is read (sign-up paths need not know
 * about it), and every read first closes the periods that ended
 * (domain/billing/subscription.ts), so no scheduler is needed.
 */
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
  type PlanFeature,
  type PlanLimits,
  plans,
  subscriptions,
  tenants,
  usageRecords,
} from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import {
  changePlan,
  type PlanChange,
  rollOver,
  type SubscriptionState,
  startTrial,
} from "../../domain/billing/subscription.ts";
import { newId, nowIso } from "../../lib/ids.ts";

export interface Plan {
  id: string;
  name: string;
  price_cents: number;
  currency: string;
  credits_per_period: number;
  features: PlanFeature[];
  limits: PlanLimits;
}

/** Other names a plan answers to ("pro", as seed 002 calls it). */
const aliases: Record<string, string> = { pro: "professional" };

/** The plan a new tenant's trial runs on. */
export const TRIAL_PLAN = "starter";

/** Every plan, cheapest first. */
export async function listPlans(db: Database): Promise<Plan[]> {
  return db.select().from(plans).orderBy(asc(plans.sort_order), asc(plans.price_cents));
}

/**
 * The catalogue as this isolate last read it: plans change rarely (a platform admin's edit), and
 * every authenticated door 001 request needs one, so a change reaches every isolate within
 * PLAN_CACHE_MS rather than costing a query per request.
 */
const PLAN_CACHE_MS = 60_000;
let cached: { at: number; byId: Map<string, Plan> } | null = null;

/** A plan by its id or an alias, case-insensitive; null when there is none. */
export async function findPlan(db: Database, id: string, now = Date.now()): Promise<Plan | null> {
  const key = id.trim().toLowerCase();
  if (!cached || now - cached.at > PLAN_CACHE_MS || now < cached.at) {
    cached = { at: now, byId: new Map((await listPlans(db)).map((p) => [p.id, p])) };
  }
  return cached.byId.get(aliases[key] ?? key) ?? null;
}

export interface Subscription extends SubscriptionState {
  plan: Plan;
}

/**
 * The tenant's subscription as it stands at `now`: when it has none yet, a trial of `trialDays` on
 * the trial plan from the tenant's creation; the periods that ended closed (and stored).
 */
export async function currentSubscription(
  db: Database,
  tenantId: string,
  trialDays: number,
  now = nowIso(),
): Promise<Subscription> {
  const scope = tenantScope(db, tenantId);
  let row = await scope.select(subscriptions).get();
  if (!row) {
    // The trial runs from the tenant's creation, so usage recorded before this first read is in it.
    const tenant = await db
      .select({ created_at: tenants.created_at })
      .from(tenants)
      .where(eq(tenants.id, tenantId))
      .get();
    const start = tenant && tenant.created_at < now ? tenant.created_at : now;
    await scope
      .insert(subscriptions, [{ ...startTrial(start, TRIAL_PLAN, trialDays), updated_at: now }])
      .onConflictDoNothing();
    row = (await scope.select(subscriptions).get())!;
  }
  let state: SubscriptionState = {
    plan_id: row.plan_id,
    status: row.status,
    current_period_start: row.current_period_start,
    current_period_end: row.current_period_end,
    pending_plan_id: row.pending_plan_id,
  };
  const rolled = rollOver(state, now);
  if (rolled.current_period_end !== state.current_period_end) {
    // Only the reader that still sees the old period stores the new one: concurrent reads agree.
    await scope.update(
      subscriptions,
      { ...rolled, updated_at: now },
      eq(subscriptions.current_period_end, state.current_period_end),
    );
    state = rolled;
  }
  const plan = await findPlan(db, state.plan_id);
  if (!plan) throw new Error(`subscription of ${tenantId} names the unknown plan ${state.plan_id}`);
  return { ...state, plan };
}

export type PlanChangeOutcome =
  | Exclude<PlanChange, { state: SubscriptionState }>
  | {
      kind: "now" | "at_period_end";
      subscription: Subscription;
    };

/** Asks for `target` (an existing plan); stores what takes effect (see domain changePlan). */
export async function requestPlanChange(
  db: Database,
  tenantId: string,
  target: Plan,
  trialDays: number,
  now = nowIso(),
): Promise<PlanChangeOutcome> {
  const current = await currentSubscription(db, tenantId, trialDays, now);
  const change = changePlan(current, current.plan, target, now);
  if (change.kind === "unchanged" || change.kind === "payment_required") return change;
  await tenantScope(db, tenantId).update(subscriptions, { ...change.state, updated_at: now });
  const plan = change.state.plan_id === target.id ? target : current.plan;
  return { kind: change.kind, subscription: { ...change.state, plan } };
}

/** One billable unit of work for the ledger. */
export interface UsageInput {
  userId: string | null;
  resourceType: string;
  resourceId: string | null;
  amount: number;
  unit: string;
  credits: number;
  description: string | null;
  runId?: string | null;
  itemId?: string | null;
  /** The same key twice is one record: a redelivered message charges nothing more. */
  idempotencyKey: string;
}

/** Appends a usage record; returns false when one with the same idempotency key was already there. */
export async function recordUsage(db: Database, tenantId: string, usage: UsageInput): Promise<boolean> {
  const inserted = await tenantScope(db, tenantId)
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
        idempotency_key: usage.idempotencyKey,
      },
    ])
    .onConflictDoNothing()
    .returning({ id: usageRecords.id });
  return inserted.length > 0;
}

/**
 * The subscription and the credits its period has used, in one round trip when the subscription
 * exists and its period has not ended (every door 001 sign-in and `/api/auth/me`); else the long way.
 */
export async function subscriptionWithUsage(
  db: Database,
  tenantId: string,
  trialDays: number,
  now = nowIso(),
): Promise<{ subscription: Subscription; credits_used: number }> {
  const scope = tenantScope(db, tenantId);
  const inPeriod = (bound: "current_period_start" | "current_period_end") =>
    sql`(SELECT ${sql.raw(bound)} FROM subscriptions WHERE ${scope.sqlCondition()})`;
  const [rows, used] = await db.batch([
    scope.selectFields(subscriptions, {
      plan_id: subscriptions.plan_id,
      status: subscriptions.status,
      current_period_start: subscriptions.current_period_start,
      current_period_end: subscriptions.current_period_end,
      pending_plan_id: subscriptions.pending_plan_id,
    }),
    scope.selectFields(
      usageRecords,
      { credits: sql<number>`coalesce(sum(${usageRecords.credits}), 0)` },
      sql`${usageRecords.created_at} >= ${inPeriod("current_period_start")}`,
      sql`${usageRecords.created_at} < ${inPeriod("current_period_end")}`,
    ),
  ]);
  const state = rows[0];
  const plan = state && (await findPlan(db, state.plan_id));
  if (state && plan && state.current_period_end > now)
    return { subscription: { ...state, plan }, credits_used: Number(used[0]?.credits ?? 0) };
  const subscription = await currentSubscription(db, tenantId, trialDays, now);
  const usage = await usageBetween(
    db,
    tenantId,
    subscription.current_period_start,
    subscription.current_period_end,
  );
  return { subscription, credits_used: usage.credits_used };
}

export interface UsageSummary {
  credits_used: number;
  usage_by_day: { date: string; credits: number }[];
}

/** Credits used between `from` (inclusive) and `to` (exclusive), in total and by UTC day. */
export async function usageBetween(
  db: Database,
  tenantId: string,
  from: string,
  to: string,
): Promise<UsageSummary> {
  const day = sql<string>`substr(${usageRecords.created_at}, 1, 10)`;
  const rows = await tenantScope(db, tenantId)
    .selectFields(
      usageRecords,
      { date: day, credits: sql<number>`sum(${usageRecords.credits})` },
      and(gte(usageRecords.created_at, from), lt(usageRecords.created_at, to)),
    )
    .groupBy(day)
    .orderBy(day);
  const usage_by_day = rows.map((r) => ({ date: r.date, credits: Number(r.credits) }));
  return { credits_used: usage_by_day.reduce((n, d) => n + d.credits, 0), usage_by_day };
}
