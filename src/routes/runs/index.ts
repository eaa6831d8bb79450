/** The Runs API (seed 000) and its live events. */
import { createRouter } from "../router.ts";
import * as handlers from "./runs.handlers.ts";
import * as routes from "./runs.routes.ts";

export const runsRouter = createRouter()
  .openapi(routes.createRun, handlers.createRunHandler)
  .openapi(routes.listRuns, handlers.listRunsHandler)
  .openapi(routes.getRun, handlers.getRunHandler)
  .openapi(routes.getRunResults, handlers.getRunResultsHandler)
  .openapi(routes.exportRun, handlers.exportRunHandler)
  .openapi(routes.cancelRun, handlers.cancelRunHandler)
  .openapi(routes.getRunLogs, handlers.getRunLogsHandler)
  .openapi(routes.createEventsTicket, handlers.createEventsTicketHandler)
  .openapi(routes.runEvents, handlers.runEventsHandler);
