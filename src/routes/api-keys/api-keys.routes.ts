/**
 * Route definitions for API key management (owners and admins). The request
 * and response schemas derive from the `api_keys` table.
 */
import { z } from "@hono/zod-openapi";
import { createInsertSchema, createSelectSchema } from "drizzle-zod";
import { apiKeyScopes, apiKeys } from "../../db/schema.ts";
import { errorResponses } from "../../errors.ts";
import { defineRoute } from "../router.ts";

const scopesSchema = z
  .array(z.enum(apiKeyScopes))
  .min(1)
  .max(apiKeyScopes.length)
  .refine((s) => new Set(s).size === s.length, "scopes must not repeat")
  .openapi({
    description: "`read` allows GET, `write` allows changes, `admin` manages keys and settings",
    example: ["read", "write"],
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
  .extend({ scopes: scopesSchema })
  .openapi("ApiKey");

export const CreatedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: "The secret. Shown only in this response; store it now." }),
}).openapi("CreatedApiKey");

export const CreateApiKeySchema = createInsertSchema(apiKeys)
  .pick({ name: true })
  .extend({
    name: z.string().trim().min(1).max(100).openapi({ example: "CRM sync" }),
    scopes: scopesSchema.default(["read", "write"]),
    expires_at: z.iso
      .datetime({ offset: true })
      .optional()
      .openapi({ description: "When the key stops working (ISO 8601); never when omitted" }),
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
    "Owners and admins only. The secret is returned once, in this response; only its hash is stored.",
  access: { auth: "user", role: "admin" },
  request: { body: { required: true, content: { "application/json": { schema: CreateApiKeySchema } } } },
  responses: { 201: json(CreatedApiKeySchema, "The new key, with its secret") },
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
      limit: z.coerce.number().int().min(1).max(100).default(50),
      offset: z.coerce.number().int().min(0).max(100_000).default(0),
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
  description: "The key stops working at once. Revoking an already revoked key is a no-op that returns it.",
  access: { auth: "user", role: "admin" },
  request: { params: KeyIdParams },
  responses: { 200: json(ApiKeySchema, "The revoked key"), ...errorResponses(404) },
});
