/**
 * Door 004's admin API (seed 004): users, tenants and the usage ledger, paged with `skip`/`limit`;
 * a platform admin's changes to a tenant. Tenant owners and admins see their own tenant, platform
 * admins every tenant; members get 403.
 */
import { z } from "@hono/zod-openapi";
import { tenantStatuses, userRoles } from "../../db/schema.ts";
import { limitNames } from "../../domain/billing/credits.ts";
import { errorResponses } from "../../errors.ts";
import { skipLimitQuery004 } from "../paging.ts";
import { defineRoute } from "../router.ts";

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const AdminUser004Schema = z
  .object({
    id: z.string(),
    tenant_id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(userRoles),
    is_active: z.boolean(),
    is_verified: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("AdminUser004");

export const Tenant004Schema = z
  .object({
    id: z.string(),
    name: z.string(),
    subdomain: z.string().nullable(),
    plan: z.string().openapi({ example: "professional" }),
    status: z.enum(tenantStatuses),
    config: z.record(z.string(), z.unknown()),
    limits: z.record(z.string(), z.number()),
    billing_email: z.string().nullable(),
    is_verified: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("Tenant004");

export const Usage004Schema = z
  .object({
    id: z.string(),
    tenant_id: z.string(),
    user_id: z.string().nullable(),
    resource_type: z.string().openapi({ example: "domain_discovered" }),
    resource_id: z.string().nullable(),
    amount: z.number().int(),
    unit: z.string(),
    credits: z.number().int(),
    description: z.string().nullable(),
    run_id: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi("Usage004");

const id = z.string().min(1).max(200);
const instant = z.iso.datetime({ offset: true });

/** Labels that name our own hosts, never a tenant's. */
export const reservedSubdomains = new Set(["www", "api", "app", "admin", "docs", "mail", "status", "static"]);

const Subdomain = z
  .string()
  .regex(
    /^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/,
    "3 to 63 lowercase letters, digits or hyphens, not at either end",
  )
  .refine((s) => !reservedSubdomains.has(s) && !s.includes("--"), "This subdomain is reserved")
  .openapi({ example: "acme" });

export const TenantPatch004Schema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    subdomain: Subdomain.nullable().optional(),
    plan: z.string().min(1).max(40).optional().openapi({ example: "pro" }),
    status: z.enum(tenantStatuses).optional(),
    config: z.record(z.string().max(100), z.unknown()).optional(),
    limits: z
      .partialRecord(z.enum(limitNames), z.number().int().min(0).max(1_000_000_000).nullable())
      .optional()
      .openapi({
        description: "Overrides over the plan's numbers; null drops one",
        example: { credits_per_period: 2000 },
      }),
    billing_email: z.email().max(254).nullable().optional(),
    is_verified: z.boolean().optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "Give at least one field to change")
  .openapi("TenantPatch004");

const adminOnly = { auth: "user", role: "admin" } as const;

export const adminUsers004 = defineRoute({
  method: "get",
  path: "/api/v1/admin/users",
  tags: ["Admin"],
  summary: "List users",
  description:
    "Oldest first. Tenant owners and admins see their own tenant's; platform admins every tenant's (`tenant_id` narrows).",
  access: adminOnly,
  request: { query: skipLimitQuery004().extend({ tenant_id: id.optional() }) },
  responses: { 200: json(z.array(AdminUser004Schema), "Users") },
});

export const adminTenants004 = defineRoute({
  method: "get",
  path: "/api/v1/admin/tenants",
  tags: ["Admin"],
  summary: "List tenants",
  description: "Oldest first. Tenant owners and admins see their own tenant; platform admins every tenant.",
  access: adminOnly,
  request: { query: skipLimitQuery004() },
  responses: { 200: json(z.array(Tenant004Schema), "Tenants") },
});

export const adminUsage004 = defineRoute({
  method: "get",
  path: "/api/v1/admin/usage",
  tags: ["Admin"],
  summary: "Usage records",
  description:
    "The usage ledger, newest first: one record per billable unit with its credits (docs/plans.md). Filters: " +
    "`tenant_id` (platform admins), `user_id`, `resource_type`, `from` (inclusive) and `to` (exclusive) as ISO 8601.",
  access: adminOnly,
  request: {
    query: skipLimitQuery004().extend({
      tenant_id: id.optional(),
      user_id: id.optional(),
      resource_type: z.string().min(1).max(60).optional(),
      from: instant.optional(),
      to: instant.optional(),
    }),
  },
  responses: { 200: json(z.array(Usage004Schema), "Usage records") },
});

export const patchTenant004 = defineRoute({
  method: "patch",
  path: "/api/v1/admin/tenants/{tenant_id}",
  tags: ["Admin"],
  summary: "Change a tenant (platform admins)",
  description:
    "Plan (at once, active), status, limit overrides and seed 004's tenant fields. Every change is recorded with " +
    "who made it and when, each field's old and new value. 404 for no such tenant, 409 for a taken subdomain.",
  access: { auth: "user", platformAdmin: true },
  request: {
    params: z.object({ tenant_id: id }),
    body: { required: true, content: { "application/json": { schema: TenantPatch004Schema } } },
  },
  responses: { 200: json(Tenant004Schema, "The tenant as it is now"), ...errorResponses(404, 409) },
});

export const Plan004Schema = z
  .object({
    id: z.string(),
    name: z.string(),
    price_cents: z.number().int(),
    currency: z.string(),
    credits_per_period: z.number().int(),
    features: z.array(z.object({ id: z.string(), label: z.string() })),
    limits: z.record(z.string(), z.number().int()),
  })
  .openapi("Plan004");

const count = z.number().int().min(0).max(1_000_000_000);

export const PlanEdit004Schema = z
  .object({
    name: z.string().trim().min(1).max(60).optional(),
    price_cents: count.optional(),
    credits_per_period: count.optional(),
    limits: z
      .object({
        requests_per_minute: count.min(1),
        requests_per_hour: count.min(1),
        burst_per_minute: count.min(1),
        batch_size: count.min(1),
        concurrent_batches: count.min(1),
        live_connections: count.min(1),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "Give at least one field to change")
  .openapi("PlanEdit004");

export const adminPlans004 = defineRoute({
  method: "get",
  path: "/api/v1/admin/plans",
  tags: ["Admin"],
  summary: "The plan catalogue",
  description: "Every plan with its price, credits and limits (docs/plans.md).",
  access: adminOnly,
  responses: { 200: json(z.array(Plan004Schema), "Plans, cheapest first") },
});

export const patchPlan004 = defineRoute({
  method: "patch",
  path: "/api/v1/admin/plans/{plan_id}",
  tags: ["Admin"],
  summary: "Change a plan's numbers (platform admins)",
  description:
    "Name, price, credits per period and limits, without a deploy; stamped with who and when. Every isolate " +
    "uses the new numbers within a minute. A limit below 1 is refused (use a tenant override of 0 to shut one tenant out).",
  access: { auth: "user", platformAdmin: true },
  request: {
    params: z.object({ plan_id: z.string().min(1).max(40) }),
    body: { required: true, content: { "application/json": { schema: PlanEdit004Schema } } },
  },
  responses: { 200: json(Plan004Schema, "The plan as it is now"), ...errorResponses(404) },
});
