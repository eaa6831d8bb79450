/** Handlers of door 001's subscriptions: the seed's bodies over services/billing. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import {
  currentSubscription,
  findPlan,
  knownSubscription,
  type Plan,
  requestPlanChange,
  type Subscription,
  usageBetween,
} from "../../services/billing/subscriptions.ts";
import type { changePlan001, currentSubscription001, plan001, usage001 } from "./subscriptions.routes.ts";

const dollars = (plan: Plan) => plan.price_cents / 100;

const subscriptionView = (s: Subscription) => ({
  plan_id: s.plan.id,
  plan_name: s.plan.name,
  status: s.status,
  price: dollars(s.plan),
  credits_limit: s.limits.credits_per_period,
  features: s.plan.features.map((f) => f.id),
  current_period_start: s.current_period_start,
  current_period_end: s.current_period_end,
  pending_plan_id: s.pending_plan_id,
});

/**
 * The caller's subscription: from the rows the access-token check read with the session (no query
 * while the period runs), else read.
 */
function callerSubscription(c: Context<AppEnv>) {
  const { tenantId } = getPrincipal(c);
  const known = knownSubscription(c.var.account, tenantId);
  return currentSubscription(c.var.db, tenantId, c.var.config.TRIAL_DAYS, undefined, known);
}

export const currentSubscription001Handler: RouteHandler<typeof currentSubscription001, AppEnv> = async (
  c,
) => {
  return c.json({ subscription: subscriptionView(await callerSubscription(c)) }, 200);
};

export const usage001Handler: RouteHandler<typeof usage001, AppEnv> = async (c) => {
  const tenantId = getPrincipal(c).tenantId;
  const s = await callerSubscription(c);
  const usage = await usageBetween(c.var.db, tenantId, s.current_period_start, s.current_period_end);
  return c.json(
    {
      credits_used: usage.credits_used,
      credits_limit: s.limits.credits_per_period,
      period_start: s.current_period_start,
      period_end: s.current_period_end,
      usage_by_day: usage.usage_by_day,
    },
    200,
  );
};

export const changePlan001Handler: RouteHandler<typeof changePlan001, AppEnv> = async (c) => {
  const { plan_id } = c.req.valid("json");
  const target = await findPlan(c.var.db, plan_id);
  if (!target) throw new ApiError("not_found", `There is no plan "${plan_id}"`);
  const principal = getPrincipal(c);
  const outcome = await requestPlanChange(c.var.db, principal.tenantId, target, c.var.config.TRIAL_DAYS);
  if (outcome.kind !== "unchanged" && outcome.kind !== "payment_required")
    c.var.log.info("plan change", {
      tenant_id: principal.tenantId,
      user_id: principal.userId,
      plan_id: target.id,
      takes_effect: outcome.kind,
    });
  const body = {
    payment_required: {
      payment_required: true,
      message: "Plan change initiated. Payment required.",
      effective_at: null,
    },
    unchanged: {
      payment_required: false,
      message: `Already on the ${target.name} plan.`,
      effective_at: null,
    },
    now: { payment_required: false, message: `Now on the ${target.name} plan.` },
    at_period_end: {
      payment_required: false,
      message: `The ${target.name} plan starts when the current period ends.`,
    },
  }[outcome.kind];
  const effective_at =
    outcome.kind === "now"
      ? outcome.subscription.current_period_start
      : outcome.kind === "at_period_end"
        ? outcome.subscription.current_period_end
        : null;
  return c.json({ success: true as const, ...body, effective_at }, 200);
};

export const plan001Handler: RouteHandler<typeof plan001, AppEnv> = async (c) => {
  const { planId } = c.req.valid("param");
  const plan = await findPlan(c.var.db, planId);
  if (!plan) throw new ApiError("not_found", `There is no plan "${planId}"`);
  return c.json(
    {
      id: plan.id,
      name: plan.name,
      price: dollars(plan),
      credits: plan.credits_per_period,
      features: plan.features.map((f) => f.label),
    },
    200,
  );
};
