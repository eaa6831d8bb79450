/** Handlers of tenant settings. The tenants row is the tenant itself, so it is read by id, not through a scope. */
import type { RouteHandler } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { tenants } from "../../db/schema.ts";
import type { AppEnv } from "../../env.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import type * as routes from "./settings.routes.ts";

export const getRetentionHandler: RouteHandler<typeof routes.getRetention, AppEnv> = async (c) => {
  const [row] = await c.var.db
    .select({ retention_days: tenants.retention_days })
    .from(tenants)
    .where(eq(tenants.id, getPrincipal(c).tenantId))
    .limit(1);
  return c.json({ retention_days: row?.retention_days ?? null }, 200);
};

export const putRetentionHandler: RouteHandler<typeof routes.putRetention, AppEnv> = async (c) => {
  const { retention_days } = c.req.valid("json");
  await c.var.db
    .update(tenants)
    .set({ retention_days })
    .where(eq(tenants.id, getPrincipal(c).tenantId));
  c.var.log.info("retention setting changed", { retention_days });
  return c.json({ retention_days }, 200);
};
