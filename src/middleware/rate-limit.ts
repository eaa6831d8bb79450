/**
 * Per-caller rate limits, counted by the RateLimiter Durable Object: an exact
 * sliding window that never grants more than the limit in any window and
 * refuses only when the window holds the limit in requests really made. To
 * spare a round trip per request, an isolate leases a few requests at a time
 * (5% of the limit, at most 50, fewer as the window fills; limits of 20 or
 * less go to the object every time) and settles each lease with the times it
 * used it: when used up (on the next call), or when its RATE_LIMIT_LEASE_MS
 * (2 s) run out (a timer kept alive with waitUntil; 0 turns leases off). Unused leased requests go back, so leases no
 * longer cost the caller anything. A refusal is repeated locally until the
 * limiter's next free slot, which refuses nothing it would grant.
 *
 * Every limited response carries X-RateLimit-Limit / -Remaining / -Reset and
 * the IETF draft's RateLimit-Policy / RateLimit (see rateLimitHeaders);
 * over the limit the caller gets 429 with Retry-After. A blocked limiter (a
 * revoked API key) refuses with 401. If the limiter itself fails, the
 * request is let through and the failure logged (fail open), so a limiter
 * outage never takes the API down.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { type DoorName, doorPolicies, planLimited, policyKey } from "../domain/rate-limit/door-policies.ts";
import type { LeaseUse, RateLimitDecision } from "../durable-objects/rate-limiter.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { describeError } from "../lib/logger.ts";
import { forgetApiKey } from "../services/api-key-cache.ts";
import { knownSubscription, limitsFor } from "../services/billing/subscriptions.ts";
import { apiKeyLimiterKey, leases, refusals } from "../services/rate-limit-state.ts";

export interface RateLimitOptions {
  /** The door whose limits count (domain/rate-limit/door-policies.ts); door 000 by default. */
  door?: DoorName;
  /** The caller's key; defaults to the API key, else the user. */
  key?: (c: Context<AppEnv>) => string;
}

function defaultKey(c: Context<AppEnv>): string {
  const p = c.var.principal;
  if (!p) return `ip:${c.req.header("CF-Connecting-IP") ?? "unknown"}`;
  return p.apiKeyId ? apiKeyLimiterKey(p.apiKeyId) : `user:${p.tenantId}:${p.userId}`;
}

/** Counts one hit on the limiter for `key`; null when the limiter cannot be reached (fail open). */
export async function hitRateLimit(
  c: Context<AppEnv>,
  key: string,
  limit: number,
  windowMs: number,
  want = 1,
  settled: LeaseUse[] = [],
): Promise<RateLimitDecision | null> {
  try {
    const stub = c.env.RATE_LIMITER.get(c.env.RATE_LIMITER.idFromName(key));
    return await stub.hit(limit, windowMs, want, settled, c.var.config.RATE_LIMIT_LEASE_MS);
  } catch (err) {
    c.var.log.warn("rate limiter unavailable; letting the request through", describeError(err));
    return null;
  }
}

/** How many requests an isolate asks to lease at once: 5% of the limit, 1 to 50. */
export function leaseSize(limit: number): number {
  return Math.max(1, Math.min(50, Math.floor(limit * 0.05)));
}

async function askLimiter(c: Context<AppEnv>, key: string, limit: number, windowMs: number) {
  const finished = leases.release(key);
  const sentAt = Date.now();
  const decision = await hitRateLimit(c, key, limit, windowMs, leaseSize(limit), finished ? [finished] : []);
  if (!decision) return null;
  const receivedAt = Date.now();
  refusals.store(key, decision, sentAt);
  const leaseMs = c.var.config.RATE_LIMIT_LEASE_MS;
  const { decision: reported, displaced } = leases.store(key, limit, decision, {
    sentAt,
    receivedAt,
    leaseMs,
  });
  if (displaced) settleLater(c, key, 0, () => displaced);
  if (decision.leaseId) {
    const leaseId = decision.leaseId;
    settleLater(c, key, leaseMs - (receivedAt - sentAt), () => leases.release(key, leaseId));
  }
  return reported;
}

/**
 * Settles a lease after `afterMs` if `use()` still finds it held: a lease
 * that runs out, or one displaced by a concurrent request's (a lease used
 * up is settled by the next call instead).
 */
function settleLater(c: Context<AppEnv>, key: string, afterMs: number, use: () => LeaseUse | undefined) {
  const work = new Promise((resolve) => setTimeout(resolve, Math.max(0, afterMs))).then(async () => {
    const found = use();
    if (!found) return;
    const stub = c.env.RATE_LIMITER.get(c.env.RATE_LIMITER.idFromName(key));
    await stub.settle([found]);
  });
  const guarded = work.catch((err) =>
    c.var.log.warn("could not settle a rate-limit lease", describeError(err)),
  );
  try {
    c.executionCtx.waitUntil(guarded);
  } catch {
    // No execution context (app.request in unit tests): the promise still settles on its own.
  }
}

function blockedDetail(reason: string): string {
  return reason === "revoked" ? "The API key has been revoked" : "This credential is blocked";
}

/**
 * The limit that binds, twice: X-RateLimit-Limit / -Remaining / -Reset (Unix seconds), which most
 * clients read, and the IETF fields of draft-ietf-httpapi-ratelimit-headers (RateLimit-Policy with the
 * quota `q` per window `w` seconds, RateLimit with what `r` remains and the seconds `t` until it resets).
 */
export function rateLimitHeaders(
  decision: Pick<RateLimitDecision, "limit" | "remaining" | "resetAt">,
  windowMs: number,
  nowMs = Date.now(),
  policy = "default",
): Record<string, string> {
  // resetAt is rounded up to a whole second, so the seconds left are at most the window.
  const window = Math.round(windowMs / 1000);
  const untilReset = Math.min(window, Math.max(0, Math.ceil(decision.resetAt - nowMs / 1000)));
  return {
    "X-RateLimit-Limit": String(decision.limit),
    "X-RateLimit-Remaining": String(decision.remaining),
    "X-RateLimit-Reset": String(decision.resetAt),
    "RateLimit-Policy": `"${policy}";q=${decision.limit};w=${window}`,
    RateLimit: `"${policy}";r=${decision.remaining};t=${untilReset}`,
  };
}

/** The caller's plan limits (doors 002 and 003): from the access token's rows, else cached per isolate. */
async function callerLimits(c: Context<AppEnv>) {
  const principal = c.var.principal!;
  const known = knownSubscription(c.var.account, principal.tenantId);
  return limitsFor(c.var.db, principal.tenantId, c.var.config.TRIAL_DAYS, known);
}

const policyDefaults = (c: Context<AppEnv>) => ({
  perMinute: c.var.config.RATE_LIMIT_PER_MINUTE,
  per15Min001: c.var.config.RATE_LIMIT_001_PER_15_MIN,
});

export function rateLimit(options: RateLimitOptions = {}) {
  const door = options.door ?? "000";
  return createMiddleware<AppEnv>(async function rateLimitMiddleware(c, next) {
    const callerKey = (options.key ?? defaultKey)(c);
    const limits = planLimited(door) && c.var.principal ? await callerLimits(c) : null;
    // The shortest window first: a burst refused does not spend the hour.
    const policies = doorPolicies(door, policyDefaults(c), limits).sort((a, b) => a.windowMs - b.windowMs);
    let binding: { decision: RateLimitDecision; windowMs: number; name: string } | null = null;
    for (const policy of policies) {
      const key = policyKey(callerKey, door, policy.name);
      const decision =
        leases.take(key, policy.limit) ??
        refusals.take(key, policy.limit) ??
        (await askLimiter(c, key, policy.limit, policy.windowMs));
      if (!decision) continue;
      if (decision.blocked) {
        if (c.var.principal?.apiKeyId) forgetApiKey(c.var.principal.apiKeyId);
        throw new ApiError(
          decision.blocked === "revoked" ? "api_key_revoked" : "forbidden",
          blockedDetail(decision.blocked),
        );
      }
      const name = policies.length > 1 ? policy.name : "default";
      if (!decision.allowed) {
        const headers = rateLimitHeaders(decision, policy.windowMs, Date.now(), name);
        throw new ApiError("rate_limited", `Rate limit of ${decision.limit} requests exceeded; retry later`, {
          headers: { ...headers, "Retry-After": String(decision.retryAfter) },
        });
      }
      // The window with the fewest requests left is the one that binds.
      if (!binding || decision.remaining < binding.decision.remaining)
        binding = { decision, windowMs: policy.windowMs, name };
    }
    if (binding) {
      const headers = rateLimitHeaders(binding.decision, binding.windowMs, Date.now(), binding.name);
      for (const [name, value] of Object.entries(headers)) c.header(name, value);
    }
    await next();
  });
}
