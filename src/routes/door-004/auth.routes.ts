/**
 * Door 004's sign-in (seed 004, "Enterprise Sales Agent", a FastAPI
 * service): the OAuth2 password grant at /api/v1/auth/token, as the form
 * OAuth2 clients and FastAPI's docs send and as the JSON the seed shows;
 * register; who am I.
 */
import { z } from "@hono/zod-openapi";
import { userRoles } from "../../db/schema.ts";
import { errorResponses } from "../../errors.ts";
import { defineRoute } from "../router.ts";

/** OAuth2PasswordRequestForm: `grant_type` may be left out; when given it must be `password`. */
export const PasswordGrantSchema = z
  .object({
    grant_type: z.literal("password").optional(),
    username: z.string().min(1).max(320).openapi({ example: "user@example.com", description: "The email" }),
    password: z.string().min(1).max(1024),
    scope: z.string().max(1000).optional(),
    client_id: z.string().max(200).nullable().optional(),
    client_secret: z.string().max(200).nullable().optional(),
  })
  .openapi("PasswordGrant");

export const TokenSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal("bearer"),
    expires_in: z.number().int().openapi({ example: 3600 }),
  })
  .openapi("Token004");

export const Register004Schema = z
  .object({
    name: z.string().min(1).max(100).openapi({ example: "Full Name" }),
    email: z.email().max(254).openapi({ example: "user@example.com", pattern: z.regexes.email.source }),
    password: z.string().min(1).max(1024),
  })
  .openapi("Register004");

export const User004Schema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    role: z.enum(userRoles),
    tenant_id: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("User004");

export const PendingRegistration004Schema = z
  .object({ status: z.literal("pending_approval"), message: z.string() })
  .openapi("PendingRegistration004");

export const token004 = defineRoute({
  method: "post",
  path: "/api/v1/auth/token",
  tags: ["Auth"],
  summary: "Get an access token (OAuth2 password grant)",
  description:
    "`username` is the email. Form-encoded (what OAuth2 clients send) or JSON. A wrong password and an " +
    "unknown email get the same 401 (with `WWW-Authenticate: Bearer`); attempts are throttled per email " +
    "and per client address (429 with Retry-After).",
  access: { auth: "public" },
  request: {
    body: {
      // Not `required: true`, which would run both validators on every body; the content-type guard
      // (415 without one of the two) makes a body required, and the matching validator checks it.
      required: false,
      content: {
        "application/x-www-form-urlencoded": { schema: PasswordGrantSchema },
        "application/json": { schema: PasswordGrantSchema },
      },
    },
  },
  responses: {
    200: { description: "The token", content: { "application/json": { schema: TokenSchema } } },
    ...errorResponses(401, 403, 429, 503),
  },
});

export const register004 = defineRoute({
  method: "post",
  path: "/api/v1/auth/register",
  tags: ["Auth"],
  summary: "Register (a new tenant, you its owner)",
  description:
    "Follows REGISTRATION_MODE. `open`: 201 with the user (then get a token); an address that has an " +
    "account gets 409. `approval`: 202, the same answer whether or not the address had an account. " +
    "`closed`: 403. At most 10 sign-ups per client address per hour (429).",
  access: { auth: "public" },
  request: { body: { required: true, content: { "application/json": { schema: Register004Schema } } } },
  responses: {
    201: { description: "Registered", content: { "application/json": { schema: User004Schema } } },
    202: {
      description: "Registered; the account waits for approval",
      content: { "application/json": { schema: PendingRegistration004Schema } },
    },
    ...errorResponses(403, 409, 429, 503),
  },
});

export const me004 = defineRoute({
  method: "get",
  path: "/api/v1/auth/me",
  tags: ["Auth"],
  summary: "Who am I",
  access: { auth: "user" },
  responses: {
    200: { description: "The caller", content: { "application/json": { schema: User004Schema } } },
    ...errorResponses(404),
  },
});
