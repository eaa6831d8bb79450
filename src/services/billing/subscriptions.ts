/**
 * Plans, subscriptions and the usage ledger in D1. A tenant's subscription
 * starts as a trial the first time it is read (sign-up paths need not know
 * about it), and every read first closes the periods that ended
 * (domain/billing/subscription.ts), so no scheduler is needed.
 */
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import {
  type PlanFeature,
  type PlanLimits,
  plans,
  subscriptions,
  usageRecords,
} from "../../db/billing-schema.ts";
import type { Database } from "../../db/client.ts";
import { tenants } from "../../db/schema.ts";
import { type TenantScope, tenantScope } from "../../db/tenant-scope.ts";
import { type EffectiveLimits, effectiveLimits } from "../../domain/billing/credits.ts";
import {
  changePlan,
  type PlanChange,
  rollOver,
  type SubscriptionState,
  startTrial,
} from "../../domain/billing/subscription.ts";
import { nowIso } from "../../lib/ids.ts";

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

/** Drops this isolate's copy of the catalogue (after an edit here). */
export function forgetPlans(): void {
  cached = null;
}

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
  /** Credits the ledger holds for the current period. */
  credits_used: number;
  /** The plan's numbers with the tenant's own overrides (tenants.limits). */
  limits: EffectiveLimits;
  /** The tenant's overrides themselves. */
  overrides: Record<string, unknown>;
}

export type SubscriptionRow = typeof subscriptions.$inferSelect;

/** What the access-token check read with the session: the subscription row (null before the first) and the tenant's overrides. */
export interface KnownSubscription {
  row: SubscriptionRow | null;
  tenantLimits: Record<string, unknown>;
}

/** The rows an access-token check read (c.var.account), as `known`, when they are this tenant's. */
export function knownSubscription(
  account:
    | { tenant: { id: string; limits: Record<string, unknown> }; subscription?: SubscriptionRow | null }
    | undefined,
  tenantId: string,
): KnownSubscription | undefined {
  if (!account || account.subscription === undefined || account.tenant.id !== tenantId) return undefined;
  return { row: account.subscription, tenantLimits: account.tenant.limits };
}

/** The ledger's credits between two instants, as SQL: what `credits_used` holds for that period. */
function periodCredits(scope: TenantScope, start: string, end: string) {
  return sql<number>`(SELECT coalesce(sum(credits), 0) FROM usage_records
    WHERE ${scope.sqlCondition()} AND created_at >= ${start} AND created_at < ${end})`;
}

async function readSubscription(db: Database, tenantId: string) {
  const scope = tenantScope(db, tenantId);
  return db
    .select({ created_at: tenants.created_at, limits: tenants.limits, row: subscriptions })
    .from(tenants)
    .leftJoin(subscriptions, scope.where(subscriptions))
    .where(eq(tenants.id, tenantId))
    .get();
}

async function withPlan(db: Database, row: SubscriptionRow, tenantLimits: Record<string, unknown>) {
  const plan = await findPlan(db, row.plan_id);
  if (!plan) throw new Error(`subscription of ${row.tenant_id} names the unknown plan ${row.plan_id}`);
  const subscription: Subscription = {
    plan_id: row.plan_id,
    status: row.status,
    current_period_start: row.current_period_start,
    current_period_end: row.current_period_end,
    pending_plan_id: row.pending_plan_id,
    credits_used: row.credits_used,
    plan,
    limits: effectiveLimits(plan, tenantLimits),
    overrides: tenantLimits,
  };
  return subscription;
}

/**
 * The tenant's subscription as it stands at `now`: when it has none yet, a trial of `trialDays` on
 * the trial plan from the tenant's creation; the periods that ended closed (and stored, with the new
 * period's credits counted from the ledger). With `known` (the rows the access-token check read) and a
 * period still running, no query at all.
 */
export async function currentSubscription(
  db: Database,
  tenantId: string,
  trialDays: number,
  now = nowIso(),
  known?: KnownSubscription,
): Promise<Subscription> {
  if (known?.row && known.row.current_period_end > now) return withPlan(db, known.row, known.tenantLimits);
  const scope = tenantScope(db, tenantId);
  const found = await readSubscription(db, tenantId);
  if (!found) throw new Error(`no tenant ${tenantId}`);
  let row = found.row;
  if (!row) {
    // The trial runs from the tenant's creation, so usage recorded before this first read is in it.
    const start = found.created_at.localeCompare(now) < 0 ? found.created_at : now;
    const trial = startTrial(start, TRIAL_PLAN, trialDays);
    await scope
      .insert(subscriptions, [
        {
          ...trial,
          credits_used: periodCredits(scope, trial.current_period_start, trial.current_period_end),
          updated_at: now,
        },
      ])
      .onConflictDoNothing();
    row = (await scope.select(subscriptions).get())!;
  }
  const rolled = rollOver(row, now);
  if (rolled.current_period_end !== row.current_period_end) {
    // Only the reader that still sees the old period stores the new one: concurrent reads agree.
    const [stored] = await scope
      .update(
        subscriptions,
        {
          ...rolled,
          credits_used: periodCredits(scope, rolled.current_period_start, rolled.current_period_end),
          updated_at: now,
        },
        eq(subscriptions.current_period_end, row.current_period_end),
      )
      .returning();
    row = stored ?? (await scope.select(subscriptions).get())!;
  }
  return withPlan(db, row, found.limits);
}

/**
 * The tenant's limits for counting requests (doors 002 and 003), per isolate for LIMITS_CACHE_MS: an
 * API key's request carries no subscription row, and a query per request would halve throughput. A
 * plan change or a platform admin's override reaches every isolate within that time. With `known`
 * (an access token's rows) no cache is needed.
 */
const LIMITS_CACHE_MS = 60_000;
const limitsCache = new Map<string, { at: number; limits: EffectiveLimits }>();

export async function limitsFor(
  db: Database,
  tenantId: string,
  trialDays: number,
  known?: KnownSubscription,
  nowMs = Date.now(),
): Promise<EffectiveLimits> {
  if (known?.row) return (await currentSubscription(db, tenantId, trialDays, undefined, known)).limits;
  const hit = limitsCache.get(tenantId);
  if (hit && nowMs - hit.at < LIMITS_CACHE_MS && nowMs >= hit.at) return hit.limits;
  const { limits } = await currentSubscription(db, tenantId, trialDays);
  if (limitsCache.size > 10_000) limitsCache.clear();
  limitsCache.set(tenantId, { at: nowMs, limits });
  return limits;
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
  const { current_period_start: start, current_period_end: end } = change.state;
  const scope = tenantScope(db, tenantId);
  const [row] = await scope
    .update(subscriptions, {
      ...change.state,
      // A plan that starts now starts a period: its credits are the ledger's from now on.
      ...(start !== current.current_period_start ? { credits_used: periodCredits(scope, start, end) } : {}),
      updated_at: now,
    })
    .returning();
  return { kind: change.kind, subscription: await withPlan(db, row!, current.overrides) };
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
