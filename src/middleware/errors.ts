/**
 * The app's `onError` and `notFound`: whatever went wrong becomes one
 * ApiError, worded by the dialect of the door the path belongs to
 * (doors/doors.ts). Unexpected exceptions answer 500 with a generic detail;
 * their message and stack go only to the log, under the request id the
 * caller sees.
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ConfigError } from "../config.ts";
import { doorForPath } from "../doors/doors.ts";
import type { AppEnv } from "../env.ts";
import { ApiError, type ErrorCode } from "../errors.ts";
import { createLogger, describeError } from "../lib/logger.ts";

const codeForStatus: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  503: "service_unavailable",
};

/** Writes the error body for an ApiError, in the dialect of the path's door. */
export function errorResponse(c: Context<AppEnv>, err: ApiError): Response {
  const rendered = doorForPath(c.req.path).dialect.render(err, c.var.requestId ?? "unknown");
  const res = c.json(rendered.body, rendered.status as ContentfulStatusCode);
  const headers = { ...rendered.headers, ...err.options.headers };
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}

/** Maps anything thrown to an ApiError, logging what the caller must not see. */
export function toApiError(c: Context<AppEnv>, err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const log = c.var.log ?? createLogger({ request_id: c.var.requestId });
  if (err instanceof HTTPException) {
    if (err.status === 400 && /json/i.test(err.message)) {
      return new ApiError("malformed_json", "The request body is not valid JSON");
    }
    const code = codeForStatus[err.status];
    if (code) return new ApiError(code, err.message || code.replace(/_/g, " "));
    log.error("unhandled HTTPException", { status: err.status, ...describeError(err) });
    return new ApiError(
      "internal_error",
      "Something went wrong on our side; quote the request id if you report it",
    );
  }
  if (err instanceof ConfigError) {
    log.error("configuration error", describeError(err));
    return new ApiError("misconfigured", "The service is misconfigured; the operators have been alerted");
  }
  log.error("unhandled exception", describeError(err));
  return new ApiError(
    "internal_error",
    "Something went wrong on our side; quote the request id if you report it",
  );
}

export const handleError: ErrorHandler<AppEnv> = (err, c) => errorResponse(c, toApiError(c, err));

/**
 * Builds the 404 handler. It answers 405 with an Allow header when the path
 * exists under another method, using the app's registered routes (OPTIONS,
 * which no route serves, gets the same 405 and Allow).
 */
export function notFoundHandler(routes: () => { method: string; path: string }[]): NotFoundHandler<AppEnv> {
  let table: { method: string; pattern: RegExp }[] | undefined;
  return (c) => {
    table ??= routes()
      .filter((r) => r.method !== "ALL" && !r.path.includes("*"))
      .map((r) => ({ method: r.method, pattern: pathPattern(r.path) }));
    const path = new URL(c.req.url).pathname;
    const allowed = [...new Set(table.filter((r) => r.pattern.test(path)).map((r) => r.method))];
    if (allowed.length > 0) {
      if (allowed.includes("GET")) allowed.push("HEAD");
      return errorResponse(
        c,
        new ApiError("method_not_allowed", `${c.req.method} is not allowed here; use ${allowed.join(", ")}`, {
          headers: { Allow: allowed.join(", ") },
        }),
      );
    }
    return errorResponse(c, new ApiError("not_found", `No route for ${c.req.method} ${path.slice(0, 200)}`));
  };
}

/**
 * A route path as the router matches it: `:name` is one segment, and
 * `:name{pattern}` (routes/router.ts `matching`) only a segment matching the
 * pattern, so `/leads/search` does not count as `DELETE /leads/:email{...}`.
 */
function pathPattern(path: string): RegExp {
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  let source = "";
  let last = 0;
  for (const param of path.matchAll(/:\w+(?:\{([^}]*)\})?/g)) {
    source += literal(path.slice(last, param.index)) + (param[1] ? `(?:${param[1]})` : "[^/]+");
    last = param.index + param[0].length;
  }
  return new RegExp(`^${source}${literal(path.slice(last))}$`);
}
