/** Route definition for erasing one address (a data subject's erasure request). */
import { z } from "@hono/zod-openapi";
import { defineRoute } from "../router.ts";

export const eraseLead = defineRoute({
  method: "delete",
  path: "/leads/{email}",
  tags: ["Data stewardship"],
  summary: "Erase an address",
  description:
    "Owners and admins only. Deletes the tenant's lead for the address outright (with its run links and " +
    "sources), removes the address from the shared verification cache (anyone verifying it later probes " +
    "afresh), and adds it to the tenant's suppression list so no later run or ingest stores it again. " +
    "Answers 204 whether or not a lead was stored: the address is suppressed either way.",
  access: { auth: "user", role: "admin" },
  request: {
    params: z.object({
      email: z
        .string()
        .max(320)
        .openapi({ param: { name: "email", in: "path" }, example: "anna.mueller@acme.com" }),
    }),
  },
  responses: { 204: { description: "Erased and suppressed" } },
});
