/** Route definition for erasing one address (a data subject's erasure request). */
import { z } from "@hono/zod-openapi";
import { errorResponses } from "../../errors.ts";
import { defineRoute, matching } from "../router.ts";

export const eraseLead = defineRoute({
  method: "delete",
  // Only a segment holding `@` (or `%40`) is an address, so /leads/search is never one.
  path: `/leads/${matching("email", "[^/]*(?:@|%40)[^/]*")}`,
  tags: ["Data stewardship"],
  summary: "Erase an address",
  description:
    "Owners and admins only. Deletes the tenant's lead for the address outright (with its run links and " +
    "sources), removes the address from the shared verification cache (anyone verifying it later probes " +
    "afresh), and adds it to the tenant's suppression list so no later run or ingest stores it again. " +
    "Answers 204 whether or not a lead was stored: the address is suppressed either way. A path segment " +
    "without `@` names no address and matches no route (404; 405 for `/leads/search`, which is GET only).",
  access: { auth: "user", role: "admin" },
  request: {
    params: z.object({
      email: z
        .string()
        .max(320)
        .regex(/@/, "must be one email address (local@domain)")
        .openapi({ param: { name: "email", in: "path" }, example: "anna.mueller@acme.com" }),
    }),
  },
  responses: { 204: { description: "Erased and suppressed" }, ...errorResponses(404, 405) },
});
