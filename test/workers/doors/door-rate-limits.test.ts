/**
 * Each door's request limits (docs/plans.md, "Rate limits"): seed 003's hourly limit per API key
 * with its per-minute burst, seed 001's 1,000 per 15 minutes, exact under 50 parallel requests,
 * with the headers that bind and a 429 in the door's dialect; a revoked key is refused on every
 * door's limiter.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";

/**
 * Door 003's authenticated routes today are the IP rotation's, for platform administrators, who
 * sign in (an API key never carries platform rights): the limit counts per token's user as per key.
 */
async function limitTenant(caller: Caller, limits: Record<string, number>) {
  await caller.makePlatformAdmin();
  await env.DB.prepare("UPDATE tenants SET limits = ? WHERE id = ?")
    .bind(JSON.stringify(limits), caller.tenantId)
    .run();
}

const status003 = (headers: Record<string, string>) => call("GET", "/api/v1/ip-rotation/status", { headers });

describe("door 003 (seed 003): per API key, an hour and a burst", () => {
  it("50 parallel requests against a burst of 10: exactly 10 pass, 40 get 429 with Retry-After", async () => {
    const owner = Caller.newTenant();
    await limitTenant(owner, { burst_per_minute: 10 });
    const headers = await owner.accessHeaders();
    const answers = await Promise.all(Array.from({ length: 50 }, () => status003(headers)));
    const passed = answers.filter((r) => r.status !== 429);
    const refused = answers.filter((r) => r.status === 429);
    expect(passed).toHaveLength(10);
    expect(refused).toHaveLength(40);
    for (const res of passed) {
      expect(res.headers.get("X-RateLimit-Limit")).toBe("10");
      expect(Number(res.headers.get("X-RateLimit-Remaining"))).toBeLessThan(10);
      expect(Number(res.headers.get("X-RateLimit-Reset"))).toBeGreaterThan(Date.now() / 1000);
      expect(res.headers.get("RateLimit-Policy")).toBe('"burst";q=10;w=60');
    }
    const remaining = passed.map((r) => Number(r.headers.get("X-RateLimit-Remaining"))).sort((a, b) => a - b);
    expect(remaining).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const res of refused) {
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect(res.headers.get("X-RateLimit-Remaining")).toBe("0");
    }
    const body = await expectError(refused[0]!, 429, "rate_limited");
    expect(body.error).toMatchObject({ code: "rate_limited", request_id: expect.any(String) });
  });

  it("the hour binds when it has fewer left than the burst; each caller counts on its own", async () => {
    const owner = Caller.newTenant();
    await limitTenant(owner, { requests_per_hour: 3, burst_per_minute: 100 });
    const colleague = await owner.colleague().makePlatformAdmin();
    const first = await owner.accessHeaders();
    const second = await colleague.accessHeaders();
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 4; i++) {
      last = await status003(first);
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 3).every((s) => s !== 429)).toBe(true);
    expect(statuses[3]).toBe(429);
    expect(last!.headers.get("RateLimit-Policy")).toBe('"hour";q=3;w=3600');
    const other = await status003(second);
    expect(other.status).not.toBe(429);
    expect(other.headers.get("X-RateLimit-Limit")).toBe("3");
  });

  it("uses the plan's numbers without overrides (seed 003: 1,000 an hour, 100 a minute)", async () => {
    const owner = await Caller.newTenant().makePlatformAdmin();
    const res = await status003(await owner.accessHeaders());
    expect(res.headers.get("X-RateLimit-Limit")).toBe("100");
    expect(res.headers.get("X-RateLimit-Remaining")).toBe("99");
  });

  it("a revoked key is refused on this door's limiter too", async () => {
    const owner = await Caller.newTenant().provision();
    const { id, key } = await owner.createApiKey(["read"]);
    // A door 003 route an API key may call: 403 (platform administrators only) comes after the limiter.
    expect((await status003({ "X-API-Key": key })).status).toBe(403);
    const revoked = await call("DELETE", `/api-keys/${id}`, { headers: owner.devHeaders() });
    expect(revoked.status).toBeLessThan(300);
    await expectError(await status003({ "X-API-Key": key }), 401, "api_key_revoked");
  });
});

describe("door 001 (seed 001): 1,000 requests per 15 minutes per user", () => {
  it("counts on its own window and says so in the headers", async () => {
    const owner = Caller.newTenant();
    const headers = await owner.accessHeaders();
    const res = await call("GET", "/api/subscriptions/current", { headers });
    expect(res.status).toBe(200);
    expect(res.headers.get("X-RateLimit-Limit")).toBe("1000");
    expect(res.headers.get("X-RateLimit-Remaining")).toBe("999");
    expect(res.headers.get("RateLimit-Policy")).toBe('"default";q=1000;w=900');
    expect((await json(res)).subscription.plan_id).toBe("starter");
  });
});
