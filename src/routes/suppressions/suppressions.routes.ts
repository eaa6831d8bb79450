/**
 * Route definitions for the suppression list: addresses and domains the
 * tenant never wants stored. Only hashes are kept, so entries are shown
 * without their value (the create response echoes the caller's own input).
 */
import { z } from "@hono/zod-openapi";
import { createSelectSchema } from "drizzle-zod";
import { suppressions } from "../../db/schema.ts";
import { plainText } from "../../domain/text/plain-text.ts";
import { ErrorBodySchema, errorResponses } from "../../errors.ts";
import { defineRoute, queryInteger } from "../router.ts";

const kindSchema = z.enum(["email", "domain"]);

export const SuppressionSchema = createSelectSchema(suppressions)
  .pick({ id: true, kind: true, reason: true, created_at: true })
  .extend({ kind: kindSchema })
  .openapi("Suppression");

export const CreatedSuppressionSchema = SuppressionSchema.extend({
  value: z.string().openapi({
    description: "The canonical form of the caller's input (a lowercased address or a registrable domain)",
  }),
}).openapi("CreatedSuppression");

const reasonSchema = plainText(z.string().trim().min(1).max(200))
  .optional()
  // Trimmed before its length is checked: it needs one non-space character.
  .openapi({ example: "opt-out by email", pattern: "\\S" });

export const CreateSuppressionSchema = z
  .union([
    z
      .object({
        email: z.string().max(320).openapi({ example: "anna.mueller@acme.com" }),
        reason: reasonSchema,
      })
      .strict(),
    z
      .object({
        domain: z.string().max(2000).openapi({
          description: "A domain, a URL or an email address: reduced to its registrable domain",
          example: "acme.com",
        }),
        reason: reasonSchema,
      })
      .strict(),
  ])
  .openapi("CreateSuppression", { description: "Exactly one of `email` or `domain`" });

export const SuppressionListSchema = z
  .object({ results: z.array(SuppressionSchema), limit: z.number().int(), offset: z.number().int() })
  .openapi("SuppressionList");

const SuppressionIdParams = z.object({
  suppression_id: z
    .string()
    .max(64)
    .openapi({ param: { name: "suppression_id", in: "path" }, example: "sup_3fQ9mZ0aB1cD2eF3gH4i" }),
});

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const createSuppression = defineRoute({
  method: "post",
  path: "/suppressions",
  tags: ["Data stewardship"],
  summary: "Suppress an address or a domain",
  description:
    "Owners and admins only. Crawls, ingests and verifications never store a suppressed address, nor any " +
    "address at a suppressed domain. Only the SHA-256 of the canonical value is kept. The same value " +
    "again answers 200 with the entry already there.",
  access: { auth: "user", role: "admin" },
  request: {
    body: { required: true, content: { "application/json": { schema: CreateSuppressionSchema } } },
  },
  responses: {
    201: json(CreatedSuppressionSchema, "The new entry"),
    200: json(CreatedSuppressionSchema, "The value was already suppressed: the existing entry"),
  },
});

export const listSuppressions = defineRoute({
  method: "get",
  path: "/suppressions",
  tags: ["Data stewardship"],
  summary: "List the suppression list",
  description: "Newest first. Values are not shown: only their hashes are stored.",
  access: { auth: "user" },
  request: {
    query: z.object({
      kind: kindSchema.optional(),
      limit: queryInteger(1, 100).default(50),
      offset: queryInteger(0, 100_000).default(0),
    }),
  },
  responses: { 200: json(SuppressionListSchema, "A page of entries") },
});

export const checkSuppression = defineRoute({
  method: "get",
  path: "/suppressions/check",
  tags: ["Data stewardship"],
  summary: "Is an address or a domain suppressed?",
  description:
    "Exactly one of `email` or `domain`. An address counts as suppressed when it, its host or its " +
    "registrable domain is on the list (as crawls, ingests and verifications treat it).",
  access: { auth: "user" },
  request: {
    // OpenAPI cannot say "exactly one of two parameters": each is optional here, and both or neither is a 400.
    query: z.object({
      email: z.string().max(320).optional().openapi({
        description: "An address to check. Give this or `domain`, not both and not neither (else 400)",
        example: "anna.mueller@acme.com",
      }),
      domain: z.string().max(2000).optional().openapi({
        description:
          "A domain, URL or address, reduced to its registrable domain. Give this or `email` (else 400)",
        example: "acme.com",
      }),
    }),
  },
  responses: {
    200: json(z.object({ suppressed: z.boolean() }).openapi("SuppressionCheck"), "The answer"),
    400: {
      description:
        "Invalid request: neither or both of `email` and `domain`, or a value that is no address or domain",
      content: { "application/json": { schema: ErrorBodySchema } },
    },
  },
});

export const deleteSuppression = defineRoute({
  method: "delete",
  path: "/suppressions/{suppression_id}",
  tags: ["Data stewardship"],
  summary: "Remove an entry from the suppression list",
  description: "Owners and admins only. Later crawls and ingests may store the value again.",
  access: { auth: "user", role: "admin" },
  request: { params: SuppressionIdParams },
  responses: { 204: { description: "Removed" }, ...errorResponses(404) },
});
