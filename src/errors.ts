/**
 * The one error shape of the API and the closed list of codes behind it.
 * Everything that fails (validation, auth, limits, bugs) ends up as an
 * `ApiError` turned into `{error, detail, request_id, fields?}` by `onError`.
 */
import { z } from "@hono/zod-openapi";

/** Every error code the API can answer with, and its HTTP status. */
export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  malformed_json: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  invalid_token: 401,
  invalid_api_key: 401,
  api_key_revoked: 401,
  session_expired: 401,
  forbidden: 403,
  insufficient_scope: 403,
  account_pending: 403,
  account_disabled: 403,
  registration_closed: 403,
  credits_exhausted: 402,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  email_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  upgrade_required: 426,
  rate_limited: 429,
  internal_error: 500,
  misconfigured: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;
export type ErrorStatus = (typeof errorStatus)[ErrorCode];

/** Thrown anywhere to answer with the one error shape. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: ErrorStatus;

  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly options: {
      fields?: Record<string, string>;
      headers?: Record<string, string>;
      /** Where the invalid fields are (validation failures; door 004 reports it as FastAPI's `loc`). */
      location?: "body" | "query" | "path" | "header";
      /** Field -> kind of problem (`missing`, `value_error`), for dialects that report one. */
      issueTypes?: Record<string, string>;
      /** Facts a client acts on (credits left, say): each dialect puts them where its details go. */
      data?: Record<string, number | string | null>;
    } = {},
  ) {
    super(`${code}: ${detail}`);
    this.status = errorStatus[code];
  }
}

/** The body every failure answers with (documented in the OpenAPI components). */
export const ErrorBodySchema = z
  .object({
    error: z.enum(Object.keys(errorStatus) as [ErrorCode, ...ErrorCode[]]).openapi({ example: "not_found" }),
    detail: z.string().openapi({ example: "No API key with that id" }),
    request_id: z.string().openapi({ example: "9b2f3c1e-6a43-4d8e-a1c2-5f0c9e7d1b20" }),
    fields: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: "Field -> message, for validation errors" }),
    credits_required: z.number().int().optional().openapi({ description: "402: what the work needs" }),
    credits_remaining: z.number().int().optional().openapi({ description: "402: what is left this period" }),
    credits_limit: z.number().int().optional().openapi({ description: "402: the period's credits" }),
    period_end: z.string().optional().openapi({ description: "402: when the credits renew" }),
  })
  .openapi("Error");

export type ErrorBody = z.infer<typeof ErrorBodySchema>;

const describe: Record<number, string> = {
  400: "Invalid request",
  401: "Missing or invalid credentials",
  402: "Not enough credits left in this period (the body says how many are left)",
  403: "Authenticated but not allowed",
  404: "Not found (or owned by another tenant)",
  405: "No route has this method at this path; see the Allow header",
  409: "Conflict with the current state",
  413: "Body larger than the limit",
  415: "Unsupported content type",
  426: "A WebSocket upgrade is required",
  429: "Rate limit exceeded; see Retry-After",
  500: "Unexpected error",
  503: "A required dependency is down",
};

/** OpenAPI `responses` entries for the listed error statuses, all with the error schema. */
export function errorResponses(...statuses: (keyof typeof describe)[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: describe[status] ?? "Error",
        content: { "application/json": { schema: ErrorBodySchema } },
      },
    ]),
  );
}
