/** IP rotation routes (seed 003), forwarded to the SMTP sidecar. */
import { createRouter } from "../router.ts";
import * as handlers from "./ip-rotation.handlers.ts";
import * as routes from "./ip-rotation.routes.ts";

export const ipRotationRouter = createRouter()
  .openapi(routes.rotationStatus, handlers.rotationStatusHandler)
  .openapi(routes.rotate, handlers.rotateHandler);
