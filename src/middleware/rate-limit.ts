/**
 * Per-caller rate limits, counted exactly by the RateLimiter Durable Object.
 * Every limited response carries X-RateLimit-Limit / -Remaining / -Reset;
 * over the limit the caller gets 429 with Retry-After. If the limiter itself
 * fails, the request is let through and the failure logged (fail open), so a
 * limiter outage never takes the API down.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { RateLimitDecision } from "../durable-objects/rate-limiter.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { describeError } from "../lib/logger.ts";

export interface RateLimitOptions {
  /** Requests allowed per window; defaults to RATE_LIMIT_PER_MINUTE. */
  limit?: (c: Context<AppEnv>) => number;
  windowMs?: number;
  /** The counter's key; defaults to the API key, else the user. */
  key?: (c: Context<AppEnv>) => string;
}

function defaultKey(c: Context<AppEnv>): string {
  const p = c.var.principal;
  if (!p) return `ip:${c.req.header("CF-Connecting-IP") ?? "unknown"}`;
  return p.apiKeyId ? `key:${p.apiKeyId}` : `user:${p.tenantId}:${p.userId}`;
}

/** Counts one hit on the limiter for `key`. */
export async function hitRateLimit(
  c: Context<AppEnv>,
  key: string,
  limit: number,
  windowMs: number,
): Promise<RateLimitDecision | null> {
  try {
    const stub = c.env.RATE_LIMITER.get(c.env.RATE_LIMITER.idFromName(key));
    return await stub.hit(limit, windowMs);
  } catch (err) {
    c.var.log.warn("rate limiter unavailable; letting the request through", describeError(err));
    return null;
  }
}

export function rateLimit(options: RateLimitOptions = {}) {
  const windowMs = options.windowMs ?? 60_000;
  return createMiddleware<AppEnv>(async function rateLimitMiddleware(c, next) {
    const limit = options.limit?.(c) ?? c.var.config.RATE_LIMIT_PER_MINUTE;
    const decision = await hitRateLimit(c, (options.key ?? defaultKey)(c), limit, windowMs);
    if (!decision) return next();
    const headers = {
      "X-RateLimit-Limit": String(decision.limit),
      "X-RateLimit-Remaining": String(decision.remaining),
      "X-RateLimit-Reset": String(decision.resetAt),
    };
    if (!decision.allowed) {
      throw new ApiError("rate_limited", `Rate limit of ${decision.limit} requests exceeded; retry later`, {
        headers: { ...headers, "Retry-After": String(decision.retryAfter) },
      });
    }
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    await next();
  });
}
