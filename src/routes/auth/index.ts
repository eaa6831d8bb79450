/** Auth routes: JSON session sign-in, who-am-I, sign-out. */
import { createRouter } from "../router.ts";
import * as handlers from "./auth.handlers.ts";
import * as routes from "./auth.routes.ts";

export const authRouter = createRouter()
  .openapi(routes.signIn, handlers.signInHandler)
  .openapi(routes.whoAmI, handlers.whoAmIHandler)
  .openapi(routes.signOut, handlers.signOutHandler);
