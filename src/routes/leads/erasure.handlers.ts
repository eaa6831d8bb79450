/** Handler for erasing one address. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import { eraseAddress } from "../../services/stewardship/erasure.ts";
import { canonicalEmail } from "../../services/stewardship/suppressions.ts";
import type * as routes from "./erasure.routes.ts";

export const eraseLeadHandler: RouteHandler<typeof routes.eraseLead, AppEnv> = async (c) => {
  const email = canonicalEmail(c.req.valid("param").email);
  if (!email) {
    throw new ApiError("validation_failed", "Invalid param: email: must be one email address", {
      fields: { email: "must be one email address (local@domain)" },
    });
  }
  const principal = getPrincipal(c);
  const { leadDeleted } = await eraseAddress(c.var.db, principal.tenantId, email, principal.userId);
  // Never the address: the log says only that an erasure happened and whether a lead was stored.
  c.var.log.info("address erased", { lead_deleted: leadDeleted });
  return c.body(null, 204);
};
