/** Door 001's routers (seed 001). */
import { createRouter } from "../router.ts";
import * as handlers from "./auth.handlers.ts";
import * as routes from "./auth.routes.ts";
import * as subscriptionHandlers from "./subscriptions.handlers.ts";
import * as subscriptionRoutes from "./subscriptions.routes.ts";

export const door001AuthRouter = createRouter()
  .openapi(routes.signUp001, handlers.signUp001Handler)
  .openapi(routes.logIn001, handlers.logIn001Handler)
  .openapi(routes.me001, handlers.me001Handler)
  .openapi(routes.logOut001, handlers.logOut001Handler);

export const door001SubscriptionsRouter = createRouter()
  .openapi(subscriptionRoutes.currentSubscription001, subscriptionHandlers.currentSubscription001Handler)
  .openapi(subscriptionRoutes.usage001, subscriptionHandlers.usage001Handler)
  .openapi(subscriptionRoutes.changePlan001, subscriptionHandlers.changePlan001Handler)
  .openapi(subscriptionRoutes.plan001, subscriptionHandlers.plan001Handler);
