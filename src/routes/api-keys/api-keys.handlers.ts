/** Handlers for API key management (the work is in services/api-keys.ts, shared with the settings page). */
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import {
  createApiKey,
  findApiKey,
  keyManagerOf,
  listApiKeys,
  revokeApiKey,
} from "../../services/api-keys.ts";
import type * as routes from "./api-keys.routes.ts";

const notFound = () => new ApiError("not_found", "No API key with that id");

export const createApiKeyHandler: RouteHandler<typeof routes.createApiKey, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  const { view, key } = await createApiKey(c.var.db, keyManagerOf(getPrincipal(c)), {
    name: input.name,
    scopes: input.scopes,
    kind: input.kind,
    expiresAt: input.expires_at ?? null,
  });
  return c.json({ ...view, key }, 201);
};

export const listApiKeysHandler: RouteHandler<typeof routes.listApiKeys, AppEnv> = async (c) => {
  const { limit, offset } = c.req.valid("query");
  const results = await listApiKeys(c.var.db, getPrincipal(c).tenantId, { limit, offset });
  return c.json({ results, limit, offset }, 200);
};

export const getApiKeyHandler: RouteHandler<typeof routes.getApiKey, AppEnv> = async (c) => {
  const { key_id } = c.req.valid("param");
  const view = await findApiKey(c.var.db, getPrincipal(c).tenantId, key_id);
  if (!view) throw notFound();
  return c.json(view, 200);
};

export const revokeApiKeyHandler: RouteHandler<typeof routes.revokeApiKey, AppEnv> = async (c) => {
  const { key_id } = c.req.valid("param");
  const deps = { db: c.var.db, limiter: c.env.RATE_LIMITER, log: c.var.log };
  const view = await revokeApiKey(deps, keyManagerOf(getPrincipal(c)), key_id);
  if (!view) throw notFound();
  return c.json(view, 200);
};
