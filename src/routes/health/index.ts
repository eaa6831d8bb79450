/** Health routes: door 000's `/health` and `/health/detailed`, door 003's `/api/v1/health`. */
import { createRouter } from "../router.ts";
import * as handlers from "./health.handlers.ts";
import * as routes from "./health.routes.ts";

export const healthRouter = createRouter()
  .openapi(routes.health, handlers.getHealth)
  .openapi(routes.detailedHealth, handlers.getDetailedHealth);

/** Door 003's health check. */
export const leadFactoryHealthRouter = createRouter().openapi(
  routes.leadFactoryHealth,
  handlers.getLeadFactoryHealth,
);
