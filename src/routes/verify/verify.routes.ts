/** Route definition for single-address verification (Hunter-style `POST /verify`). */
import { z } from "@hono/zod-openapi";
import { createSelectSchema } from "drizzle-zod";
import { emailVerifications, verificationStatuses } from "../../db/schema.ts";
import { errorResponses } from "../../errors.ts";
import { defineRoute } from "../router.ts";

export const VerifyRequestSchema = z
  .object({
    email: z
      .string()
      .trim()
      .min(3)
      .max(320)
      .regex(/^[^@\s]+@[^@\s]+$/, "must be one email address (local@domain)")
      .openapi({ example: "anna.mueller@acme.com" }),
    fresh: z.boolean().default(false).openapi({
      description: "Verify again even when a fresh verdict is cached (the new verdict replaces it)",
    }),
  })
  .strict()
  .openapi("VerifyRequest");

export const VerificationSchema = createSelectSchema(emailVerifications)
  .pick({
    email: true,
    reason: true,
    mx: true,
    catch_all: true,
    provider: true,
    smtp_code: true,
    smtp_message: true,
    retry_after_s: true,
    checked_at: true,
  })
  .extend({
    reason: z.string().openapi({
      description:
        "Why the address got its status: a stable code such as rcpt_2xx_non_catchall, " +
        "rcpt_5xx_user_unknown, null_mx or syntax (the sidecar's README lists them all). " +
        "blocked_target (status unknown): the domain's mail host is on a loopback, private or " +
        "otherwise non-public address, so it was not contacted",
      example: "rcpt_2xx_non_catchall",
    }),
    status: z.enum(verificationStatuses).openapi({
      description:
        "valid, invalid, risky_catch_all, risky_full_inbox, or unknown_timeout / unknown_greylisted / " +
        "unknown_blocked / unknown_no_connect / unknown",
    }),
    result: z.enum(["deliverable", "undeliverable", "risky", "unknown"]).openapi({
      description: "The status folded into four classes",
    }),
    score: z.number().int().min(0).max(100).openapi({ description: "How likely mail is delivered, 0-100" }),
    cached: z.boolean().openapi({ description: "True when the verdict came from the verification cache" }),
  })
  .openapi("Verification");

export const verifyEmail = defineRoute({
  method: "post",
  path: "/verify",
  tags: ["Verification"],
  summary: "Verify one address",
  description:
    "Checks one mailbox over SMTP without sending mail (MX lookup, RCPT probe, catch-all test) and " +
    "answers within 30 s. A verdict checked in the last `VERIFY_CACHE_TTL_DAYS` days (10 minutes for " +
    "an unknown one the remote host gave; never for a failure on our side) is answered from the shared " +
    "cache with `cached: true`. 503 when the verification " +
    "service cannot be reached and nothing is cached. 409 when the address, its host or its domain is on " +
    "the tenant's suppression list: it is then neither probed nor looked up.",
  access: { auth: "user" },
  request: {
    body: { required: true, content: { "application/json": { schema: VerifyRequestSchema } } },
  },
  responses: {
    200: { description: "The verdict", content: { "application/json": { schema: VerificationSchema } } },
    ...errorResponses(402, 409, 503),
  },
});
