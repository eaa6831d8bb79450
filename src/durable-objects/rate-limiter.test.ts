/** The RateLimiter object: exact counts under concurrency, storage that survives eviction, blocks. */
import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { RateLimiter } from "./rate-limiter.ts";

/** A fresh instance over the same storage: what hibernation, eviction or a deploy leaves behind. */
function reloaded(instance: RateLimiter, state: DurableObjectState): RateLimiter {
  return new (instance.constructor as new (s: DurableObjectState, e: unknown) => RateLimiter)(state, env);
}

describe("RateLimiter Durable Object", () => {
  it("counts exactly across concurrent calls", async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("unit-test-key"));
    const results = await Promise.all(Array.from({ length: 25 }, () => stub.hit(20, 60_000)));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    expect(results.filter((r) => !r.allowed)).toHaveLength(5);
    const refusal = results.find((r) => !r.allowed)!;
    expect(refusal.retryAfterMs).toBeGreaterThan(59_000);
    expect(refusal.retryAfter).toBe(60);
    await stub.reset();
    expect((await stub.hit(20, 60_000)).remaining).toBe(19);
  });

  it("a window of any length survives the object being dropped from memory", async () => {
    for (const windowMs of [60_000, 15 * 60_000]) {
      const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`reloaded-${windowMs}`));
      for (let i = 0; i < 3; i++) await stub.hit(3, windowMs);
      await runInDurableObject(stub, async (instance: RateLimiter, state) => {
        const fresh = reloaded(instance, state);
        expect(await fresh.hit(3, windowMs)).toMatchObject({ allowed: false, remaining: 0 });
        expect(await fresh.hit(4, windowMs)).toMatchObject({ allowed: true, remaining: 0 });
      });
    }
  });

  it("keeps only the requests still in the window in storage", async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("pruned"));
    for (let i = 0; i < 3; i++) await stub.hit(10, 1);
    await new Promise((r) => setTimeout(r, 5));
    await stub.hit(10, 1);
    await runInDurableObject(stub, (_instance: RateLimiter, state) => {
      const rows = state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM granted").one();
      expect(rows.n).toBe(1);
    });
  });

  it("a blocked limiter refuses every hit with its reason, even after reloading", async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("blocked-key"));
    expect((await stub.hit(100, 60_000)).allowed).toBe(true);
    await stub.block("revoked");
    expect(await stub.hit(100, 60_000)).toMatchObject({ allowed: false, blocked: "revoked" });
    await runInDurableObject(stub, async (instance: RateLimiter, state) => {
      expect((await reloaded(instance, state).hit(100, 60_000)).blocked).toBe("revoked");
    });
  });

  it("leases ahead, takes unused leased requests back, and keeps open leases across a reload", async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("leases"));
    const first = await stub.hit(100, 60_000, 50);
    expect(first).toMatchObject({ allowed: true, granted: 25, remaining: 75 });
    expect(first.leaseId).toBeTruthy();
    await runInDurableObject(stub, async (instance: RateLimiter, state) => {
      // The open lease is in storage: a reloaded object still counts it as reserved.
      expect((await reloaded(instance, state).hit(100, 60_000)).remaining).toBe(74);
    });
    await stub.settle([{ leaseId: first.leaseId!, rttMs: 1, usedAfterMs: [0, 1, 2] }]);
    // 1 + 3 leased uses + the reloaded object's hit... the live object saw 1 + 3 and now 1 more.
    expect((await stub.hit(100, 60_000)).remaining).toBe(95);
  });

  it("makes a request wait for a lease to be settled rather than refuse it", async () => {
    const stub = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName("waits"));
    const first = await stub.hit(9, 60_000, 50); // 1 + a lease of 2 (a quarter of the 8 left)
    expect(first.granted).toBe(3);
    for (let i = 0; i < 6; i++) expect((await stub.hit(9, 60_000)).allowed).toBe(true);
    const waiting = stub.hit(9, 60_000);
    await stub.settle([{ leaseId: first.leaseId!, rttMs: 0, usedAfterMs: [] }]);
    expect(await waiting).toMatchObject({ allowed: true, remaining: 1 });
  });
});
