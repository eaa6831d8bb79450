/**
 * Builds the API: global middleware (request id, services, logging,
 * security headers, body limit), the route groups, the error and not-found
 * handlers, and the OpenAPI document. No Workers-only imports here, so the
 * app can also be built in Node (the OpenAPI validation test does).
 */
import { secureHeaders } from "hono/secure-headers";
import { type Door, door000, door001, door002, door003, door004, doorForPath, doors } from "./doors/doors.ts";
import { mountDoor } from "./doors/mount.ts";
import { bodyLimit } from "./middleware/body-limit.ts";
import { contentSecurityPolicy } from "./middleware/content-security-policy.ts";
import { defaultHeader } from "./middleware/default-header.ts";
import { handleError, notFoundHandler } from "./middleware/errors.ts";
import { requestId } from "./middleware/request-id.ts";
import { requestLog } from "./middleware/request-log.ts";
import { initServices } from "./middleware/services.ts";
import { adminRouter } from "./routes/admin/index.ts";
import { apiKeysRouter } from "./routes/api-keys/index.ts";
import { authRouter } from "./routes/auth/index.ts";
import { door001AuthRouter, door001SubscriptionsRouter } from "./routes/door-001/index.ts";
import { door004AdminRouter, door004AuthRouter } from "./routes/door-004/index.ts";
import { healthRouter, leadFactoryHealthRouter } from "./routes/health/index.ts";
import { icpRouter } from "./routes/icp/index.ts";
import { ingestRouter } from "./routes/ingest/index.ts";
import { ipRotationRouter } from "./routes/ip-rotation/index.ts";
import { leadsRouter } from "./routes/leads/index.ts";
import { createMetaRouter } from "./routes/meta/index.tsx";
import { createRouter, documentedPath } from "./routes/router.ts";
import { runsRouter } from "./routes/runs/index.ts";
import { settingsRouter } from "./routes/settings/index.ts";
import { suppressionsRouter } from "./routes/suppressions/index.ts";
import { verifyRouter } from "./routes/verify/index.ts";
import { API_VERSION } from "./version.ts";
import { webRouter } from "./web/routes.tsx";

export { API_VERSION };

const description =
  "Prospector finds the people behind company domains, infers and verifies their email addresses, " +
  "enriches and scores every lead. One engine behind five doors, one per seed document: each door " +
  "(a tag group here) speaks its seed's dialect: paths, credentials, error body, paging. Door 000's " +
  "failures answer `{error, detail, request_id}` (plus `fields` for validation errors); the other doors' " +
  "error schemas are `Error001` to `Error004`. Every response carries `X-Request-Id`.";

/** The document's tags grouped by door (`x-tagGroups`, which /docs and Redoc show as sections). */
function tagGroupsOf(paths: Record<string, Record<string, { tags?: string[] }>>) {
  const tagsByDoor = new Map<Door, Set<string>>(doors.map((door) => [door, new Set<string>()]));
  for (const [path, item] of Object.entries(paths)) {
    for (const operation of Object.values(item)) {
      for (const tag of operation.tags ?? []) tagsByDoor.get(doorForPath(path))!.add(tag);
    }
  }
  const groups = [...tagsByDoor]
    .filter(([, tags]) => tags.size > 0)
    .map(([door, tags]) => ({ name: `Door ${door.name}: ${door.title}`, tags: [...tags] }));
  return { tags: groups.flatMap((g) => g.tags.map((name) => ({ name }))), "x-tagGroups": groups };
}

/** Creates a fresh app (tests build their own; the Worker builds one per isolate). */
export function createApp() {
  const app = createRouter();

  app.use("*", requestId());
  app.use("*", requestLog());
  app.use(
    "*",
    secureHeaders({
      strictTransportSecurity: "max-age=63072000; includeSubDomains",
      // Set below unless a route chose its own (the HTML pages use same-origin, for their forms' Origin).
      referrerPolicy: false,
      crossOriginResourcePolicy: "same-origin",
      // Agrees with every CSP's frame-ancestors 'none' (Hono's default, SAMEORIGIN, said otherwise).
      xFrameOptions: "DENY",
    }),
  );
  app.use("*", defaultHeader("Referrer-Policy", "no-referrer"));
  app.use("*", contentSecurityPolicy());
  app.use("*", initServices());
  app.use("*", bodyLimit());

  // Each door once, with the routers whose paths it owns (mountDoor refuses any other).
  mountDoor(app, door000, [
    healthRouter,
    authRouter,
    apiKeysRouter,
    verifyRouter,
    runsRouter,
    ingestRouter,
    leadsRouter,
    suppressionsRouter,
    settingsRouter,
    icpRouter,
    webRouter,
    // After the pages: their form posts to /admin/users/... pass JSON bodies on to this API.
    adminRouter,
  ]);
  mountDoor(app, door001, [door001AuthRouter, door001SubscriptionsRouter]);
  mountDoor(app, door002, []);
  mountDoor(app, door003, [leadFactoryHealthRouter, ipRotationRouter]);
  mountDoor(app, door004, [door004AuthRouter, door004AdminRouter]);

  app.openAPIRegistry.registerComponent("securitySchemes", "apiKeyHeader", {
    type: "apiKey",
    in: "header",
    name: "X-API-Key",
    description:
      "An API key (`psk_...`); also accepted as `Authorization: Bearer psk_...`. Works in every AUTH_MODE.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description: "AUTH_MODE=hs256: an HS256 JWT with `tenant_id` and `sub` claims.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "accessToken", {
    type: "http",
    scheme: "bearer",
    bearerFormat: "JWT",
    description:
      "An access token from POST /api/auth/login or /api/auth/signup (door 001) or POST /api/v1/auth/token " +
      "(door 004): works on every door, in every AUTH_MODE, until it expires or its session ends (logout).",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "prospector_session",
    description: "AUTH_MODE=session: the cookie set by POST /auth/session.",
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "devHeaders", {
    type: "apiKey",
    in: "header",
    name: "X-Tenant-Id",
    description: "AUTH_MODE=dev (ENVIRONMENT=development only): X-Tenant-Id and X-User-Id headers.",
  });

  const getDocument = (origin: string) => {
    const doc = app.getOpenAPI31Document({
      openapi: "3.1.0",
      info: { title: "Prospector API", version: API_VERSION, description },
      servers: [{ url: origin }],
    });
    // Routes whose parameters carry a router pattern (router.ts `matching`) are documented by their plain path.
    const paths = Object.fromEntries(
      Object.entries(doc.paths ?? {}).map(([path, item]) => [documentedPath(path), item]),
    );
    return { ...doc, paths, ...tagGroupsOf(paths as never) } as unknown as Record<string, unknown>;
  };
  app.route("/", createMetaRouter(getDocument));

  app.onError(handleError);
  app.notFound(notFoundHandler(() => app.routes));
  return app;
}

export type App = ReturnType<typeof createApp>;
