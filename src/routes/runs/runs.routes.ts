/**
 * Route definitions of the Runs API (seed 000): create, list, read, results,
 * export, cancel, logs, and the live events (WebSocket) with their tickets.
 */
import { z } from "@hono/zod-openapi";
import { runDomainStatuses, runModes, runStatuses, storedRunModes } from "../../db/schema.ts";
import { MAX_RUN_DOMAINS } from "../../domain/runs/run-input.ts";
import { errorResponses } from "../../errors.ts";
import { defineRoute } from "../router.ts";

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const RunOptionsSchema = z
  .object({
    mode: z
      .enum(runModes)
      .default("full")
      .openapi({
        description:
          "`full`: crawl, extract, infer the pattern, guess and verify addresses; `autodiscovery`: only " +
          "published addresses; `generate`: like full without SMTP; `verify`: re-verify stored leads",
      }),
    skip_crawl: z
      .boolean()
      .default(false)
      .openapi({ description: "Use the people already stored for each domain" }),
    skip_verify: z.boolean().default(false).openapi({ description: "No SMTP verification" }),
    max_pages_per_domain: z.number().int().min(1).max(100).optional().openapi({
      description: "Pages crawled per domain at most (default CRAWL_MAX_PAGES)",
    }),
  })
  .strict();

export const CreateRunSchema = z
  .object({
    domains: z
      .array(z.string().max(500))
      .min(1)
      .max(MAX_RUN_DOMAINS)
      .openapi({
        description: `1 to ${MAX_RUN_DOMAINS} domains; URLs and email addresses are reduced to their domain, duplicates dropped`,
        example: ["acme.com", "https://www.example.org/team"],
      }),
    label: z.string().trim().max(200).optional().openapi({ example: "Q1 prospects" }),
    options: RunOptionsSchema.optional(),
  })
  .strict()
  .openapi("CreateRun");

export const CreatedRunSchema = z
  .object({
    run_id: z.string(),
    status: z.enum(runStatuses),
    tenant_id: z.string(),
    created_at: z.string(),
    domains_total: z.number().int(),
    duplicates_dropped: z.number().int(),
  })
  .openapi("CreatedRun");

const ProgressSchema = z.object({
  domains_total: z.number().int(),
  domains_completed: z.number().int(),
  domains_failed: z.number().int(),
  emails_found: z.number().int(),
  emails_verified: z.number().int(),
  leads_found: z.number().int(),
  leads_total: z.number().int().optional().openapi({
    description:
      "Re-scoring runs: the tenant's leads when the run started (`leads_found` counts those re-scored)",
  }),
});

const StoredModeSchema = z.enum(storedRunModes).openapi({
  description:
    "The run's mode; `rescore` marks the re-scoring runs a change of the ICP profile starts (PUT /icp)",
});

const RunDomainSchema = z.object({
  domain: z.string(),
  status: z.enum(runDomainStatuses),
  stage: z.string().nullable(),
  pages_crawled: z.number().int(),
  emails_found: z.number().int(),
  emails_verified: z.number().int(),
  leads_found: z.number().int(),
  attempts: z.number().int(),
  error: z.string().nullable(),
  started_at: z.string().nullable(),
  finished_at: z.string().nullable(),
});

export const RunSchema = z
  .object({
    run_id: z.string(),
    tenant_id: z.string(),
    user_id: z.string().nullable(),
    label: z.string().nullable(),
    status: z.enum(runStatuses),
    domains: z.array(z.string()),
    options: z.union([
      z.object({
        mode: z.enum(runModes),
        skip_crawl: z.boolean(),
        skip_verify: z.boolean(),
        max_pages_per_domain: z.number().int().nullable(),
      }),
      z.object({
        mode: z.literal("rescore"),
        profile_version: z.number().int(),
        leads_total: z.number().int(),
      }),
    ]),
    progress: ProgressSchema,
    domain_details: z.array(RunDomainSchema),
    error: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string().nullable(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
  })
  .openapi("Run");

export const RunListSchema = z
  .object({
    results: z.array(
      z.object({
        id: z.string(),
        status: z.enum(runStatuses),
        label: z.string().nullable(),
        mode: StoredModeSchema,
        domains_json: z.string(),
        domains_total: z.number().int(),
        domains_completed: z.number().int(),
        leads_count: z.number().int(),
        created_at: z.string(),
        started_at: z.string().nullable(),
        finished_at: z.string().nullable(),
      }),
    ),
    limit: z.number().int(),
  })
  .openapi("RunList");

export const RunLeadSchema = z
  .object({
    email: z.string(),
    type: z.enum(["personal", "generic"]),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    full_name: z.string().nullable(),
    title: z.string().nullable(),
    seniority: z.string().nullable(),
    department: z.string().nullable(),
    company: z.string().nullable(),
    company_id: z.string().nullable(),
    company_domain: z.string(),
    email_source: z.enum(["published", "generated"]),
    pattern: z.string().nullable(),
    confidence: z.number().int().nullable(),
    icp_score: z.number().int(),
    icp_reasons: z.array(
      z.object({ code: z.string(), points: z.number().int(), detail: z.string().optional() }),
    ),
    data_gaps: z.array(z.string()),
    verify_status: z.string(),
    verify_reason: z.string(),
    verified_at: z.string().nullable(),
    source_url: z.string().nullable(),
    sources: z.array(z.object({ url: z.string(), first_seen_at: z.string(), last_seen_at: z.string() })),
    alternatives: z.array(
      z.object({
        email: z.string(),
        pattern: z.string().nullable(),
        probability: z.number().nullable(),
        verify_status: z.string(),
        verify_reason: z.string(),
      }),
    ),
  })
  .openapi("RunLead");

export const RunResultsSchema = z
  .object({
    results: z.array(RunLeadSchema),
    limit: z.number().int(),
    offset: z.number().int(),
    total: z.number().int(),
  })
  .openapi("RunResults");

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
    ...errorResponses(409),
  },
});

export const listRuns = defineRoute({
  method: "get",
  path: "/runs",
  tags: ["Runs"],
  summary: "List runs",
  description: "The tenant's runs, newest first.",
  access: { auth: "user" },
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
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
      limit: z.coerce.number().int().min(1).max(500).default(100),
      offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
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
      limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
    }),
  },
  responses: {
    200: {
      description: "The file (`Content-Disposition: attachment`)",
      content: { "text/csv": { schema: z.string() }, "application/json": { schema: z.string() } },
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
      limit: z.coerce.number().int().min(1).max(1000).default(200),
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
    ...errorResponses(401, 404, 426, 429),
  },
});
