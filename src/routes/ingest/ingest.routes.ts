/**
 * Route definition of the Ingestion API (seed 000): POST /ingest takes a CSV
 * or NDJSON file of leads. Its auth (the ingest token or the normal API
 * auth) is router middleware (see index.ts), so it is documented here.
 */
import { z } from "@hono/zod-openapi";
import { ingestFields } from "../../domain/ingest/columns.ts";
import { door000 } from "../../doors/doors.ts";
import { errorResponses } from "../../errors.ts";
import { MAX_LISTED_ERRORS } from "../../services/ingest/ingest.ts";
import { defineRoute } from "../router.ts";

export const IngestResultSchema = z
  .object({
    ok: z.literal(true),
    received_bytes: z.number().int(),
    accepted: z.number().int().openapi({ description: "Rows that created a lead" }),
    updated: z
      .number()
      .int()
      .openapi({
        description:
          "Rows for an address the tenant already had: values given replace the stored ones, and the lead is " +
          "refreshed (counted here even when no value changed)",
      }),
    rejected: z.number().int().openapi({ description: "Rows refused: invalid, repeated, or suppressed" }),
    errors: z
      .array(
        z.object({
          row: z
            .number()
            .int()
            .openapi({ description: "The line the row starts on (the CSV header is line 1)" }),
          field: z.enum([...ingestFields, "row"]),
          detail: z.string(),
        }),
      )
      .openapi({ description: `The first ${MAX_LISTED_ERRORS} problems, by row` }),
    error_count: z.number().int().openapi({ description: "All problems found (a row may have several)" }),
    ignored_columns: z
      .array(z.string())
      .openapi({ description: "Columns (or NDJSON keys) that name no lead field, at most 50" }),
  })
  .openapi("IngestResult");

const fileBody = (example: string) => ({ schema: z.string().openapi({ example }) });

export const ingest = defineRoute({
  method: "post",
  path: "/ingest",
  tags: ["Ingest"],
  summary: "Ingest leads from a file",
  description:
    "A CSV (header row first; `,`, `;` or tab) or NDJSON (one object per line) file of leads, read as it " +
    "arrives, UTF-8 only. Headers are matched leniently (`Email`, `E-mail`, `Email Address`, `First Name`, " +
    "`job title`, `Company Name`, `website`...). Rows are upserted by address: valid rows are written, bad " +
    "ones listed with their line, suppressed addresses and domains refused; one bad row never blocks the " +
    "others. A file that cannot be read (unbalanced quotes, binary, not UTF-8, no email column) answers 400 " +
    "with the line, and a body over BODY_LIMIT_BYTES 413; either way nothing is written. Besides the normal " +
    "API credentials (with the `write` scope), `Authorization: Bearer <INGEST_HTTP_TOKEN>` ingests into " +
    "INGEST_TENANT_ID.",
  access: { auth: "public" },
  // Door 000's schemes plus the ingest token.
  security: [...door000.security, { ingestToken: [] }],
  request: {
    body: {
      required: true,
      content: {
        "text/csv": fileBody(
          "Email,First Name,Last Name,Job Title,Company\nada@acme.com,Ada,Lovelace,CTO,Acme\n",
        ),
        "application/x-ndjson": fileBody('{"email":"ada@acme.com","name":"Ada Lovelace","title":"CTO"}\n'),
      },
    },
  },
  responses: {
    200: {
      description: "What was written and what was refused",
      content: { "application/json": { schema: IngestResultSchema } },
    },
    ...errorResponses(401, 403, 429, 500),
  },
});
