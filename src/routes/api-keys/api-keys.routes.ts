/**
 * Route definitions for API key management (owners and admins). The request
 * and response schemas derive from the `api_keys` table.
 */
import { z } from "@hono/zod-openapi";
import { createInsertSchema, createSelectSchema } from "drizzle-zod";
import { apiKeyKinds, apiKeyScopes, apiKeys } from "../../db/schema.ts";
import { plainText } from "../../domain/text/plain-text.ts";
import { errorResponses } from "../../errors.ts";
import { defineRoute, queryInteger } from "../router.ts";

const scopesSchema = z
  .array(z.enum(apiKeyScopes))
  .min(1)
  .max(apiKeyScopes.length)
  .refine((s) => new Set(s).size === s.length, "scopes must not repeat")
  .openapi({
    description: "`read` allows GET, `write` allows changes, `admin` manages keys and settings",
    example: ["read", "write"],
    uniqueItems: true,
  });

const kindSchema = z.enum(apiKeyKinds).openapi({
  description:
    "`user`: acts for its creator with at most their current role, and is revoked when they are disabled, " +
    "deleted or reset their password. `service`: the tenant's own key for integrations, made and revoked " +
    "only by an owner signed in as themselves; acts with its scopes whatever becomes of its creator.",
  example: "user",
});

export const ApiKeySchema = createSelectSchema(apiKeys)
  .pick({
    id: true,
    name: true,
    prefix: true,
    created_by: true,
    created_at: true,
    expires_at: true,
    last_used_at: true,
    revoked_at: true,
  })
  .extend({ scopes: scopesSchema, kind: kindSchema })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The secret. Shown only in this response; store it now." }),
}).openapi("CreatedApiKey");

export const CreateApiKeySchema = createInsertSchema(apiKeys)
  .pick({ name: true })
  .extend({
    // Trimmed before its length is checked: it needs one non-space character.
    name: plainText(z.string().trim().min(1).max(100)).openapi({ example: "CRM sync", pattern: "\\S" }),
    scopes: scopesSchema.default(["read", "write"]),
    kind: kindSchema.default("user"),
    expires_at: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({
        description:
          "When the key stops working (ISO 8601, with `Z` or an offset); never when omitted. It must lie in " +
          "the future: a past instant answers 400 (`fields.expires_at`).",
        example: "2099-12-31T23:59:59Z",
      }),
  })
  .strict()
  .openapi("CreateApiKey");

const KeyIdParams = z.object({
  key_id: z
    .string()
    .max(64)
    .openapi({ param: { name: "key_id", in: "path" }, example: "key_3fQ9mZ0aB1cD2eF3gH4i" }),
});

export const ApiKeyListSchema = z
  .object({
    results: z.array(ApiKeySchema),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .openapi("ApiKeyList");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const createApiKey = defineRoute({
  method: "post",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "Create an API key",
  description:
    "Owners and admins only. The secret is returned once, in this response; only its hash is stored. " +
    "A `user` key never acts with more than its creator's current role; `service` keys only by owners (403).",
  access: { auth: "user", role: "admin" },
  request: { body: { required: true, content: { "application/json": { schema: CreateApiKeySchema } } } },
  responses: { 201: json(CreatedApiKeySchema, "The new key, with its secret"), ...errorResponses(403) },
});

export const listApiKeys = defineRoute({
  method: "get",
  path: "/api-keys",
  tags: ["API keys"],
  summary: "List the tenant's API keys",
  description: "Newest first, revoked keys included (with `revoked_at`). Secrets are never returned.",
  access: { auth: "user", role: "admin" },
  request: {
    query: z.object({
      limit: queryInteger(1, 100).default(50),
      offset: queryInteger(0, 100_000).default(0),
    }),
  },
  responses: { 200: json(ApiKeyListSchema, "A page of keys") },
});

export const getApiKey = defineRoute({
  method: "get",
  path: "/api-keys/{key_id}",
  tags: ["API keys"],
  summary: "Get one API key",
  access: { auth: "user", role: "admin" },
  request: { params: KeyIdParams },
  responses: { 200: json(ApiKeySchema, "The key"), ...errorResponses(404) },
});

export const revokeApiKey = defineRoute({
  method: "delete",
  path: "/api-keys/{key_id}",
  tags: ["API keys"],
  summary: "Revoke an API key",
  description:
    "The key stops working at once. Revoking an already revoked key is a no-op that returns it. " +
    "Service keys only by an owner signed in as themselves (403).",
  access: { auth: "user", role: "admin" },
  request: { params: KeyIdParams },
  responses: { 200: json(ApiKeySchema, "The revoked key"), ...errorResponses(403, 404) },
});
