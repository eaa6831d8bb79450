/**
 * How each door words a failure. The engine has one `ApiError` and one
 * closed list of codes; a dialect turns an error into the status, body and
 * headers that its seed document promises, so a client written against that
 * document reads our errors unchanged:
 *
 * - 000: `{error: code, detail, request_id, fields?}` (today's API);
 * - 001: `{error: message, code: "UPPER_SNAKE", details}`;
 * - 002: `{error: {code, message, details}}`, codes from seed 002's table;
 * - 003: `{error: {code: snake_case, message, field, request_id}}`;
 * - 004: FastAPI's `{detail}`, and 422 `{detail: [{loc, msg, type}]}` for
 *   validation, with FastAPI's own words for 404 and 405.
 *
 * Pure: no Hono, no bindings.
 */
import { z } from "@hono/zod-openapi";
import { type ApiError, ErrorBodySchema, type ErrorCode } from "../errors.ts";

/** What a dialect answers with. */
export interface RenderedError {
  status: number;
  body: unknown;
  /** Headers the dialect adds (the error's own, such as Retry-After, are added anyway). */
  headers?: Record<string, string>;
}

/** A door's way of answering failures, and the schema the OpenAPI document shows for it. */
export interface ErrorDialect {
  render(err: ApiError, requestId: string): RenderedError;
  schema: z.ZodType;
}

const validationCodes = new Set<ErrorCode>(["validation_failed", "bad_request", "malformed_json"]);
const upperSnake = (code: string) => code.toUpperCase();

/** Seed 000: today's body, unchanged. */
export const dialect000: ErrorDialect = {
  schema: ErrorBodySchema,
  render(err, requestId) {
    const body: Record<string, unknown> = { error: err.code, detail: err.detail, request_id: requestId };
    if (err.options.fields) body.fields = err.options.fields;
    Object.assign(body, err.options.data);
    return { status: err.status, body };
  },
};

/** Seed 001: `{"error": "Error message", "code": "ERROR_CODE", "details": {}}`. */
export const dialect001: ErrorDialect = {
  schema: z
    .object({
      error: z.string().openapi({ example: "No job with that id" }),
      code: z.string().openapi({ example: "NOT_FOUND" }),
      details: z.record(z.string(), z.unknown()),
    })
    .openapi("Error001"),
  render(err, requestId) {
    const code = validationCodes.has(err.code) ? "VALIDATION_ERROR" : upperSnake(err.code);
    const details: Record<string, unknown> = { request_id: requestId, ...err.options.data };
    if (err.options.fields) details.fields = err.options.fields;
    return { status: err.status, body: { error: err.detail, code, details } };
  },
};

/** Seed 002's table, and the same pattern for the statuses it does not list. */
const codes002: Partial<Record<number, string>> = {
  400: "VALIDATION_ERROR",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  429: "RATE_LIMITED",
  500: "INTERNAL_ERROR",
  503: "SERVICE_UNAVAILABLE",
};

/** Seed 002: `{"error": {"code": "VALIDATION_ERROR", "message", "details": {"field"}}}`. */
export const dialect002: ErrorDialect = {
  schema: z
    .object({
      error: z.object({
        code: z.string().openapi({ example: "VALIDATION_ERROR" }),
        message: z.string().openapi({ example: "email is required" }),
        details: z.record(z.string(), z.unknown()),
      }),
    })
    .openapi("Error002"),
  render(err, requestId) {
    const code = codes002[err.status] ?? upperSnake(err.code);
    const fields = err.options.fields;
    const first = fields ? Object.keys(fields)[0] : undefined;
    const details: Record<string, unknown> = { request_id: requestId, ...err.options.data };
    if (first) Object.assign(details, { field: first, fields });
    return { status: err.status, body: { error: { code, message: err.detail, details } } };
  },
};

/** Seed 003: `{"error": {"code": "invalid_request", "message", "field", "request_id"}}`. */
export const dialect003: ErrorDialect = {
  schema: z
    .object({
      error: z.object({
        code: z.string().openapi({ example: "invalid_request" }),
        message: z.string().openapi({ example: "The zip_code parameter is required" }),
        field: z.string().nullable().openapi({ example: "zip_code" }),
        request_id: z.string().openapi({ example: "9b2f3c1e-6a43-4d8e-a1c2-5f0c9e7d1b20" }),
      }),
    })
    .openapi("Error003"),
  render(err, requestId) {
    const code = validationCodes.has(err.code) ? "invalid_request" : err.code;
    const field = err.options.fields ? (Object.keys(err.options.fields)[0] ?? null) : null;
    return {
      status: err.status,
      body: { error: { code, message: err.detail, field, request_id: requestId, ...err.options.data } },
    };
  },
};

/** FastAPI's words for the statuses its clients may compare. */
const fastApiDetail: Partial<Record<number, string>> = { 404: "Not Found", 405: "Method Not Allowed" };

/** One entry of FastAPI's validation body. */
export interface FastApiIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
}

/** Seed 004 (FastAPI): `{"detail": "..."}`; validation is 422 `{"detail": [{loc, msg, type}]}`. */
export const dialect004: ErrorDialect = {
  schema: z
    .object({
      detail: z.union([
        z.string(),
        z.array(
          z.object({
            loc: z.array(z.union([z.string(), z.number()])),
            msg: z.string(),
            type: z.string(),
          }),
        ),
      ]),
    })
    .openapi("Error004"),
  render(err) {
    if (validationCodes.has(err.code)) return { status: 422, body: { detail: fastApiIssues(err) } };
    const detail = fastApiDetail[err.status] ?? err.detail;
    // FastAPI's OAuth2PasswordBearer answers every 401 with this challenge; OAuth2 clients look for it.
    const headers = err.status === 401 ? { "WWW-Authenticate": "Bearer" } : undefined;
    return { status: err.status, body: { detail }, ...(headers ? { headers } : {}) };
  },
};

/** FastAPI's `detail` list for a validation failure: where (`body`, `query`, `path`), what and why. */
export function fastApiIssues(err: ApiError): FastApiIssue[] {
  const where = err.options.location ?? "body";
  if (err.code === "malformed_json") return [{ loc: ["body"], msg: err.detail, type: "json_invalid" }];
  const fields = Object.entries(err.options.fields ?? {});
  if (fields.length === 0) return [{ loc: [where], msg: err.detail, type: "value_error" }];
  return fields.map(([field, msg]) => ({
    loc:
      field === "(body)"
        ? [where]
        : [where, ...field.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p))],
    msg,
    type: err.options.issueTypes?.[field] ?? "value_error",
  }));
}
