/**
 * Door 001's sign-in (seed 001, "Lead Scoring OSINT"): sign up, log in, who
 * am I, log out, with the seed's bodies. The token is an access token
 * (services/auth/access-tokens.ts) that every JSON door and door 000 accept.
 */
import { z } from "@hono/zod-openapi";
import { errorResponses } from "../../errors.ts";
import { defineRoute } from "../router.ts";

const email = z.email().max(254).openapi({ example: "ada@example.com", pattern: z.regexes.email.source });

export const SignUp001Schema = z
  .object({
    email,
    password: z.string().min(1).max(1024).openapi({ example: "SecurePassword123!" }),
    company_name: z.string().min(1).max(100).openapi({ example: "Acme Inc" }),
  })
  .openapi("SignUp001");

export const LogIn001Schema = z.object({ email, password: z.string().min(1).max(1024) }).openapi("LogIn001");

const User001Schema = z
  .object({ id: z.string(), email: z.string(), company_name: z.string() })
  .openapi("User001");

const Subscription001Schema = z
  .object({
    plan_id: z.string().openapi({ example: "starter" }),
    status: z.string().openapi({ example: "trial" }),
  })
  .openapi("Subscription001");

export const Session001Schema = z
  .object({
    success: z.literal(true),
    token: z
      .string()
      .openapi({ description: "An access token: send it as `Authorization: Bearer <token>`." }),
    expires_in: z.number().int().openapi({ description: "Seconds until the token expires.", example: 3600 }),
    user: User001Schema,
    subscription: Subscription001Schema,
  })
  .openapi("Session001");

export const PendingSignUp001Schema = z
  .object({
    success: z.literal(true),
    token: z.null(),
    pending_approval: z.literal(true),
    message: z.string(),
  })
  .openapi("PendingSignUp001");

export const Me001Schema = z
  .object({
    user: User001Schema,
    subscription: Subscription001Schema.extend({
      credits_limit: z
        .number()
        .int()
        .openapi({ description: "The plan's credits per period.", example: 5000 }),
      credits_used: z
        .number()
        .int()
        .openapi({ description: "Credits used in the current period.", example: 1234 }),
    }),
  })
  .openapi("Me001");

export const signUp001 = defineRoute({
  method: "post",
  path: "/api/auth/signup",
  tags: ["Auth"],
  summary: "Create an account (a new tenant, you its owner)",
  description:
    "Follows REGISTRATION_MODE. `open`: 201 with a token at once (the address is confirmed later with " +
    "the mailed code); an address that has an account gets 409 EMAIL_TAKEN. `approval`: 202 without a " +
    "token, the same answer whether or not the address had an account; sign in once approved. " +
    "`closed`: 403 REGISTRATION_CLOSED. At most 10 sign-ups per client address per hour (429).",
  access: { auth: "public" },
  request: { body: { required: true, content: { "application/json": { schema: SignUp001Schema } } } },
  responses: {
    201: { description: "Signed up and in", content: { "application/json": { schema: Session001Schema } } },
    202: {
      description: "Signed up; the account waits for approval",
      content: { "application/json": { schema: PendingSignUp001Schema } },
    },
    ...errorResponses(403, 409, 429, 503),
  },
});

export const logIn001 = defineRoute({
  method: "post",
  path: "/api/auth/login",
  tags: ["Auth"],
  summary: "Log in and get a token",
  description:
    "A wrong password and an unknown email get the same 401. Attempts are throttled per email and per " +
    "client address (429 with Retry-After). Pending and disabled accounts get 403 once the password is right.",
  access: { auth: "public" },
  request: { body: { required: true, content: { "application/json": { schema: LogIn001Schema } } } },
  responses: {
    200: { description: "Logged in", content: { "application/json": { schema: Session001Schema } } },
    ...errorResponses(401, 403, 429, 503),
  },
});

export const me001 = defineRoute({
  method: "get",
  path: "/api/auth/me",
  tags: ["Auth"],
  summary: "Who am I",
  access: { auth: "user" },
  responses: {
    200: {
      description: "The caller and their subscription",
      content: { "application/json": { schema: Me001Schema } },
    },
  },
});

export const logOut001 = defineRoute({
  method: "post",
  path: "/api/auth/logout",
  tags: ["Auth"],
  summary: "Log out: the token is refused from now on",
  description:
    "Ends the token's session at once. With an API key it does nothing (revoke keys at /api-keys).",
  access: { auth: "user" },
  responses: {
    200: {
      description: "Logged out",
      content: {
        "application/json": {
          schema: z.object({ success: z.literal(true), message: z.string() }).openapi("LogOut001"),
        },
      },
    },
  },
});
