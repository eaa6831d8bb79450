/** Refuses bodies above BODY_LIMIT_BYTES with 413, whether or not Content-Length was sent. */
import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";

export interface BodyLimitOptions {
  /** Overrides the configured limit (bytes). */
  maxSize?: number;
}

export function bodyLimit(options: BodyLimitOptions = {}) {
  return createMiddleware<AppEnv>(async function bodyLimitMiddleware(c, next) {
    const maxSize = options.maxSize ?? c.var.config.BODY_LIMIT_BYTES;
    const limiter = honoBodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError(
          "payload_too_large",
          `The request body is larger than the limit of ${maxSize} bytes`,
        );
      },
    });
    return limiter(c, next);
  });
}
