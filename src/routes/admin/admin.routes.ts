/**
 * Route definitions of the admin console's API: approving accounts,
 * changing roles and status, the metrics snapshot and the analytics series. Platform
 * administrators only (API keys never carry platform rights), and
 * cross-tenant by design: every other route is scoped to the caller's
 * tenant. The console's HTML pages (src/web/admin-routes.tsx) post forms to
 * the same two user paths; JSON bodies come here.
 */
import type { z } from "@hono/zod-openapi";
import { errorResponses } from "../../errors.ts";
import { defineRoute } from "../router.ts";
import {
  AnalyticsQuery,
  AnalyticsSchema,
  ApprovalSchema,
  MetricsSchema,
  RoleChangeRequestSchema,
  RoleChangeSchema,
  StatusChangeRequestSchema,
  StatusChangeSchema,
  UserIdParams,
} from "./admin.schemas.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const tags = ["Admin console"];
const access = { auth: "user", platformAdmin: true } as const;

export const approveUser = defineRoute({
  method: "post",
  path: "/admin/users/{user_id}/approve",
  tags,
  summary: "Approve a pending account",
  description:
    "pending -> active, in any tenant; then mails the user a sign-in link. 409 when the user has not " +
    "confirmed their email address yet, when the account is already active, and when it is disabled. " +
    "A mail that cannot be sent does not undo the approval: `mail_sent` is false. Platform administrators only.",
  access,
  request: { params: UserIdParams },
  responses: { 200: json(ApprovalSchema, "The approved user"), ...errorResponses(404, 409) },
});

export const changeUserRole = defineRoute({
  method: "post",
  path: "/admin/users/{user_id}/role",
  tags,
  summary: "Change a user's role",
  description:
    "Sets the role in the user's tenant, and platform administrator rights when `is_platform_admin` is " +
    "given. 409 when it would leave the tenant without an active owner, and when administrators would " +
    "remove their own platform rights. Platform administrators only.",
  access,
  request: {
    params: UserIdParams,
    body: { required: true, content: { "application/json": { schema: RoleChangeRequestSchema } } },
  },
  responses: { 200: json(RoleChangeSchema, "The changed user"), ...errorResponses(404, 409) },
});

export const changeUserStatus = defineRoute({
  method: "post",
  path: "/admin/users/{user_id}/status",
  tags,
  summary: "Disable or re-enable an account",
  description:
    "`disabled`: every request of the user is refused from now on (sessions, tokens) and every API key " +
    "they made themselves is revoked at once (`kind: user`; the tenant's service keys stay). `active` " +
    "re-enables the account but not its revoked keys. 409 for the tenant's last active owner, for your " +
    "own account, and for pending accounts (approve those). Platform administrators only.",
  access,
  request: {
    params: UserIdParams,
    body: { required: true, content: { "application/json": { schema: StatusChangeRequestSchema } } },
  },
  responses: { 200: json(StatusChangeSchema, "The changed user"), ...errorResponses(404, 409) },
});

export const metrics = defineRoute({
  method: "get",
  path: "/admin/metrics",
  tags,
  summary: "The platform right now",
  description:
    "Runs by status; the backlog of domains; domains finished in the last minute and hour; verdicts " +
    "of the last 24 hours; the SMTP sidecar's health and its outbound addresses; users and tenants. " +
    "Cloudflare Queues expose no backlog count to a Worker, so the backlog is counted from the runs' " +
    "domains: queued (in the queue, or waiting for their run's window of 20) and running. Across " +
    "tenants; platform administrators only.",
  access,
  responses: { 200: json(MetricsSchema, "A point-in-time snapshot") },
});

export const analytics = defineRoute({
  method: "get",
  path: "/admin/analytics",
  tags,
  summary: "The platform over time",
  description:
    "Per hour for `24h`, per day for `7d` (the default) and `30d`, oldest first, every bucket present " +
    "(zeros when nothing happened): runs created (by their status now), domains finished (done, " +
    "failed) and the leads they found, and verifications by verdict (the verification cache keeps the " +
    "latest verdict per address, so an address counts once, when it was last checked). Across tenants; " +
    "platform administrators only.",
  access,
  request: { query: AnalyticsQuery },
  responses: { 200: json(AnalyticsSchema, "The time series") },
});
