/**
 * Seed 004's admin API over the one account layer: tenants with their plan, users, the usage ledger,
 * and a platform admin's changes to a tenant (recorded in tenant_changes with who and when). Reads
 * are cross-tenant for platform admins only: `only` is the caller's tenant for everyone else, and
 * every query takes it.
 */
import { and, asc, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { subscriptions, tenantChanges, usageRecords } from "../../db/billing-schema.ts";
import type { Database } from "../../db/client.ts";
import { type Tenant, tenants, users } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { ApiError } from "../../errors.ts";
import { newId, nowIso } from "../../lib/ids.ts";
import { currentSubscription, type Plan, TRIAL_PLAN } from "../billing/subscriptions.ts";

export interface Window {
  skip: number;
  limit: number;
}

/** A tenant as seed 004 shows it, `plan` from its subscription (a tenant never read yet is on the trial plan). */
function tenantView(t: Tenant, planId: string | null) {
  return {
    id: t.id,
    name: t.name,
    subdomain: t.subdomain,
    plan: planId ?? TRIAL_PLAN,
    status: t.status,
    config: t.config,
    limits: t.limits,
    billing_email: t.billing_email,
    is_verified: t.is_verified,
    created_at: t.created_at,
    updated_at: t.updated_at ?? t.created_at,
  };
}

export type TenantView = ReturnType<typeof tenantView>;

/** Tenants, oldest first; `only` narrows to one (a tenant admin's own). */
export async function listTenants(db: Database, only: string | null, window: Window): Promise<TenantView[]> {
  const rows = await db
    .select({ tenant: tenants, plan_id: subscriptions.plan_id })
    .from(tenants)
    .leftJoin(subscriptions, eq(subscriptions.tenant_id, tenants.id))
    .where(only ? eq(tenants.id, only) : undefined)
    .orderBy(asc(tenants.created_at), asc(tenants.id))
    .limit(window.limit)
    .offset(window.skip);
  return rows.map((r) => tenantView(r.tenant, r.plan_id));
}

/** Users as seed 004 shows them, oldest first; `only` is the caller's tenant unless a platform admin. */
export async function listTenantUsers(
  db: Database,
  only: string | null,
  filter: { tenantId?: string | undefined },
  window: Window,
) {
  const conditions: SQL[] = [];
  if (only) conditions.push(eq(users.tenant_id, only));
  if (filter.tenantId) conditions.push(eq(users.tenant_id, filter.tenantId));
  const rows = await db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.created_at), asc(users.id))
    .limit(window.limit)
    .offset(window.skip);
  return rows.map((u) => ({
    id: u.id,
    tenant_id: u.tenant_id,
    email: u.email ?? "",
    name: u.name,
    role: u.role,
    is_active: u.status === "active",
    is_verified: u.email_verified_at !== null,
    created_at: u.created_at,
    updated_at: u.updated_at ?? u.created_at,
  }));
}

export interface UsageFilter {
  tenantId?: string | undefined;
  userId?: string | undefined;
  resourceType?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Ledger records, newest first, filtered; `only` as above. */
export async function listUsage(db: Database, only: string | null, filter: UsageFilter, window: Window) {
  const conditions: SQL[] = [];
  if (only) conditions.push(eq(usageRecords.tenant_id, only));
  if (filter.tenantId) conditions.push(eq(usageRecords.tenant_id, filter.tenantId));
  if (filter.userId) conditions.push(eq(usageRecords.user_id, filter.userId));
  if (filter.resourceType) conditions.push(eq(usageRecords.resource_type, filter.resourceType));
  if (filter.from) conditions.push(gte(usageRecords.created_at, filter.from));
  if (filter.to) conditions.push(lt(usageRecords.created_at, filter.to));
  const rows = await db
    .select()
    .from(usageRecords)
    .where(and(...conditions))
    .orderBy(desc(usageRecords.created_at), desc(usageRecords.id))
    .limit(window.limit)
    .offset(window.skip);
  return rows.map((r) => ({
    id: r.id,
    tenant_id: r.tenant_id,
    user_id: r.user_id,
    resource_type: r.resource_type,
    resource_id: r.resource_id,
    amount: r.amount,
    unit: r.unit,
    credits: r.credits,
    description: r.description,
    run_id: r.run_id,
    created_at: r.created_at,
  }));
}

export interface TenantPatch {
  name?: string | undefined;
  subdomain?: string | null | undefined;
  status?: Tenant["status"] | undefined;
  config?: Record<string, unknown> | undefined;
  /** Overrides over the plan's numbers; a null value drops that override. */
  limits?: Record<string, number | null> | undefined;
  billing_email?: string | null | undefined;
  is_verified?: boolean | undefined;
  plan?: Plan | undefined;
}

/**
 * A platform admin's change to a tenant: the fields given, each recorded with its old and new value
 * (nothing recorded when nothing changed). A new plan starts at once, active, in the current period;
 * null when there is no such tenant; 409 for a subdomain another tenant has.
 */
export async function updateTenant(
  db: Database,
  actor: { userId: string; tenantId: string },
  tenantId: string,
  patch: TenantPatch,
  trialDays: number,
): Promise<TenantView | null> {
  const before = await db.select().from(tenants).where(eq(tenants.id, tenantId)).get();
  if (!before) return null;
  const subscription = await currentSubscription(db, tenantId, trialDays);
  const now = nowIso();
  const values: Partial<Tenant> = {};
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const set = <K extends keyof Tenant>(field: K, to: Tenant[K]) => {
    if (JSON.stringify(before[field]) === JSON.stringify(to)) return;
    values[field] = to;
    changes[field] = { from: before[field], to };
  };
  if (patch.name !== undefined) set("name", patch.name);
  if (patch.subdomain !== undefined) set("subdomain", patch.subdomain);
  if (patch.status !== undefined) set("status", patch.status);
  if (patch.config !== undefined) set("config", patch.config);
  if (patch.billing_email !== undefined) set("billing_email", patch.billing_email);
  if (patch.is_verified !== undefined) set("is_verified", patch.is_verified);
  if (patch.limits !== undefined) {
    const merged: Record<string, number> = { ...before.limits };
    for (const [name, value] of Object.entries(patch.limits)) {
      if (value === null) delete merged[name];
      else merged[name] = value;
    }
    set("limits", merged);
  }
  const newPlan = patch.plan && patch.plan.id !== subscription.plan_id ? patch.plan : null;
  if (newPlan) changes.plan = { from: subscription.plan_id, to: newPlan.id };
  if (Object.keys(changes).length === 0) return tenantView(before, subscription.plan_id);
  if (values.subdomain) {
    const taken = await db
      .select({ id: tenants.id })
      .from(tenants)
      .where(eq(tenants.subdomain, values.subdomain))
      .get();
    if (taken && taken.id !== tenantId)
      throw new ApiError("conflict", `The subdomain "${values.subdomain}" belongs to another tenant`);
  }
  const scope = tenantScope(db, tenantId);
  const [updated] = await writeChange(values.subdomain, [
    db
      .update(tenants)
      .set({ ...values, updated_at: now })
      .where(eq(tenants.id, tenantId))
      .returning(),
    scope.insert(tenantChanges, [
      {
        id: newId("tch"),
        actor_user_id: actor.userId,
        actor_tenant_id: actor.tenantId,
        changes,
        created_at: now,
      },
    ]),
    ...(newPlan
      ? [
          scope.update(subscriptions, {
            plan_id: newPlan.id,
            pending_plan_id: null,
            status: "active",
            updated_at: now,
          }),
        ]
      : []),
  ]);
  return tenantView(updated[0]!, newPlan?.id ?? subscription.plan_id);

  /** The batch, with a subdomain taken in the meantime (the unique index) answered as 409. */
  async function writeChange<T extends Parameters<Database["batch"]>[0]>(
    subdomain: string | null | undefined,
    batch: T,
  ) {
    try {
      return await db.batch(batch);
    } catch (err) {
      if (subdomain && String(err).includes("UNIQUE"))
        throw new ApiError("conflict", `The subdomain "${subdomain}" belongs to another tenant`);
      throw err;
    }
  }
}

/** The changes recorded on a tenant, newest first. */
export async function tenantHistory(db: Database, tenantId: string) {
  return tenantScope(db, tenantId).select(tenantChanges).orderBy(desc(tenantChanges.created_at));
}
