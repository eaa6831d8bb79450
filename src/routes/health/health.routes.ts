/**
 * Route definitions for service health (seed 000 `/health`, seed 002
 * `/health/detailed`, seed 003 `/api/v1/health`).
 */
import { z } from "@hono/zod-openapi";
import { errorResponses } from "../../errors.ts";
import { defineRoute } from "../router.ts";

export const HealthSchema = z.object({ ok: z.literal(true) }).openapi("Health");

export const DependencySchema = z
  .object({
    name: z.string().openapi({ example: "d1" }),
    required: z.boolean(),
    status: z.enum(["up", "down", "not_configured"]),
    latency_ms: z.number().nullable(),
    detail: z.string().optional(),
    circuit: z
      .object({
        state: z.enum(["closed", "open", "half_open"]),
        consecutive_failures: z.number().int(),
        opened_at: z.string().nullable(),
        retry_in_ms: z.number().nullable(),
      })
      .optional()
      .openapi({
        description:
          "The sidecar's circuit breaker in this isolate: open after 5 consecutive failed calls, so calls fail fast for 30 s",
      }),
  })
  .openapi("Dependency");

export const DetailedHealthSchema = z
  .object({
    status: z.enum(["ok", "degraded", "down"]),
    environment: z.string(),
    checked_at: z.string().openapi({ example: "2026-11-22T10:00:00.000Z" }),
    dependencies: z.array(DependencySchema),
  })
  .openapi("DetailedHealth");

export const health = defineRoute({
  method: "get",
  path: "/health",
  tags: ["Health"],
  summary: "Liveness check",
  description: 'Answers `{"ok": true}` while the Worker is serving. No authentication.',
  access: { auth: "public" },
  responses: {
    200: { description: "The API is up", content: { "application/json": { schema: HealthSchema } } },
  },
});

export const detailedHealth = defineRoute({
  method: "get",
  path: "/health/detailed",
  tags: ["Health"],
  summary: "Dependency health",
  description:
    "Checks each dependency (D1, the runs queue producer, the SMTP sidecar) and reports its status and " +
    "latency. Answers 503 when a required dependency (D1, queue) is down; an unreachable sidecar only " +
    "degrades the status, because everything but verification keeps working.",
  access: { auth: "user" },
  responses: {
    200: {
      description: "Required dependencies are up",
      content: { "application/json": { schema: DetailedHealthSchema } },
    },
    503: {
      description: "A required dependency is down",
      content: { "application/json": { schema: DetailedHealthSchema } },
    },
    ...errorResponses(500),
  },
});

export const LeadFactoryHealthSchema = z
  .object({
    status: z.literal("healthy"),
    application: z.string().openapi({ example: "prospector-api" }),
    version: z.string().openapi({ example: "0.1.0" }),
  })
  .openapi("LeadFactoryHealth");

export const leadFactoryHealth = defineRoute({
  method: "get",
  path: "/api/v1/health",
  tags: ["Health"],
  summary: "Liveness check (seed 003's body)",
  description:
    'Door 003\'s health check: `{"status": "healthy", "application", "version"}` while the Worker is ' +
    "serving, as seed 003's clients expect. No authentication. Dependencies: `/health/detailed`.",
  access: { auth: "public" },
  responses: {
    200: {
      description: "The API is up",
      content: { "application/json": { schema: LeadFactoryHealthSchema } },
    },
  },
});
