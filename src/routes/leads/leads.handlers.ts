/** Handlers of the Leads API. */
import type { RouteHandler } from "@hono/zod-openapi";
import { BadCursorError } from "../../domain/search/cursor.ts";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import { searchLeads } from "../../services/leads/search.ts";
import type * as routes from "./leads.routes.ts";
import { searchPageView } from "./views.ts";

export const searchLeadsHandler: RouteHandler<typeof routes.searchLeads, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  try {
    const found = await searchLeads(c.var.db, getPrincipal(c).tenantId, query);
    return c.json(searchPageView(found, query), 200);
  } catch (err) {
    if (err instanceof BadCursorError) throw new ApiError("bad_request", err.message);
    // toFtsQuery only ever produces valid syntax; should SQLite still refuse the text, say so as a 400.
    if (String(err).includes("fts5"))
      throw new ApiError("bad_request", "The search text could not be used; simplify it");
    throw err;
  }
};
