/**
 * The router factory every route group uses, and the shared OpenAPI pieces:
 * zod failures go through `defaultHook` into the one error shape, and
 * `defineRoute` attaches auth, rate limiting and content-type checks in a
 * fixed order (401 before 415, so anonymous callers learn nothing else).
 * `queryInteger` and `matching` keep parameters documented as they are read.
 */
import { createRoute, OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { UserRole } from "../db/schema.ts";
import { type Door, doorForPath, doorTag } from "../doors/doors.ts";
import type { AppEnv } from "../env.ts";
import { ApiError, ErrorBodySchema, errorResponses } from "../errors.ts";
import { type RequireAuthOptions, requireAuth } from "../middleware/auth.ts";
import { requireContentType } from "../middleware/content-type.ts";
import { rateLimit } from "../middleware/rate-limit.ts";

/** Field path -> message from a zod error (the `fields` of a validation_failed body). */
export function fieldsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "(body)";
    fields[key] ??= issue.message;
  }
  return fields;
}

/** Field path -> `missing` or `value_error` (what FastAPI's clients read in `type`). */
function issueTypesOf(issues: readonly { path: readonly PropertyKey[]; code?: string; message?: string }[]) {
  const types: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "(body)";
    // zod reports no `input` unless asked, so a missing field is told by its message ("received undefined").
    const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message ?? "");
    types[key] ??= missing ? "missing" : "value_error";
  }
  return types;
}

const locations = { json: "body", form: "body", query: "query", param: "path", header: "header" } as const;

/** A new OpenAPIHono router wired to the API's validation error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const fields = fieldsFromIssues(result.error.issues);
        const first = Object.entries(fields)[0];
        const location = locations[result.target as keyof typeof locations] ?? "body";
        throw new ApiError(
          "validation_failed",
          first ? `Invalid ${result.target}: ${first[0]}: ${first[1]}` : "Invalid request",
          { fields, location, issueTypes: issueTypesOf(result.error.issues) },
        );
      }
    },
  });
}

export type Access = { auth: "public" } | ({ auth: "user" } & RequireAuthOptions);

/** createRoute plus the middleware and documentation that `access` implies. */
export function defineRoute<
  P extends string,
  R extends Omit<RouteConfig, "path" | "middleware"> & { path: P },
>(config: R & { access: Access; middleware?: MiddlewareHandler[] }) {
  const { access, middleware: extra = [], ...route } = config;
  // The door the path belongs to decides the credentials, the documented security and the error schema.
  const door = doorForPath(documentedPath(route.path));
  const middleware: MiddlewareHandler[] = [];
  let responses = { ...route.responses };
  if (access.auth === "user") {
    middleware.push(requireAuth(access, door.authenticate), rateLimit({ door: door.name }));
    responses = { ...errorResponses(401, 403, 429), ...responses };
  }
  const bodyTypes = Object.keys(route.request?.body?.content ?? {});
  if (bodyTypes.length > 0) {
    middleware.push(requireContentType(bodyTypes));
    responses = { ...errorResponses(400, 413, 415), ...responses };
  } else if (route.request?.query || route.request?.params) {
    responses = { ...errorResponses(400), ...responses };
  }
  middleware.push(...extra);
  responses = inDoorDialect(door, responses);
  return createRoute({
    ...route,
    tags: door.name === "000" ? route.tags : (route.tags ?? []).map((tag) => doorTag(door, tag)),
    responses,
    middleware,
    ...(access.auth === "user" ? { security: door.security } : {}),
  } as unknown as R & { middleware: MiddlewareHandler[] });
}

/**
 * The documented error responses in the dialect of the path's door: the one
 * error schema becomes the door's, and for door 004 (FastAPI) a validation
 * failure is a 422, not a 400.
 */
function inDoorDialect(door: Door, responses: RouteConfig["responses"]): RouteConfig["responses"] {
  if (door.dialect.schema === ErrorBodySchema) return responses;
  const out: RouteConfig["responses"] = {};
  for (const [status, response] of Object.entries(responses)) {
    const content = (response as { content?: Record<string, { schema: unknown }> }).content;
    const isError = content?.["application/json"]?.schema === ErrorBodySchema;
    if (!isError) {
      out[status] = response;
      continue;
    }
    const key = door.name === "004" && status === "400" ? "422" : status;
    out[key] = {
      ...response,
      ...(key === "422" ? { description: "Validation error (FastAPI's detail list)" } : {}),
      content: { "application/json": { schema: door.dialect.schema } },
    } as RouteConfig["responses"][string];
  }
  return out;
}

/**
 * An integer query parameter: digits only (an optional minus), within
 * [min, max]. Not `z.coerce.number()`, which reads "" as 0 and "1e1" as 10,
 * and whose acceptance of null made the document call the parameter nullable.
 */
export function queryInteger(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" && /^-?[0-9]{1,16}$/.test(value) ? Number(value) : value),
    z.number({ error: "must be a whole number" }).int().min(min).max(max),
  );
}

/**
 * A path parameter the router only matches when its raw segment matches
 * `pattern` (Hono's `:name{pattern}`), so a literal path beside it
 * (`/leads/search` beside `/leads/{email}`) is never taken for a value and
 * 405/OPTIONS list only the methods that really match. The document shows
 * the plain `{name}` (see `documentedPath`); the parameter's schema should
 * carry the same rule. The pattern must hold no `}` (zod-openapi reads the
 * path up to the first one).
 */
export function matching(name: string, pattern: string): string {
  return `{${name}{${pattern}}}`;
}

/** A route path as the OpenAPI document shows it: `{name{pattern}}` becomes `{name}`. */
export function documentedPath(path: string): string {
  return path.replace(/\{(\w+)\{.*?\}\}/g, "{$1}");
}

export type { UserRole };
