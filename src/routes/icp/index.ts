/** ICP profile routes. */
import { createRouter } from "../router.ts";
import * as handlers from "./icp.handlers.ts";
import * as routes from "./icp.routes.ts";

export const icpRouter = createRouter()
  .openapi(routes.getIcp, handlers.getIcpHandler)
  .openapi(routes.putIcp, handlers.putIcpHandler);
