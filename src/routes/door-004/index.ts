/** Door 004's routers (seed 004). */
import { createRouter } from "../router.ts";
import * as handlers from "./auth.handlers.ts";
import * as routes from "./auth.routes.ts";

export const door004AuthRouter = createRouter()
  .openapi(routes.token004, handlers.token004Handler)
  .openapi(routes.register004, handlers.register004Handler)
  .openapi(routes.me004, handlers.me004Handler);
