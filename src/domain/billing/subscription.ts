/**
 * A tenant's subscription over time, as pure functions: monthly periods, a
 * trial that ends on the free plan unless paid for, downgrades that wait for
 * the period's end, upgrades that wait for a payment. The services keep the
 * state in D1 (services/billing/subscriptions.ts) and apply `rollOver` on
 * every read, so no scheduler is needed for a period to turn.
 */

export const subscriptionStatuses = ["trial", "active", "past_due", "canceled"] as const;
export type SubscriptionStatus = (typeof subscriptionStatuses)[number];

/** What a plan costs and gives, as the catalogue stores it (prices in whole cents). */
export interface PlanTerms {
  id: string;
  price_cents: number;
  credits_per_period: number;
}

export interface SubscriptionState {
  plan_id: string;
  status: SubscriptionStatus;
  current_period_start: string;
  current_period_end: string;
  /** A downgrade waiting for the period's end, or null. */
  pending_plan_id: string | null;
}

/** The plan a trial ends on when nobody paid, and the one every downgrade can reach. */
export const FREE_PLAN = "free";

/** The same day-of-month and time a month later (clamped: 31 January -> 28 or 29 February). */
export function addMonth(iso: string): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  const next = new Date(
    Date.UTC(
      d.getUTCFullYear(),
      d.getUTCMonth() + 1,
      1,
      d.getUTCHours(),
      d.getUTCMinutes(),
      d.getUTCSeconds(),
      d.getUTCMilliseconds(),
    ),
  );
  const last = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, last));
  return next.toISOString();
}

/** A new tenant's subscription: the trial plan for `trialDays` from `now`. */
export function startTrial(now: string, trialPlan: string, trialDays: number): SubscriptionState {
  const end = new Date(new Date(now).getTime() + trialDays * 86_400_000).toISOString();
  return {
    plan_id: trialPlan,
    status: "trial",
    current_period_start: now,
    current_period_end: end,
    pending_plan_id: null,
  };
}

/**
 * The state at `now`: every period that ended is closed. A trial that ended becomes the free plan
 * (active); an active period is followed by the next month, on the pending plan if a downgrade was
 * waiting; a canceled subscription stays canceled; past_due waits for payments (issue "payments").
 */
export function rollOver(state: SubscriptionState, now: string): SubscriptionState {
  let s = { ...state };
  // At most a few years of months: a guard against a corrupt far-past date, not a real limit.
  for (let i = 0; i < 1200 && s.current_period_end <= now; i++) {
    if (s.status === "canceled" || s.status === "past_due") break;
    if (s.status === "trial") {
      s = { ...s, plan_id: s.pending_plan_id ?? FREE_PLAN, status: "active", pending_plan_id: null };
    } else if (s.pending_plan_id) {
      s = { ...s, plan_id: s.pending_plan_id, pending_plan_id: null };
    }
    s.current_period_start = s.current_period_end;
    s.current_period_end = addMonth(s.current_period_start);
  }
  return s;
}

export type PlanChange =
  | { kind: "unchanged" }
  /** Takes effect now: the free plan chosen during a trial, or a plan that costs nothing more. */
  | { kind: "now"; state: SubscriptionState }
  /** A downgrade: the current plan runs to the period's end, then the new one starts. */
  | { kind: "at_period_end"; state: SubscriptionState }
  /** Costs more than today's plan (or anything, during a trial): nothing changes until it is paid. */
  | { kind: "payment_required" };

/**
 * What asking for `target` does to the subscription `state` (already rolled over). Moving to a
 * cheaper plan waits for the period's end, since the current one is paid for; moving to the free
 * plan during a trial ends the trial at once; any plan that costs money needs a payment first,
 * during a trial too. Asking for the plan one is on (or on the way to) cancels a pending downgrade.
 */
export function changePlan(
  state: SubscriptionState,
  current: PlanTerms,
  target: PlanTerms,
  now: string,
): PlanChange {
  if (target.id === current.id && state.status !== "canceled")
    return state.pending_plan_id === null
      ? { kind: "unchanged" }
      : { kind: "now", state: { ...state, pending_plan_id: null } };
  const unpaid = state.status === "trial" || state.status === "canceled";
  if (target.price_cents > 0 && (unpaid || target.price_cents > current.price_cents))
    return { kind: "payment_required" };
  // Only the free plan is left here for a trial or a canceled subscription: it starts now.
  if (unpaid) return restart();
  return { kind: "at_period_end", state: { ...state, pending_plan_id: target.id } };

  function restart(): PlanChange {
    return {
      kind: "now",
      state: {
        plan_id: target.id,
        status: "active",
        current_period_start: now,
        current_period_end: addMonth(now),
        pending_plan_id: null,
      },
    };
  }
}
