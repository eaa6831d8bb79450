/** The Leads API: search. */
import { createRouter } from "../router.ts";
import * as handlers from "./leads.handlers.ts";
import * as routes from "./leads.routes.ts";

export const leadsRouter = createRouter().openapi(routes.searchLeads, handlers.searchLeadsHandler);
