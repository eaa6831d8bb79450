/** Handlers of the suppression list. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import {
  addSuppression,
  anySuppressed,
  deleteSuppression,
  listSuppressions,
  suppressionValue,
  valuesSuppressing,
} from "../../services/stewardship/suppressions.ts";
import type * as routes from "./suppressions.routes.ts";

const view = (row: { id: string; kind: "email" | "domain"; reason: string | null; created_at: string }) => ({
  id: row.id,
  kind: row.kind,
  reason: row.reason,
  created_at: row.created_at,
});

const invalid = (field: string, reason: string) =>
  new ApiError("validation_failed", `Invalid ${field}: ${reason}`, { fields: { [field]: reason } });

export const createSuppressionHandler: RouteHandler<typeof routes.createSuppression, AppEnv> = async (c) => {
  const input = c.req.valid("json");
  const parsed = suppressionValue(input, { allowReservedNames: c.var.config.isDevelopment });
  if (!parsed.ok) throw invalid(parsed.field, parsed.reason);
  const principal = getPrincipal(c);
  const { row, created } = await addSuppression(c.var.db, principal.tenantId, {
    ...parsed.value,
    reason: input.reason ?? null,
    createdBy: principal.userId,
  });
  if (created) c.var.log.info("suppression added", { suppression_id: row.id, kind: row.kind });
  return c.json({ ...view(row), value: parsed.value.value }, created ? 201 : 200);
};

export const listSuppressionsHandler: RouteHandler<typeof routes.listSuppressions, AppEnv> = async (c) => {
  const { kind, limit, offset } = c.req.valid("query");
  const rows = await listSuppressions(c.var.db, getPrincipal(c).tenantId, { kind, limit, offset });
  return c.json({ results: rows.map(view), limit, offset }, 200);
};

export const checkSuppressionHandler: RouteHandler<typeof routes.checkSuppression, AppEnv> = async (c) => {
  const query = c.req.valid("query");
  if ((query.email === undefined) === (query.domain === undefined)) {
    throw new ApiError("validation_failed", "Give exactly one of email or domain", {
      fields: { email: "give exactly one of email or domain" },
    });
  }
  const options = { allowReservedNames: c.var.config.isDevelopment };
  const parsed = suppressionValue(query, options);
  if (!parsed.ok) throw invalid(parsed.field, parsed.reason);
  const values = valuesSuppressing(parsed.value, options);
  return c.json({ suppressed: await anySuppressed(c.var.db, getPrincipal(c).tenantId, values) }, 200);
};

export const deleteSuppressionHandler: RouteHandler<typeof routes.deleteSuppression, AppEnv> = async (c) => {
  const { suppression_id } = c.req.valid("param");
  if (!(await deleteSuppression(c.var.db, getPrincipal(c).tenantId, suppression_id)))
    throw new ApiError("not_found", "No suppression with that id");
  c.var.log.info("suppression removed", { suppression_id });
  return c.body(null, 204);
};
