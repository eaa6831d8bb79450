/** The admin console's API (platform administrators only): accounts, metrics, analytics. */
import { createRouter } from "../router.ts";
import * as handlers from "./admin.handlers.ts";
import * as routes from "./admin.routes.ts";

export const adminRouter = createRouter()
  .openapi(routes.approveUser, handlers.approveUserHandler)
  .openapi(routes.changeUserRole, handlers.changeUserRoleHandler)
  .openapi(routes.changeUserStatus, handlers.changeUserStatusHandler)
  .openapi(routes.metrics, handlers.metricsHandler)
  .openapi(routes.analytics, handlers.analyticsHandler);
