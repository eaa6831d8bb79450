/**
 * Door 001's subscriptions (seed 001, "Subscriptions & Billing"): the
 * current plan, its usage, a plan's terms, and plan changes (payments are
 * their own issue: a change that costs money answers `payment_required`).
 */
import { z } from "@hono/zod-openapi";
import { errorResponses } from "../../errors.ts";
import { defineRoute } from "../router.ts";

const iso = z.string().openapi({ example: "2024-01-01T00:00:00.000Z" });

export const CurrentSubscription001Schema = z
  .object({
    subscription: z.object({
      plan_id: z.string().openapi({ example: "professional" }),
      plan_name: z.string().openapi({ example: "Professional" }),
      status: z.enum(["trial", "active", "past_due", "canceled"]),
      price: z.number().openapi({ description: "Per month, in US dollars.", example: 149 }),
      credits_limit: z.number().int().openapi({ example: 5000 }),
      features: z
        .array(z.string())
        .openapi({ example: ["all_osint_sources", "api_access", "custom_scoring"] }),
      current_period_start: iso,
      current_period_end: iso,
      pending_plan_id: z
        .string()
        .nullable()
        .openapi({ description: "A downgrade that starts when this period ends; null when none waits." }),
    }),
  })
  .openapi("CurrentSubscription001");

export const Usage001Schema = z
  .object({
    credits_used: z.number().int(),
    credits_limit: z.number().int(),
    period_start: iso,
    period_end: iso,
    usage_by_day: z.array(
      z.object({ date: z.string().openapi({ example: "2024-01-15" }), credits: z.number().int() }),
    ),
  })
  .openapi("Usage001");

export const ChangePlan001Schema = z
  .object({ plan_id: z.string().min(1).max(40).openapi({ example: "enterprise" }) })
  .openapi("ChangePlan001");

export const PlanChanged001Schema = z
  .object({
    success: z.literal(true),
    payment_required: z.boolean(),
    message: z.string(),
    effective_at: z.string().nullable().openapi({
      description: "When the new plan starts: now, the period's end, or null when nothing changed.",
    }),
  })
  .openapi("PlanChanged001");

export const Plan001Schema = z
  .object({
    id: z.string().openapi({ example: "professional" }),
    name: z.string().openapi({ example: "Professional" }),
    price: z.number().openapi({ example: 149 }),
    credits: z.number().int().openapi({ example: 5000 }),
    features: z.array(z.string()).openapi({ example: ["All OSINT data sources", "API access"] }),
  })
  .openapi("Plan001");

export const currentSubscription001 = defineRoute({
  method: "get",
  path: "/api/subscriptions/current",
  tags: ["Subscriptions"],
  summary: "The tenant's plan and the period it is in",
  description:
    "A new tenant is on a trial of the starter plan (TRIAL_DAYS, default 14), then on the free plan.",
  access: { auth: "user" },
  responses: {
    200: {
      description: "The subscription",
      content: { "application/json": { schema: CurrentSubscription001Schema } },
    },
  },
});

export const usage001 = defineRoute({
  method: "get",
  path: "/api/subscriptions/usage",
  tags: ["Subscriptions"],
  summary: "Credits used in the current period, by day (UTC)",
  access: { auth: "user" },
  responses: {
    200: { description: "The period's usage", content: { "application/json": { schema: Usage001Schema } } },
  },
});

export const changePlan001 = defineRoute({
  method: "post",
  path: "/api/subscriptions/change-plan",
  tags: ["Subscriptions"],
  summary: "Change the plan (owners and admins)",
  description:
    "A cheaper plan starts when the current period ends (asking for the current plan again cancels " +
    "that); the free plan chosen during a trial starts at once; a plan that costs more, or any paid " +
    "plan during a trial, answers `payment_required: true` and changes nothing until it is paid. " +
    "`pro` is `professional`. Unknown plan: 404.",
  access: { auth: "user", role: "admin" },
  request: { body: { required: true, content: { "application/json": { schema: ChangePlan001Schema } } } },
  responses: {
    200: { description: "What happens", content: { "application/json": { schema: PlanChanged001Schema } } },
    ...errorResponses(404),
  },
});

export const plan001 = defineRoute({
  method: "get",
  path: "/api/subscriptions/plans/{planId}",
  tags: ["Subscriptions"],
  summary: "A plan's price, credits and features",
  access: { auth: "user" },
  request: { params: z.object({ planId: z.string().min(1).max(40).openapi({ example: "professional" }) }) },
  responses: {
    200: { description: "The plan", content: { "application/json": { schema: Plan001Schema } } },
    ...errorResponses(404),
  },
});
