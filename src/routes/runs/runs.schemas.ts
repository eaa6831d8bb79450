/** The Runs API's bodies (seed 000's shapes, plus the per-domain list), as zod schemas documented in OpenAPI. */
import { z } from "@hono/zod-openapi";
import { runDomainStatuses, runModes, runStatuses, storedRunModes } from "../../db/schema.ts";
import { MAX_RUN_DOMAINS } from "../../domain/runs/run-input.ts";
import { plainText } from "../../domain/text/plain-text.ts";

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
    label: plainText(z.string().trim().max(200)).optional().openapi({ example: "Q1 prospects" }),
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
