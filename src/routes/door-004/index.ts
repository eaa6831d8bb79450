/** Door 004's routers (seed 004). */
import { createRouter } from "../router.ts";
import * as adminHandlers from "./admin.handlers.ts";
import * as adminRoutes from "./admin.routes.ts";
import * as handlers from "./auth.handlers.ts";
import * as routes from "./auth.routes.ts";

export const door004AuthRouter = createRouter()
  .openapi(routes.token004, handlers.token004Handler)
  .openapi(routes.register004, handlers.register004Handler)
  .openapi(routes.me004, handlers.me004Handler);

export const door004AdminRouter = createRouter()
  .openapi(adminRoutes.adminUsers004, adminHandlers.adminUsers004Handler)
  .openapi(adminRoutes.adminTenants004, adminHandlers.adminTenants004Handler)
  .openapi(adminRoutes.adminUsage004, adminHandlers.adminUsage004Handler)
  .openapi(adminRoutes.patchTenant004, adminHandlers.patchTenant004Handler)
  .openapi(adminRoutes.adminPlans004, adminHandlers.adminPlans004Handler)
  .openapi(adminRoutes.patchPlan004, adminHandlers.patchPlan004Handler);
