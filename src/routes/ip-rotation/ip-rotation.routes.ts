/**
 * Route definitions for the outbound address pool of the SMTP sidecar (seed
 * 003's IP Rotation API). Platform administrators only; the Worker signs and
 * forwards the calls to the sidecar, which owns the pool.
 */
import { z } from "@hono/zod-openapi";
import { errorResponses } from "../../errors.ts";
import { RotationStatusSchema } from "../../services/ip-rotation-status.ts";
import { defineRoute } from "../router.ts";

export const RotateRequestSchema = z
  .object({
    // Trimmed before its length is checked: it needs one non-space character.
    reason: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .openapi({ example: "High failure rate detected", pattern: "\\S" }),
    force: z.boolean().default(false),
  })
  .strict()
  .openapi("IpRotationRequest");

export const RotateResultSchema = z
  .object({
    success: z.boolean(),
    old_pool: z.string().nullable(),
    new_pool: z.string().nullable(),
    new_ip: z.string().nullable(),
    rotation_time: z.string().nullable(),
  })
  .passthrough()
  .openapi("IpRotationResult");

export const rotationStatus = defineRoute({
  method: "get",
  path: "/api/v1/ip-rotation/status",
  tags: ["IP rotation"],
  summary: "Outbound address pool status",
  description:
    "The SMTP sidecar's outbound addresses (local source IPs and SOCKS5 proxies) with their health, " +
    "and which one is in use. Platform administrators only.",
  access: { auth: "user", platformAdmin: true },
  responses: {
    200: { description: "Pool status", content: { "application/json": { schema: RotationStatusSchema } } },
    ...errorResponses(503),
  },
});

export const rotate = defineRoute({
  method: "post",
  path: "/api/v1/ip-rotation/rotate",
  tags: ["IP rotation"],
  summary: "Rotate the outbound address",
  description:
    "Moves verification to the next healthy outbound address. Without `force`, 409 when there is no " +
    "other healthy address; with it, the next address is used even if unhealthy. Platform administrators only.",
  access: { auth: "user", platformAdmin: true },
  request: {
    body: { required: true, content: { "application/json": { schema: RotateRequestSchema } } },
  },
  responses: {
    200: { description: "Rotated", content: { "application/json": { schema: RotateResultSchema } } },
    ...errorResponses(409, 503),
  },
});
