/** Handler for single-address verification. */
import type { RouteHandler } from "@hono/zod-openapi";
import { creditCosts, creditsFor } from "../../domain/billing/credits.ts";
import { isOwnSideFailure } from "../../domain/verification/verdicts.ts";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import {
  closeReservationsStatement,
  reserveCredits,
  usageStatement,
} from "../../services/billing/credits.ts";
import { SidecarUnavailableError } from "../../services/sidecar-client.ts";
import { addressKeys, anySuppressed } from "../../services/stewardship/suppressions.ts";
import { verifyAddresses } from "../../services/verification.ts";
import type { verifyEmail } from "./verify.routes.ts";

/** The sidecar's deadline for one synchronous verification; with its margin the answer comes within 30 s. */
export const SYNC_VERIFY_DEADLINE_MS = 25_000;

export const verifyEmailHandler: RouteHandler<typeof verifyEmail, AppEnv> = async (c) => {
  const { email, fresh } = c.req.valid("json");
  // A suppressed address is neither probed nor cached: the person asked not to be processed.
  const keys = addressKeys(email.toLowerCase(), { allowReservedNames: c.var.config.isDevelopment });
  if (await anySuppressed(c.var.db, getPrincipal(c).tenantId, keys)) {
    throw new ApiError(
      "conflict",
      "This address or its domain is on your suppression list; it is not verified",
    );
  }
  const principal = getPrincipal(c);
  const db = c.var.db;
  // The address's credit is set aside first (402 when none is left) and charged only for an answer.
  const reservation = await reserveCredits(db, principal.tenantId, c.var.config.TRIAL_DAYS, {
    credits: creditsFor("address_verified", 1),
    userId: principal.userId,
    description: "POST /verify",
    ttlMs: 60_000,
  });
  // One credit always reserves (reserveCredits returns null only for zero credits).
  const close = () => closeReservationsStatement(db, principal.tenantId, reservation ? [reservation] : []);
  try {
    const [verdict] = await verifyAddresses(db, c.var.sidecar, [email], {
      ttlDays: c.var.config.VERIFY_CACHE_TTL_DAYS,
      deadlineMs: SYNC_VERIFY_DEADLINE_MS,
      fresh,
    });
    const answered = !isOwnSideFailure(verdict!.status, verdict!.reason);
    const charge = usageStatement(db, principal.tenantId, {
      userId: principal.userId,
      resourceType: "address_verified",
      resourceId: verdict!.email,
      amount: 1,
      unit: creditCosts.address_verified.unit,
      credits: creditsFor("address_verified", 1),
      description: `verify ${verdict!.email}`,
      reservationId: reservation,
      idempotencyKey: `verify:${reservation ?? c.var.requestId}`,
    });
    await (answered ? db.batch([charge, close()]) : close());
    return c.json(verdict!, 200);
  } catch (err) {
    await close();
    if (err instanceof SidecarUnavailableError) {
      c.var.log.warn("verify: sidecar unavailable", { failure: err.failure, detail: err.message });
      throw new ApiError("service_unavailable", `Verification is unavailable: ${err.message}`, {
        headers: err.failure === "circuit_open" ? { "Retry-After": "30" } : {},
      });
    }
    throw err;
  }
};
