/** Handler for single-address verification. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { SidecarUnavailableError } from "../../services/sidecar-client.ts";
import { verifyAddresses } from "../../services/verification.ts";
import type { verifyEmail } from "./verify.routes.ts";

/** The sidecar's deadline for one synchronous verification; with its margin the answer comes within 30 s. */
export const SYNC_VERIFY_DEADLINE_MS = 25_000;

export const verifyEmailHandler: RouteHandler<typeof verifyEmail, AppEnv> = async (c) => {
  const { email, fresh } = c.req.valid("json");
  try {
    const [verdict] = await verifyAddresses(c.var.db, c.var.sidecar, [email], {
      ttlDays: c.var.config.VERIFY_CACHE_TTL_DAYS,
      deadlineMs: SYNC_VERIFY_DEADLINE_MS,
      fresh,
    });
    return c.json(verdict!, 200);
  } catch (err) {
    if (err instanceof SidecarUnavailableError) {
      c.var.log.warn("verify: sidecar unavailable", { failure: err.failure, detail: err.message });
      throw new ApiError("service_unavailable", `Verification is unavailable: ${err.message}`, {
        headers: err.failure === "circuit_open" ? { "Retry-After": "30" } : {},
      });
    }
    throw err;
  }
};
