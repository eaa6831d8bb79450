/** Health routes: `/health`, `/health/detailed` and door 003's `/api/v1/health`. */
import { createRouter } from "../router.ts";
import * as handlers from "./health.handlers.ts";
import * as routes from "./health.routes.ts";

export const healthRouter = createRouter()
  .openapi(routes.health, handlers.getHealth)
  .openapi(routes.detailedHealth, handlers.getDetailedHealth)
  .openapi(routes.leadFactoryHealth, handlers.getLeadFactoryHealth);
