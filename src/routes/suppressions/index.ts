/** Suppression list routes: create, list, check, delete. */
import { createRouter } from "../router.ts";
import * as handlers from "./suppressions.handlers.ts";
import * as routes from "./suppressions.routes.ts";

export const suppressionsRouter = createRouter()
  .openapi(routes.createSuppression, handlers.createSuppressionHandler)
  .openapi(routes.listSuppressions, handlers.listSuppressionsHandler)
  .openapi(routes.checkSuppression, handlers.checkSuppressionHandler)
  .openapi(routes.deleteSuppression, handlers.deleteSuppressionHandler);
