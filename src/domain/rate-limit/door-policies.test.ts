/** Which windows bind on which door, and the limiter keys they count on. */
import { describe, expect, it } from "vitest";
import { effectiveLimits } from "../billing/credits.ts";
import { allPolicyKeys, doorPolicies, planLimited, policyKey } from "./door-policies.ts";

const free = effectiveLimits(
  {
    credits_per_period: 100,
    limits: {
      requests_per_minute: 10,
      requests_per_hour: 1000,
      burst_per_minute: 100,
      batch_size: 25,
      concurrent_batches: 1,
      live_connections: 10,
    },
  },
  { requests_per_minute: 7, batch_size: -1, burst_per_minute: "lots" },
);

const defaults = { perMinute: 600, per15Min001: 1000 };

describe("door policies", () => {
  it("each door counts what its seed promised", () => {
    expect(doorPolicies("000", defaults, null)).toEqual([{ name: "minute", limit: 600, windowMs: 60_000 }]);
    expect(doorPolicies("004", defaults, null)).toEqual([{ name: "minute", limit: 600, windowMs: 60_000 }]);
    expect(doorPolicies("001", defaults, null)).toEqual([{ name: "15min", limit: 1000, windowMs: 900_000 }]);
    expect(doorPolicies("002", defaults, free)).toEqual([{ name: "minute", limit: 7, windowMs: 60_000 }]);
    expect(doorPolicies("003", defaults, free)).toEqual([
      { name: "hour", limit: 1000, windowMs: 3_600_000 },
      { name: "burst", limit: 100, windowMs: 60_000 },
    ]);
    expect(["000", "001", "002", "003", "004"].filter((d) => planLimited(d as "000"))).toEqual([
      "002",
      "003",
    ]);
  });

  it("a tenant's overrides apply one by one; a bad override never lifts a limit", () => {
    expect(free.requests_per_minute).toBe(7);
    expect(free.batch_size).toBe(25);
    expect(free.burst_per_minute).toBe(100);
  });

  it("door 000 keeps its key; every other window has its own, and revocation reaches them all", () => {
    expect(policyKey("key:k1", "000", "minute")).toBe("key:k1");
    expect(policyKey("key:k1", "003", "burst")).toBe("key:k1|003:burst");
    expect(allPolicyKeys("key:k1")).toEqual([
      "key:k1",
      "key:k1|001:15min",
      "key:k1|002:minute",
      "key:k1|003:hour",
      "key:k1|003:burst",
      "key:k1|004:minute",
    ]);
  });
});
