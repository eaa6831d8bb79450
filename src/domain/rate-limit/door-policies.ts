/**
 * Which request limits bind on which door (docs/plans.md, "Rate limits"): each seed promised its
 * own, and each is counted on its own limiter object per caller. Pure: the middleware counts them.
 *
 * - 000 and 004: RATE_LIMIT_PER_MINUTE per API key or user (today's limit; seed 004 names none);
 * - 001: seed 001's 1,000 requests per 15 minutes per user or API key (RATE_LIMIT_001_PER_15_MIN);
 * - 002: the plan's requests per minute (seed 002: 10 / 60 / 300 for free / pro / enterprise);
 * - 003: the plan's requests per hour per API key (seed 003: 1,000) and its per-minute burst (100).
 *
 * A tenant's own `limits` override the plan's numbers (domain/billing/credits.ts).
 */
import type { EffectiveLimits } from "../billing/credits.ts";

export type DoorName = "000" | "001" | "002" | "003" | "004";

/** One window a request is counted in. */
export interface RatePolicy {
  /** The window's name: part of the limiter key, and the IETF RateLimit-Policy item's name. */
  name: string;
  limit: number;
  windowMs: number;
}

/** Seed 001's per-user window (its limit is RATE_LIMIT_001_PER_15_MIN, 1,000 by default). */
export const SEED_001_WINDOW_MS = 15 * 60_000;

/** The settings behind the doors whose limits are not the plan's. */
export interface PolicyDefaults {
  perMinute: number;
  per15Min001: number;
}

/** Every window a door may count in, by name (revoking an API key blocks all of them). */
export const doorPolicyNames: Record<DoorName, readonly string[]> = {
  "000": ["minute"],
  "001": ["15min"],
  "002": ["minute"],
  "003": ["hour", "burst"],
  "004": ["minute"],
};

/** The windows a request on `door` is counted in; `limits` is needed by doors 002 and 003 only. */
export function doorPolicies(door: DoorName, defaults: PolicyDefaults, limits: EffectiveLimits | null) {
  const policies: RatePolicy[] = [];
  switch (door) {
    case "001":
      policies.push({ name: "15min", limit: defaults.per15Min001, windowMs: SEED_001_WINDOW_MS });
      break;
    case "002":
      policies.push({ name: "minute", limit: limits!.requests_per_minute, windowMs: 60_000 });
      break;
    case "003":
      policies.push(
        { name: "hour", limit: limits!.requests_per_hour, windowMs: 3_600_000 },
        { name: "burst", limit: limits!.burst_per_minute, windowMs: 60_000 },
      );
      break;
    default:
      policies.push({ name: "minute", limit: defaults.perMinute, windowMs: 60_000 });
  }
  return policies;
}

/** Whether a door's limits depend on the caller's plan. */
export const planLimited = (door: DoorName) => door === "002" || door === "003";

/**
 * A caller's limiter key for one window of a door. Door 000 keeps the key it always had (so its
 * counts and an API key's revocation block carry over); the other doors add their own suffix.
 */
export function policyKey(callerKey: string, door: DoorName, policy: string): string {
  return door === "000" ? callerKey : `${callerKey}|${door}:${policy}`;
}

/** Every limiter key of one caller, on every door: what revoking an API key must block. */
export function allPolicyKeys(callerKey: string): string[] {
  return (Object.keys(doorPolicyNames) as DoorName[]).flatMap((door) =>
    doorPolicyNames[door].map((name) => policyKey(callerKey, door, name)),
  );
}
