/**
 * The Ingestion API (seed 000). Its auth runs as router middleware ahead of
 * the route's own (content type): the ingest token, else the normal API auth,
 * then the rate limit, the same order defineRoute gives `auth: "user"` routes.
 */
import { rateLimit } from "../../middleware/rate-limit.ts";
import { createRouter } from "../router.ts";
import * as handlers from "./ingest.handlers.ts";
import * as routes from "./ingest.routes.ts";
import { ingestAuth } from "./ingest-auth.ts";

export const ingestRouter = createRouter();
ingestRouter.on("POST", "/ingest", ingestAuth(), rateLimit());
ingestRouter.openapi(routes.ingest, handlers.ingestHandler);
ingestRouter.openAPIRegistry.registerComponent("securitySchemes", "ingestToken", {
  type: "http",
  scheme: "bearer",
  description: "POST /ingest only: `Authorization: Bearer <INGEST_HTTP_TOKEN>`, into INGEST_TENANT_ID.",
});
