/**
 * Per-caller rate limits, counted by the RateLimiter Durable Object: an exact
 * sliding window that never grants more than the limit in any window and
 * refuses only when the window is full. Every request asks the limiter (an
 * isolate holds no leased allowance: leases that went unused counted as
 * spent, so callers got far less than they paid for); a refusal is repeated
 * locally until the limiter's next free slot, which refuses nothing it would
 * grant. Every limited response carries X-RateLimit-Limit / -Remaining /
 * -Reset; over the limit the caller gets 429 with Retry-After. A blocked
 * limiter (a revoked API key) refuses with 401. If the limiter itself fails,
 * the request is let through and the failure logged (fail open), so a
 * limiter outage never takes the API down.
 */
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import { RefusalBook } from "../domain/rate-limit/refusal-book.ts";
import type { RateLimitDecision } from "../durable-objects/rate-limiter.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { describeError } from "../lib/logger.ts";
import { forgetApiKey } from "../services/api-key-cache.ts";

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
  return p.apiKeyId ? apiKeyLimiterKey(p.apiKeyId) : `user:${p.tenantId}:${p.userId}`;
}

/** Counts one hit on the limiter for `key`; null when the limiter cannot be reached (fail open). */
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

/** This isolate's remembered refusals (see the module comment). */
export const refusals = new RefusalBook();

async function askLimiter(c: Context<AppEnv>, key: string, limit: number, windowMs: number) {
  const askedAt = Date.now();
  const decision = await hitRateLimit(c, key, limit, windowMs);
  if (decision) refusals.store(key, decision, askedAt);
  return decision;
}

function blockedDetail(reason: string): string {
  return reason === "revoked" ? "The API key has been revoked" : "This credential is blocked";
}

/** The limiter key of an API key (also the object that carries its revocation). */
export function apiKeyLimiterKey(keyId: string): string {
  return `key:${keyId}`;
}

export function rateLimit(options: RateLimitOptions = {}) {
  const windowMs = options.windowMs ?? 60_000;
  return createMiddleware<AppEnv>(async function rateLimitMiddleware(c, next) {
    const limit = options.limit?.(c) ?? c.var.config.RATE_LIMIT_PER_MINUTE;
    const key = (options.key ?? defaultKey)(c);
    const decision = refusals.take(key, limit) ?? (await askLimiter(c, key, limit, windowMs));
    if (!decision) return next();
    if (decision.blocked) {
      if (c.var.principal?.apiKeyId) forgetApiKey(c.var.principal.apiKeyId);
      throw new ApiError(
        decision.blocked === "revoked" ? "api_key_revoked" : "forbidden",
        blockedDetail(decision.blocked),
      );
    }
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
