/**
 * The router factory every route group uses, and the shared OpenAPI pieces:
 * zod failures go through `defaultHook` into the one error shape, and
 * `defineRoute` attaches auth, rate limiting and content-type checks in a
 * fixed order (401 before 415, so anonymous callers learn nothing else).
 */
import { createRoute, OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { UserRole } from "../db/schema.ts";
import type { AppEnv } from "../env.ts";
import { ApiError, errorResponses } from "../errors.ts";
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

/** A new OpenAPIHono router wired to the API's validation error shape. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const fields = fieldsFromIssues(result.error.issues);
        const first = Object.entries(fields)[0];
        throw new ApiError(
          "validation_failed",
          first ? `Invalid ${result.target}: ${first[0]}: ${first[1]}` : "Invalid request",
          { fields },
        );
      }
    },
  });
}

/** Security requirements shown in the OpenAPI document for authenticated routes. */
export const authenticatedSecurity = [
  { apiKeyHeader: [] },
  { bearerAuth: [] },
  { sessionCookie: [] },
  { devHeaders: [] },
];

export type Access = { auth: "public" } | ({ auth: "user" } & RequireAuthOptions);

/** createRoute plus the middleware and documentation that `access` implies. */
export function defineRoute<
  P extends string,
  R extends Omit<RouteConfig, "path" | "middleware"> & { path: P },
>(config: R & { access: Access; middleware?: MiddlewareHandler[] }) {
  const { access, middleware: extra = [], ...route } = config;
  const middleware: MiddlewareHandler[] = [];
  let responses = { ...route.responses };
  if (access.auth === "user") {
    middleware.push(requireAuth(access), rateLimit());
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
  return createRoute({
    ...route,
    responses,
    middleware,
    ...(access.auth === "user" ? { security: authenticatedSecurity } : {}),
  } as unknown as R & { middleware: MiddlewareHandler[] });
}

export type { UserRole };
