/** Route definitions for lead search (seed 000's Lead Search API). */
import { z } from "@hono/zod-openapi";
import { companySizes, leadSources, verificationStatuses } from "../../db/schema.ts";
import { searchSorts } from "../../domain/search/cursor.ts";
import { departments, seniorities } from "../../domain/taxonomy/titles.ts";
import { plainText } from "../../domain/text/plain-text.ts";
import { errorResponses } from "../../errors.ts";
import { FACET_SAMPLE } from "../../services/leads/facets.ts";
import { searchFacets } from "../../services/leads/filters.ts";
import { defineRoute, queryInteger } from "../router.ts";

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The documented pattern of a comma list: at most 20 pieces, each one of
 * the enum's values (spaces around it allowed) or empty, or for free text
 * at most the item's length. Stricter than the parser in one way only (it
 * also drops repeats before counting), so whatever matches is accepted.
 */
function commaListPattern(item: z.ZodType<string, string>): string {
  const piece =
    item instanceof z.ZodEnum
      ? `\\s*(?:(?:${(item.options as string[]).map(escapeRegex).join("|")})\\s*)?`
      : `[^,]{0,${(item as unknown as z.ZodString).maxLength ?? 2000}}`;
  return `^${piece}(?:,${piece}){0,19}$`;
}

/** A comma-separated list of at most 20 values, each checked by `item`. */
const commaList = <T extends z.ZodType<string, string>>(item: T, description: string) =>
  z
    .string()
    .max(2000)
    .optional()
    .transform((text) =>
      text
        ? [
            ...new Set(
              text
                .split(",")
                .map((v) => v.trim())
                .filter(Boolean),
            ),
          ]
        : undefined,
    )
    .pipe(z.array(item).max(20).optional())
    .openapi({ type: "string", description, maxLength: 2000, pattern: commaListPattern(item) });

export const SearchQuerySchema = z.object({
  q: plainText(z.string().max(500))
    .optional()
    .openapi({
      description:
        "Full text over name, title, company, email and domain: words must all match; `eng*` is a prefix, " +
        '`"head of sales"` a phrase; any printable text is safe (tabs and line breaks count as spaces; other ' +
        "control characters, NUL included, answer 400). Omit to list by filters only.",
      example: "cto fintech",
    }),
  verify_status: commaList(
    z.enum([...verificationStatuses, "not_verified"] as const),
    "e.g. `valid,risky_catch_all`",
  ),
  icp_min: queryInteger(0, 100).optional(),
  roles: commaList(z.enum(departments), "Role families (departments): `sales,marketing`"),
  seniority: commaList(z.enum(seniorities), "`c_suite,vp,director`"),
  industries: commaList(plainText(z.string().min(1).max(100)), "Company industries"),
  sizes: commaList(z.enum(companySizes), "Size buckets: `11-50,51-200`"),
  tech: commaList(plainText(z.string().min(1).max(100)), "Technologies the company uses (any of them)"),
  source: commaList(z.enum(leadSources), "`crawl`, `ingest`"),
  recency_days: queryInteger(1, 3650).optional().openapi({
    description: "Only leads verified within this many days",
  }),
  sort: z.enum(searchSorts).default("icp_desc"),
  limit: queryInteger(1, 100).default(20),
  cursor: z.string().max(1000).optional().openapi({
    description:
      "`next_cursor` of the previous page, as it was given: any other value answers 400 (`bad_request`)",
  }),
  facets: commaList(z.enum(searchFacets), `Counts to return: ${searchFacets.join(", ")}`),
  facets_exact: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true")
    .openapi({
      description: `Count facets exactly even when more than ${FACET_SAMPLE.toLocaleString("en")} leads are candidates (slower); by default they are then estimated from a uniform sample and \`facets_approximate\` is true`,
    }),
});

const SearchResultSchema = z.object({
  email: z.string(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  full_name: z.string().nullable(),
  title: z.string().nullable(),
  company_name: z.string().nullable(),
  company_domain: z.string(),
  company_id: z
    .string()
    .nullable()
    .openapi({ description: "The enriched company record (null until enriched)" }),
  icp_score: z.number().int(),
  icp_reasons: z
    .array(z.object({ code: z.string(), points: z.number().int(), detail: z.string().optional() }))
    .openapi({ description: "Why the score is what it is: the points sum to `icp_score`" }),
  data_gaps: z.array(z.string()).openapi({ description: "Inputs the score lacked (`seniority_unknown`...)" }),
  verify_status: z.string(),
  verify_reason: z.string(),
  verified_at: z.string().nullable(),
  source_url: z.string().nullable(),
  type: z.string(),
  seniority: z.string().nullable(),
  department: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.string().nullable(),
  country: z.string().nullable(),
  technologies: z.array(z.string()),
  source: z.string(),
});

export const SearchResponseSchema = z
  .object({
    results: z.array(SearchResultSchema),
    limit: z.number().int(),
    sort: z.enum(searchSorts),
    next_cursor: z.string().nullable(),
    facets: z.record(z.string(), z.record(z.string(), z.number().int())),
    facets_approximate: z.boolean().openapi({
      description: "True when the facet counts were estimated from a sample (see `facets_exact`)",
    }),
  })
  .openapi("LeadSearch");

export const searchLeads = defineRoute({
  method: "get",
  path: "/leads/search",
  tags: ["Leads"],
  summary: "Search leads",
  description:
    "Full text and filters over the tenant's leads, in pages of `limit` with an opaque keyset `next_cursor` " +
    "(stable while leads are added: no duplicates, no gaps), and facet counts, each over the leads matching " +
    "every other filter.",
  access: { auth: "user" },
  request: { query: SearchQuerySchema },
  responses: {
    200: {
      description: "A page of leads",
      content: { "application/json": { schema: SearchResponseSchema } },
    },
    ...errorResponses(400),
  },
});
