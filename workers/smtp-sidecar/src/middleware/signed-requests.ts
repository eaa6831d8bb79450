/**
 * The signature check every route but `/health` goes through: a valid
 * `X-Prospector-Signature` over the method, the path with its query and the
 * raw body (so a signature opens one route only), at most 300 s from now,
 * and for requests with a body (the ones that change or start something)
 * not seen before: replays within the window are refused. Senders make each
 * body unique with a `request_id` field. Comparison uses Node's
 * `timingSafeEqual` on equal-length buffers.
 */
import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { SidecarError } from "../errors.ts";
import {
  SIDECAR_SIGNATURE_HEADER,
  SIDECAR_SIGNATURE_TOLERANCE_S,
  verifySidecarSignature,
} from "../signature.ts";

/** Options of {@link signedRequests}. */
export interface SignedRequestsOptions {
  secret: string;
  clock: () => number;
  /** Most remembered signatures; beyond it the oldest are forgotten early. */
  maxRemembered?: number;
}

const MESSAGES = {
  missing: `missing ${SIDECAR_SIGNATURE_HEADER} header`,
  malformed: `malformed ${SIDECAR_SIGNATURE_HEADER} header (expected t=<unix seconds>,v2=<hex>)`,
  stale: `signature timestamp is more than ${SIDECAR_SIGNATURE_TOLERANCE_S} s from now`,
  mismatch: "signature does not match",
  replayed: "signature already used (replayed request)",
};

/** Remembers accepted signatures until they could no longer pass the freshness check. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private readonly maxRemembered: number;
  constructor(maxRemembered = 100_000) {
    this.maxRemembered = maxRemembered;
  }

  /** True the first time a signature is offered before `expiresAt`; false for a replay. */
  admit(signature: string, nowMs: number, expiresAt: number): boolean {
    for (const [key, expiry] of this.seen) {
      if (expiry > nowMs) break;
      this.seen.delete(key);
    }
    if (this.seen.has(signature)) return false;
    this.seen.set(signature, expiresAt);
    if (this.seen.size > this.maxRemembered) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}

/** Middleware refusing unsigned, badly signed, stale and replayed requests with 401. */
export function signedRequests(options: SignedRequestsOptions): MiddlewareHandler {
  const guard = new ReplayGuard(options.maxRemembered);
  return async function signedRequest(c, next) {
    const readOnly = c.req.method === "GET" || c.req.method === "HEAD";
    const body = readOnly ? "" : await c.req.text();
    const url = new URL(c.req.url);
    const nowMs = options.clock();
    const check = await verifySidecarSignature(
      options.secret,
      c.req.header(SIDECAR_SIGNATURE_HEADER),
      { method: c.req.method, target: `${url.pathname}${url.search}`, body },
      nowMs / 1000,
      (a, b) => timingSafeEqual(a, b),
    );
    if (!check.ok) throw new SidecarError("unauthorized", MESSAGES[check.problem]);
    // Entries are inserted in arrival order; expiry follows the signature's own time plus the tolerance.
    const expiresAt = Math.max(nowMs, (check.signature.t + SIDECAR_SIGNATURE_TOLERANCE_S) * 1000) + 1000;
    // Reads are not replay-checked: two identical GETs in one second carry the same
    // signature, and replaying a read gives nothing its response did not already show.
    if (!readOnly && !guard.admit(check.signature.v2, nowMs, expiresAt))
      throw new SidecarError("unauthorized", MESSAGES.replayed);
    await next();
  };
}
