/** Door 001's routers (seed 001). */
import { createRouter } from "../router.ts";
import * as handlers from "./auth.handlers.ts";
import * as routes from "./auth.routes.ts";

export const door001AuthRouter = createRouter()
  .openapi(routes.signUp001, handlers.signUp001Handler)
  .openapi(routes.logIn001, handlers.logIn001Handler)
  .openapi(routes.me001, handlers.me001Handler)
  .openapi(routes.logOut001, handlers.logOut001Handler);
