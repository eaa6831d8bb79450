/**
 * Route definitions of the Runs API (seed 000): create, list, read, results,
 * export, cancel, logs, and the live events (WebSocket) with their tickets.
 */
import { z } from "@hono/zod-openapi";
import { runStatuses } from "../../db/schema.ts";
import { errorResponses } from "../../errors.ts";
import { defineRoute, queryInteger } from "../router.ts";
import {
  CreatedRunSchema,
  CreateRunSchema,
  RunLeadSchema,
  RunListSchema,
  RunResultsSchema,
  RunSchema,
} from "./runs.schemas.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const RunIdParams = z.object({
  run_id: z
    .string()
    .max(64)
    .openapi({ param: { name: "run_id", in: "path" }, example: "a1b2c3d4-e5f6-7890-abcd-ef1234567890" }),
});

export const createRun = defineRoute({
  method: "post",
  path: "/runs",
  tags: ["Runs"],
  summary: "Create a run",
  description:
    "Writes the run and its domains, then queues them. Entries that are not domains answer 400 listing each " +
    "with its reason, and nothing is created. With an `Idempotency-Key` header a retried create returns the " +
    "same run (409 when the key was used for a different request).",
  access: { auth: "user" },
  request: {
    headers: z.object({
      "idempotency-key": z.string().min(1).max(200).optional().openapi({ description: "Makes retries safe" }),
    }),
    body: { required: true, content: { "application/json": { schema: CreateRunSchema } } },
  },
  responses: {
    200: json(CreatedRunSchema, "The run, queued (or the run this Idempotency-Key created)"),
    ...errorResponses(402, 409),
  },
});

export const listRuns = defineRoute({
  method: "get",
  path: "/runs",
  tags: ["Runs"],
  summary: "List runs",
  description: "The tenant's runs, newest first.",
  access: { auth: "user" },
  request: { query: z.object({ limit: queryInteger(1, 200).default(50) }) },
  responses: { 200: json(RunListSchema, "Runs") },
});

export const getRun = defineRoute({
  method: "get",
  path: "/runs/{run_id}",
  tags: ["Runs"],
  summary: "Get a run",
  description: "Status, progress and the per-domain list.",
  access: { auth: "user" },
  request: { params: RunIdParams },
  responses: { 200: json(RunSchema, "The run"), ...errorResponses(404) },
});

export const getRunResults = defineRoute({
  method: "get",
  path: "/runs/{run_id}/results",
  tags: ["Runs"],
  summary: "A run's leads",
  description: "The leads the run found or updated, in the order found (domains in input order).",
  access: { auth: "user" },
  request: {
    params: RunIdParams,
    query: z.object({
      limit: queryInteger(1, 500).default(100),
      offset: queryInteger(0, 1_000_000).default(0),
    }),
  },
  responses: { 200: json(RunResultsSchema, "Leads"), ...errorResponses(404) },
});

export const exportRun = defineRoute({
  method: "get",
  path: "/runs/{run_id}/export",
  tags: ["Runs"],
  summary: "Export a run's leads",
  description:
    "CSV or JSON as a download, streamed page by page (memory stays flat). CSV cells that begin with `=`, " +
    "`+`, `-`, `@`, a tab or a carriage return are prefixed with `'` against formula injection.",
  access: { auth: "user" },
  request: {
    params: RunIdParams,
    query: z.object({
      format: z.enum(["csv", "json"]).default("csv"),
      limit: queryInteger(1, 100_000).default(10_000),
    }),
  },
  responses: {
    200: {
      description: "The file (`Content-Disposition: attachment`)",
      content: {
        "text/csv": {
          schema: z.string().openapi({ description: "`format=csv`: a header row, then a lead a row" }),
        },
        "application/json": {
          schema: z
            .object({ run_id: z.string(), results: z.array(RunLeadSchema), count: z.number().int() })
            .openapi("RunExport", { description: "`format=json`" }),
        },
      },
    },
    ...errorResponses(404),
  },
});

export const cancelRun = defineRoute({
  method: "post",
  path: "/runs/{run_id}/cancel",
  tags: ["Runs"],
  summary: "Cancel a run",
  description:
    "Queued domains are dropped; domains in flight stop at their next stage and write nothing more. 409 when " +
    "the run has finished already.",
  access: { auth: "user" },
  request: { params: RunIdParams },
  responses: {
    200: json(z.object({ run_id: z.string(), status: z.enum(runStatuses) }), "Cancelled"),
    ...errorResponses(404, 409),
  },
});

export const getRunLogs = defineRoute({
  method: "get",
  path: "/runs/{run_id}/logs",
  tags: ["Runs"],
  summary: "A run's log",
  description: "What happened to each domain, oldest first.",
  access: { auth: "user" },
  request: {
    params: RunIdParams,
    query: z.object({
      level: z.enum(["debug", "info", "warn", "error"]).default("info"),
      limit: queryInteger(1, 1000).default(200),
    }),
  },
  responses: {
    200: json(
      z.object({
        results: z.array(
          z.object({ level: z.string(), domain: z.string().nullable(), message: z.string(), at: z.string() }),
        ),
        limit: z.number().int(),
      }),
      "Log entries",
    ),
    ...errorResponses(404),
  },
});

export const createEventsTicket = defineRoute({
  method: "post",
  path: "/runs/{run_id}/events/ticket",
  tags: ["Runs"],
  summary: "A ticket for the live events",
  description:
    "Browsers cannot set headers on a WebSocket: they get a single-use ticket here (valid 60 s) and connect " +
    "to `GET /runs/{run_id}/events?ticket=...`. Tickets are never logged.",
  access: { auth: "user" },
  request: { params: RunIdParams },
  responses: {
    200: json(z.object({ ticket: z.string(), expires_at: z.string(), url: z.string() }), "The ticket"),
    ...errorResponses(404),
  },
});

export const runEvents = defineRoute({
  method: "get",
  path: "/runs/{run_id}/events",
  tags: ["Runs"],
  summary: "Live events (WebSocket)",
  description:
    "A WebSocket: first `{event: 'snapshot', data: <the run>}`, then `job:update`, `job:progress`, `job:log`, " +
    "`job:complete` or `job:error` as `{event, data}` frames. Authenticate like any request, or with " +
    "`?ticket=` from POST /runs/{run_id}/events/ticket. At most 10 sockets per user at once, across runs.",
  access: { auth: "public" },
  request: {
    params: RunIdParams,
    query: z.object({ ticket: z.string().max(200).optional() }),
  },
  responses: {
    101: { description: "Switching protocols" },
    // 403: credentials of a pending or disabled account, or of a suspended tenant (checked like any request).
    ...errorResponses(401, 403, 404, 426, 429),
  },
});
