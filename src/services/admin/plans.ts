/**
 * A platform admin's edit of the plan catalogue (API and console): a plan's price, credits and
 * limits, stamped with who and when (plans.updated_by / updated_at). The catalogue is cached per
 * isolate for a minute (services/billing/subscriptions.ts), so an edit binds everywhere within it.
 */
import { eq } from "drizzle-orm";
import { plans } from "../../db/billing-schema.ts";
import type { Database } from "../../db/client.ts";
import type { PlanLimits } from "../../domain/billing/credits.ts";
import { nowIso } from "../../lib/ids.ts";
import { forgetPlans, type Plan } from "../billing/subscriptions.ts";

export interface PlanEdit {
  name?: string | undefined;
  price_cents?: number | undefined;
  credits_per_period?: number | undefined;
  limits?: Partial<PlanLimits> | undefined;
}

/** Applies the edit to an existing plan; null when there is none. */
export async function updatePlan(
  db: Database,
  actorId: string,
  plan: Plan,
  edit: PlanEdit,
): Promise<Plan | null> {
  const [row] = await db
    .update(plans)
    .set({
      ...(edit.name !== undefined ? { name: edit.name } : {}),
      ...(edit.price_cents !== undefined ? { price_cents: edit.price_cents } : {}),
      ...(edit.credits_per_period !== undefined ? { credits_per_period: edit.credits_per_period } : {}),
      ...(edit.limits ? { limits: { ...plan.limits, ...edit.limits } } : {}),
      updated_at: nowIso(),
      updated_by: actorId,
    })
    .where(eq(plans.id, plan.id))
    .returning();
  // This isolate sees the edit at once; the others within a minute.
  forgetPlans();
  return row ?? null;
}
