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
  it("counts exactly across calls and keeps the window in storage", async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("unit-test-key"));
    const results = await Promise.all(Array.from({ length: 25 }, () => stub.hit(20, 60_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.filter((r) => !r.allowed)).toHaveLength(5);
    await runInDurableObject(stub, (_instance: RateLimiter, state) => {
      expect(state.storage.kv.get<{ count: number }>("w")?.count).toBe(20);
    });
    await stub.reset();
    expect((await stub.hit(20, 60_000)).remaining).toBe(19);
  });
});
