/** Tenant settings routes: retention. */
import { createRouter } from "../router.ts";
import * as handlers from "./settings.handlers.ts";
import * as routes from "./settings.routes.ts";

export const settingsRouter = createRouter()
  .openapi(routes.getRetention, handlers.getRetentionHandler)
  .openapi(routes.putRetention, handlers.putRetentionHandler);
