/** Route definitions for tenant settings: the lead retention period. */
import { z } from "@hono/zod-openapi";
import { defineRoute } from "../router.ts";

export const RetentionSchema = z
  .object({
    retention_days: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .nullable()
      .openapi({
        description:
          "Leads not refreshed (seen again by a crawl or an ingest) for this many days are deleted by the " +
          "daily purge; null keeps them",
        example: 365,
      }),
  })
  .strict()
  .openapi("RetentionSetting");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const getRetention = defineRoute({
  method: "get",
  path: "/settings/retention",
  tags: ["Data stewardship"],
  summary: "Get the lead retention period",
  description: "Owners and admins only.",
  access: { auth: "user", role: "admin" },
  responses: { 200: json(RetentionSchema, "The setting") },
});

export const putRetention = defineRoute({
  method: "put",
  path: "/settings/retention",
  tags: ["Data stewardship"],
  summary: "Set the lead retention period",
  description:
    "Owners and admins only. Takes effect at the next daily purge (03:17 UTC). Editing a lead does not " +
    "extend its retention; only a crawl or an ingest that sees it again does.",
  access: { auth: "user", role: "admin" },
  request: { body: { required: true, content: { "application/json": { schema: RetentionSchema } } } },
  responses: { 200: json(RetentionSchema, "The new setting") },
});
