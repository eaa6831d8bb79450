/** Handlers of the admin console's API: parse, call the admin services, answer. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import { platformAnalytics } from "../../services/admin/analytics.ts";
import { platformMetrics } from "../../services/admin/metrics.ts";
import { approveUser, changeUserRole, changeUserStatus, refusalError } from "../../services/admin/users.ts";
import { forgetApiKeysOf } from "../../services/api-key-cache.ts";
import { blockKeys } from "../../services/api-keys.ts";
import { mailSender } from "../../services/mail/mail.ts";
import type * as routes from "./admin.routes.ts";

export const approveUserHandler: RouteHandler<typeof routes.approveUser, AppEnv> = async (c) => {
  const { user_id } = c.req.valid("param");
  const { db, config, log } = c.var;
  const outcome = await approveUser(
    { db, mail: mailSender(config, db), log, origin: config.publicOrigin },
    user_id,
  );
  if (!outcome.ok) throw refusalError(outcome.refusal);
  log.info("user approved", { user_id, by: getPrincipal(c).userId, mail_sent: outcome.mailSent });
  return c.json({ user: outcome.user, mail_sent: outcome.mailSent }, 200);
};

export const changeUserRoleHandler: RouteHandler<typeof routes.changeUserRole, AppEnv> = async (c) => {
  const { user_id } = c.req.valid("param");
  const body = c.req.valid("json");
  const actor = getPrincipal(c).userId;
  const outcome = await changeUserRole(c.var.db, actor, user_id, {
    role: body.role,
    isPlatformAdmin: body.is_platform_admin,
  });
  if (!outcome.ok) throw refusalError(outcome.refusal);
  // This isolate stops at once; others within the key cache's lifetime (README: API key revocation).
  forgetApiKeysOf(user_id);
  c.var.log.info("user role changed", {
    user_id,
    by: actor,
    role: body.role,
    is_platform_admin: body.is_platform_admin,
  });
  return c.json({ user: outcome.user }, 200);
};

export const changeUserStatusHandler: RouteHandler<typeof routes.changeUserStatus, AppEnv> = async (c) => {
  const { user_id } = c.req.valid("param");
  const { status } = c.req.valid("json");
  const actor = getPrincipal(c).userId;
  const outcome = await changeUserStatus(c.var.db, actor, user_id, status);
  if (!outcome.ok) throw refusalError(outcome.refusal);
  forgetApiKeysOf(user_id);
  await blockKeys({ db: c.var.db, limiter: c.env.RATE_LIMITER, log: c.var.log }, outcome.revokedKeyIds);
  c.var.log.info("user status changed", {
    user_id,
    by: actor,
    status,
    keys_revoked: outcome.revokedKeyIds.length,
  });
  return c.json({ user: outcome.user, revoked_api_keys: outcome.revokedKeyIds }, 200);
};

export const metricsHandler: RouteHandler<typeof routes.metrics, AppEnv> = async (c) =>
  c.json(await platformMetrics(c.var.db, c.var.sidecar), 200);

export const analyticsHandler: RouteHandler<typeof routes.analytics, AppEnv> = async (c) =>
  c.json(await platformAnalytics(c.var.db, c.req.valid("query").window), 200);
