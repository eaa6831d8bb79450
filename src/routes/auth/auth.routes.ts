/**
 * Route definitions for JSON session sign-in (AUTH_MODE=session): obtain a
 * session cookie, read who you are, sign out. The HTML pages of seed 000 sit
 * on top of the same session rows.
 */
import { z } from "@hono/zod-openapi";
import { apiKeyScopes, userRoles } from "../../db/schema.ts";
import { errorResponses } from "../../errors.ts";
import { defineRoute } from "../router.ts";

export const SignInSchema = z
  .object({
    // The pattern is zod's: `format: email` alone would promise RFC 5322 forms (quoted parts) it refuses.
    email: z.email().max(254).openapi({ example: "ada@example.com", pattern: z.regexes.email.source }),
    password: z.string().min(1).max(1024),
  })
  .strict()
  .openapi("SignIn");

export const WhoAmISchema = z
  .object({
    tenant_id: z.string(),
    user_id: z.string().nullable(),
    role: z.enum(userRoles),
    is_platform_admin: z.boolean(),
    method: z.enum(["dev_headers", "jwt", "session", "access_token", "api_key", "ingest_token"]),
    scopes: z.array(z.enum(apiKeyScopes)),
    session_expires_at: z.string().nullable(),
  })
  .openapi("WhoAmI");

export const signIn = defineRoute({
  method: "post",
  path: "/auth/session",
  tags: ["Auth"],
  summary: "Sign in and get a session cookie",
  description:
    "Only when AUTH_MODE=session. On success sets an HttpOnly, Secure, SameSite=Lax cookie bound to a " +
    "server-side session (revocable). A wrong password and an unknown email get the same 401. Attempts " +
    "are throttled per email and per client address (429 with Retry-After).",
  access: { auth: "public" },
  request: { body: { required: true, content: { "application/json": { schema: SignInSchema } } } },
  responses: {
    200: { description: "Signed in", content: { "application/json": { schema: WhoAmISchema } } },
    ...errorResponses(401, 403, 429),
  },
});

export const whoAmI = defineRoute({
  method: "get",
  path: "/auth/session",
  tags: ["Auth"],
  summary: "Who am I",
  description: "The caller as the API sees it, whatever the credential (session, JWT, API key, dev headers).",
  access: { auth: "user" },
  responses: {
    200: { description: "The caller", content: { "application/json": { schema: WhoAmISchema } } },
  },
});

export const signOut = defineRoute({
  method: "delete",
  path: "/auth/session",
  tags: ["Auth"],
  summary: "Sign out",
  description: "Revokes the current session and clears the cookie. With other credentials it does nothing.",
  access: { auth: "user" },
  responses: {
    200: {
      description: "Signed out",
      content: { "application/json": { schema: z.object({ ok: z.literal(true) }) } },
    },
  },
});
