/** Handlers of the ICP profile: read it, replace it (which starts a re-scoring run). */
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import { readIcpState, saveIcpProfile } from "../../services/icp/state.ts";
import type * as routes from "./icp.routes.ts";

export const getIcpHandler: RouteHandler<typeof routes.getIcp, AppEnv> = async (c) =>
  c.json(await readIcpState(c.var.db, getPrincipal(c).tenantId), 200);

export const putIcpHandler: RouteHandler<typeof routes.putIcp, AppEnv> = async (c) => {
  const deps = { db: c.var.db, queue: c.env.RUNS_QUEUE, log: c.var.log };
  return c.json(await saveIcpProfile(deps, getPrincipal(c), c.req.valid("json")), 200);
};
