import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { countHit, type RateLimiter } from "./rate-limiter.ts";

describe("countHit (fixed window)", () => {
  it("allows up to the limit, then refuses until the window ends", () => {
    let state: { start: number; count: number } | undefined;
    const decisions = [];
    for (let i = 0; i < 4; i++) {
      const { next, decision } = countHit(state, 1_000 + i, 3, 60_000);
      state = next;
      decisions.push(decision);
    }
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0]);
    expect(decisions[3]).toMatchObject({ retryAfter: 60, resetAt: 61 });
    const after = countHit(state, 61_000, 3, 60_000);
    expect(after.decision).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("a refused hit does not extend or inflate the window", () => {
    const { next } = countHit({ start: 0, count: 5 }, 10_000, 5, 60_000);
    expect(next).toEqual({ start: 0, count: 5 });
  });
});

describe("RateLimiter Durable Object", () => {
  it("counts exactly across concurrent calls", async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("unit-test-key"));
    const results = await Promise.all(Array.from({ length: 25 }, () => stub.hit(20, 60_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.filter((r) => !r.allowed)).toHaveLength(5);
    await stub.reset();
    expect((await stub.hit(20, 60_000)).remaining).toBe(19);
  });

  it("keeps short windows in memory only, and long windows in storage too", async () => {
    const short = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("short-window"));
    await short.hit(5, 60_000);
    await runInDurableObject(short, (_instance: RateLimiter, state) => {
      expect(state.storage.kv.get("w")).toBeUndefined();
    });
    const long = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("long-window"));
    await long.hit(5, 15 * 60_000);
    await long.hit(5, 15 * 60_000);
    await runInDurableObject(long, (_instance: RateLimiter, state) => {
      expect(state.storage.kv.get<{ count: number }>("w")?.count).toBe(2);
    });
  });

  it("a long window survives the object being reloaded from storage", async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("reloaded"));
    for (let i = 0; i < 3; i++) await stub.hit(3, 15 * 60_000);
    // A fresh instance over the same storage: what an eviction leaves behind.
    await runInDurableObject(stub, (instance: RateLimiter, state) => {
      const fresh = new (instance.constructor as new (s: DurableObjectState, e: unknown) => RateLimiter)(
        state,
        env,
      );
      expect(fresh.hit(3, 15 * 60_000).allowed).toBe(false);
    });
  });
});

describe("leases", () => {
  it("grant several requests at once but never past the limit", () => {
    const first = countHit(undefined, 0, 10, 60_000, 6);
    expect(first.decision).toMatchObject({ allowed: true, granted: 6, remaining: 4 });
    const second = countHit(first.next, 1, 10, 60_000, 6);
    expect(second.decision).toMatchObject({ allowed: true, granted: 4, remaining: 0 });
    const third = countHit(second.next, 2, 10, 60_000, 6);
    expect(third.decision).toMatchObject({ allowed: false, granted: 0 });
  });

  it("a blocked limiter refuses every hit with its reason, even after reloading", async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("blocked-key"));
    expect((await stub.hit(100, 60_000)).allowed).toBe(true);
    await stub.block("revoked");
    expect(await stub.hit(100, 60_000, 10)).toMatchObject({ allowed: false, granted: 0, blocked: "revoked" });
    await runInDurableObject(stub, (instance: RateLimiter, state) => {
      const fresh = new (instance.constructor as new (s: DurableObjectState, e: unknown) => RateLimiter)(
        state,
        env,
      );
      expect(fresh.hit(100, 60_000).blocked).toBe("revoked");
    });
  });
});
