/** Request and response schemas of the admin console's API (documented in the OpenAPI components). */
import { z } from "@hono/zod-openapi";
import { createSelectSchema } from "drizzle-zod";
import {
  runStatuses,
  tenantStatuses,
  userRoles,
  userStatuses,
  users,
  verificationStatuses,
} from "../../db/schema.ts";
import { analyticsWindows } from "../../domain/admin/time-buckets.ts";

/** `{key: count}` for every key of a closed list. */
function countsBy<K extends string>(keys: readonly K[], name: string, description: string) {
  const shape = Object.fromEntries(keys.map((k) => [k, z.number().int().min(0)])) as Record<K, z.ZodNumber>;
  return z.object(shape).openapi(name, { description });
}

const iso = (description: string) => z.string().openapi({ description, example: "2026-11-20T10:00:00.000Z" });

export const AdminUserSchema = createSelectSchema(users)
  .pick({
    id: true,
    tenant_id: true,
    email: true,
    name: true,
    role: true,
    status: true,
    is_platform_admin: true,
    email_verified_at: true,
    created_at: true,
    updated_at: true,
  })
  .extend({
    role: z.enum(userRoles),
    status: z.enum(userStatuses),
    tenant_name: z.string().openapi({ example: "Acme" }),
  })
  .openapi("AdminUser");

export const ApprovalSchema = z
  .object({
    user: AdminUserSchema,
    mail_sent: z.boolean().openapi({
      description: "False when the approval mail could not be sent (the approval stands; see the log)",
    }),
  })
  .openapi("UserApproval");

export const RoleChangeRequestSchema = z
  .object({
    role: z.enum(userRoles),
    is_platform_admin: z
      .boolean()
      .optional()
      .openapi({ description: "Grants or removes platform administrator rights; unchanged when absent" }),
  })
  .strict()
  .openapi("UserRoleChange");

export const RoleChangeSchema = z.object({ user: AdminUserSchema }).openapi("UserRoleChanged");

export const StatusChangeRequestSchema = z
  .object({
    status: z
      .enum(["active", "disabled"])
      .openapi({ description: "`disabled` signs the user out everywhere" }),
  })
  .strict()
  .openapi("UserStatusChange");

export const StatusChangeSchema = z
  .object({
    user: AdminUserSchema,
    revoked_api_keys: z
      .array(z.string())
      .openapi({ description: "Ids of the user's own API keys that disabling revoked (service keys stay)" }),
  })
  .openapi("UserStatusChanged");

export const UserIdParams = z.object({
  user_id: z
    .string()
    .min(1)
    .max(128)
    .openapi({ param: { name: "user_id", in: "path" }, example: "user_3fQ9mZ0aB1cD2eF3gH4i" }),
});

const RunCountsSchema = countsBy(runStatuses, "RunStatusCounts", "Runs per status");
const VerificationCountsSchema = countsBy(
  verificationStatuses,
  "VerificationStatusCounts",
  "Verdicts per status (the sidecar's names)",
);

export const MetricsSchema = z
  .object({
    generated_at: iso("When the snapshot was taken"),
    runs: z.object({ by_status: RunCountsSchema }),
    queue: z
      .object({
        domains_queued: z.number().int().openapi({ description: "in the queue plus waiting" }),
        domains_in_queue: z.number().int().openapi({ description: "sent to the Queue, not started" }),
        domains_waiting: z.number().int().openapi({ description: "waiting for their run's window of 20" }),
        domains_running: z.number().int(),
        oldest_queued_at: iso("When the oldest domain still in the queue was sent (null: none)").nullable(),
      })
      .openapi({
        description:
          "The backlog, counted from run_domains: Cloudflare Queues expose no backlog count to a Worker",
      }),
    throughput: z.object({
      domains_last_minute: z.number().int(),
      domains_last_hour: z.number().int(),
      domains_per_minute_last_hour: z.number(),
    }),
    verification_mix_24h: VerificationCountsSchema,
    sidecar: z.object({
      status: z.enum(["ok", "down", "not_configured"]),
      latency_ms: z.number().int().nullable(),
      detail: z
        .string()
        .nullable()
        .openapi({ description: "Why it is down or why the addresses are missing" }),
      circuit: z.enum(["closed", "open", "half_open"]).nullable(),
      rotation_enabled: z.boolean().nullable(),
      current_pool: z.string().nullable(),
    }),
    outbound_addresses: z.array(
      z.object({
        id: z.string(),
        address: z.string(),
        kind: z.enum(["local", "socks5"]),
        healthy: z.boolean(),
        current: z.boolean(),
        success_rate: z.number().nullable(),
        median_latency_ms: z.number().nullable(),
        requests: z.number().int(),
        blocklist_replies: z.number().int(),
        last_used: z.string().nullable(),
      }),
    ),
    users: countsBy(userStatuses, "UserStatusCounts", "Users per status"),
    tenants: z.object({
      total: z.number().int(),
      ...Object.fromEntries(tenantStatuses.map((s) => [s, z.number().int()])),
    } as { total: z.ZodNumber } & Record<(typeof tenantStatuses)[number], z.ZodNumber>),
  })
  .openapi("AdminMetrics");

export const AnalyticsQuery = z.object({
  window: z
    .enum(analyticsWindows)
    .default("7d")
    .openapi({ description: "24h: hourly buckets; 7d and 30d: daily buckets (UTC)" }),
});

export const AnalyticsSchema = z
  .object({
    window: z.enum(analyticsWindows),
    bucket: z.enum(["hour", "day"]),
    generated_at: iso("When the series was computed"),
    series: z.array(
      z.object({
        start: iso("The bucket's start (UTC)"),
        runs_created: RunCountsSchema.openapi({
          description: "Runs created in the bucket, by their status now",
        }),
        domains_done: z.number().int(),
        domains_failed: z.number().int(),
        leads_found: z
          .number()
          .int()
          .openapi({ description: "Leads found by the domains finished in the bucket" }),
        verifications: VerificationCountsSchema,
      }),
    ),
  })
  .openapi("AdminAnalytics");
