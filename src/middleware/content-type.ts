/**
 * Guards routes that take a body: the Content-Type must be one the route
 * declares (else 415), and a JSON body must parse (else 400 malformed_json).
 * The parsed JSON is cached by Hono, so the validator does not parse twice.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

export function requireContentType(accepted: readonly string[] = ["application/json"]) {
  return createMiddleware<AppEnv>(async function requireContentTypeMiddleware(c, next) {
    const raw = c.req.header("Content-Type");
    const mediaType = raw?.split(";")[0]?.trim().toLowerCase();
    if (!mediaType || !accepted.includes(mediaType)) {
      throw new ApiError(
        "unsupported_media_type",
        `Content-Type must be ${accepted.join(" or ")}${raw ? `, not ${raw.slice(0, 80)}` : " (none was sent)"}`,
      );
    }
    if (mediaType === "application/json") {
      try {
        await c.req.json();
      } catch {
        throw new ApiError("malformed_json", "The request body is not valid JSON");
      }
    }
    await next();
  });
}
