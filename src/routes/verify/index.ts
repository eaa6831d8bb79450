/** Verification routes: `POST /verify`. */
import { createRouter } from "../router.ts";
import * as handlers from "./verify.handlers.ts";
import * as routes from "./verify.routes.ts";

export const verifyRouter = createRouter().openapi(routes.verifyEmail, handlers.verifyEmailHandler);
