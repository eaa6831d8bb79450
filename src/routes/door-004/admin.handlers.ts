/** Handlers of door 004's admin API: seed 004's bodies over services/admin/tenants.ts. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import { updatePlan } from "../../services/admin/plans.ts";
import { listTenants, listTenantUsers, listUsage, updateTenant } from "../../services/admin/tenants.ts";
import { findPlan, listPlans, type Plan } from "../../services/billing/subscriptions.ts";
import type {
  adminPlans004,
  adminTenants004,
  adminUsage004,
  adminUsers004,
  patchPlan004,
  patchTenant004,
} from "./admin.routes.ts";

/** Null for a platform admin (every tenant), else the caller's own tenant. */
function visibleTenant(c: Context<AppEnv>): string | null {
  const principal = getPrincipal(c);
  return principal.isPlatformAdmin ? null : principal.tenantId;
}

export const adminUsers004Handler: RouteHandler<typeof adminUsers004, AppEnv> = async (c) => {
  const { skip, limit, tenant_id } = c.req.valid("query");
  const rows = await listTenantUsers(c.var.db, visibleTenant(c), { tenantId: tenant_id }, { skip, limit });
  return c.json(rows, 200);
};

export const adminTenants004Handler: RouteHandler<typeof adminTenants004, AppEnv> = async (c) => {
  const { skip, limit } = c.req.valid("query");
  return c.json(await listTenants(c.var.db, visibleTenant(c), { skip, limit }), 200);
};

export const adminUsage004Handler: RouteHandler<typeof adminUsage004, AppEnv> = async (c) => {
  const { skip, limit, tenant_id, user_id, resource_type, from, to } = c.req.valid("query");
  const filter = {
    tenantId: tenant_id,
    userId: user_id,
    resourceType: resource_type,
    from: from && new Date(from).toISOString(),
    to: to && new Date(to).toISOString(),
  };
  return c.json(await listUsage(c.var.db, visibleTenant(c), filter, { skip, limit }), 200);
};

export const patchTenant004Handler: RouteHandler<typeof patchTenant004, AppEnv> = async (c) => {
  const { tenant_id } = c.req.valid("param");
  const { plan: planId, ...fields } = c.req.valid("json");
  const plan = planId === undefined ? undefined : await findPlan(c.var.db, planId);
  if (plan === null)
    throw new ApiError("validation_failed", `There is no plan "${planId}"`, {
      fields: { plan: `There is no plan "${planId}"` },
    });
  const principal = getPrincipal(c);
  const actor = { userId: principal.userId ?? "", tenantId: principal.tenantId };
  const updated = await updateTenant(
    c.var.db,
    actor,
    tenant_id,
    { ...fields, plan },
    c.var.config.TRIAL_DAYS,
  );
  if (!updated) throw new ApiError("not_found", "Tenant not found");
  c.var.log.info("tenant changed by a platform admin", { tenant_id, user_id: principal.userId });
  return c.json(updated, 200);
};

const planView = (p: Plan) => ({
  id: p.id,
  name: p.name,
  price_cents: p.price_cents,
  currency: p.currency,
  credits_per_period: p.credits_per_period,
  features: p.features,
  limits: { ...p.limits },
});

export const adminPlans004Handler: RouteHandler<typeof adminPlans004, AppEnv> = async (c) => {
  return c.json((await listPlans(c.var.db)).map(planView), 200);
};

export const patchPlan004Handler: RouteHandler<typeof patchPlan004, AppEnv> = async (c) => {
  const { plan_id } = c.req.valid("param");
  const plan = await findPlan(c.var.db, plan_id);
  if (!plan) throw new ApiError("not_found", `There is no plan "${plan_id}"`);
  const principal = getPrincipal(c);
  const updated = await updatePlan(c.var.db, principal.userId ?? "", plan, c.req.valid("json"));
  if (!updated) throw new ApiError("not_found", `There is no plan "${plan_id}"`);
  c.var.log.info("plan changed by a platform admin", { plan_id: plan.id, user_id: principal.userId });
  return c.json(planView(updated), 200);
};
