/** The Leads API: search, and erasure of one address. */
import { createRouter } from "../router.ts";
import * as erasureHandlers from "./erasure.handlers.ts";
import * as erasureRoutes from "./erasure.routes.ts";
import * as handlers from "./leads.handlers.ts";
import * as routes from "./leads.routes.ts";

export const leadsRouter = createRouter()
  .openapi(routes.searchLeads, handlers.searchLeadsHandler)
  .openapi(erasureRoutes.eraseLead, erasureHandlers.eraseLeadHandler);
