/** Handler of the Ingestion API: picks the format, runs the ingest, maps a refused file to its error. */
import type { RouteHandler } from "@hono/zod-openapi";
import { MalformedFileError } from "../../domain/ingest/body-text.ts";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import { ingestLeads } from "../../services/ingest/ingest.ts";
import { BodyTooLargeError, type IngestFormat } from "../../services/ingest/read-rows.ts";
import type * as routes from "./ingest.routes.ts";

const formats: Record<string, IngestFormat> = { "text/csv": "csv", "application/x-ndjson": "ndjson" };

/** The file's format from its Content-Type (already one of the two); 415 for a charset other than UTF-8. */
function formatOf(contentType: string): IngestFormat {
  const [mediaType = "", ...params] = contentType.split(";").map((p) => p.trim().toLowerCase());
  const charset = params
    .find((p) => p.startsWith("charset="))
    ?.slice("charset=".length)
    .replace(/"/g, "");
  if (charset && charset !== "utf-8" && charset !== "utf8" && charset !== "us-ascii") {
    throw new ApiError(
      "unsupported_media_type",
      `Only UTF-8 files are read, not charset=${charset.slice(0, 40)}`,
    );
  }
  return formats[mediaType] ?? "csv";
}

export const ingestHandler: RouteHandler<typeof routes.ingest, AppEnv> = async (c) => {
  const { tenantId } = getPrincipal(c);
  const { config } = c.var;
  try {
    const summary = await ingestLeads(c.var.db, {
      tenantId,
      body: c.req.raw.body,
      format: formatOf(c.req.header("Content-Type") ?? ""),
      maxBytes: config.BODY_LIMIT_BYTES,
      allowReservedNames: config.isDevelopment,
    });
    c.var.log.info("ingest", {
      tenant_id: tenantId,
      received_bytes: summary.received_bytes,
      accepted: summary.accepted,
      updated: summary.updated,
      rejected: summary.rejected,
    });
    return c.json({ ok: true as const, ...summary }, 200);
  } catch (err) {
    if (err instanceof MalformedFileError) {
      throw new ApiError(
        "bad_request",
        `The file cannot be read: line ${err.line}: ${err.reason}; nothing was written`,
      );
    }
    if (err instanceof BodyTooLargeError)
      throw new ApiError("payload_too_large", `${err.message}; nothing was written`);
    throw err;
  }
};
