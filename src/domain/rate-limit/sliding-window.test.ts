/**
 * The sliding-window log against its promise, on random arrival processes
 * (fast-check, fixed seed): never more than the limit in any window, and a
 * refusal only when the window ending at it already holds exactly the limit;
 * Retry-After names the first moment a request fits.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SlidingWindowLog } from "./sliding-window.ts";

/** Granted in the window (t - w, t]. */
const inWindow = (granted: number[], t: number, w: number) =>
  granted.filter((g) => g > t - w && g <= t).length;

const arrivals = fc.array(fc.integer({ min: 0, max: 200 }), { minLength: 1, maxLength: 400 }).map((gaps) => {
  let t = 0;
  return gaps.map((gap) => (t += gap));
});

describe("SlidingWindowLog", () => {
  it("grants at most the limit in every window, and refuses only a full window", () => {
    fc.assert(
      fc.property(
        arrivals,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 50, max: 5_000 }),
        (times, limit, w) => {
          const log = new SlidingWindowLog();
          const granted: number[] = [];
          const refused: { at: number; retryAfterMs: number }[] = [];
          for (const t of times) {
            const d = log.hit(t, limit, w);
            if (d.allowed) granted.push(t);
            else refused.push({ at: t, retryAfterMs: d.retryAfterMs });
            expect(d.remaining).toBe(d.allowed ? limit - inWindow(granted, t, w) : 0);
          }
          for (const g of granted) expect(inWindow(granted, g, w)).toBeLessThanOrEqual(limit);
          for (const r of refused) {
            expect(inWindow(granted, r.at, w)).toBe(limit);
            // The first moment a request fits, given what was granted up to the refusal.
            const before = granted.filter((g) => g <= r.at);
            expect(inWindow(before, r.at + r.retryAfterMs, w)).toBeLessThan(limit);
            expect(inWindow(before, r.at + r.retryAfterMs - 1, w)).toBe(limit);
          }
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it("admits the whole limit again one window after a burst, and reports the reset", () => {
    const log = new SlidingWindowLog();
    for (let i = 0; i < 5; i++) expect(log.hit(1_000 + i, 5, 60_000).allowed).toBe(true);
    const refused = log.hit(2_000, 5, 60_000);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfter: 59, retryAfterMs: 59_000 });
    expect(refused.resetAt).toBe(61);
    expect(log.hit(60_999, 5, 60_000).allowed).toBe(false);
    expect(log.hit(61_000, 5, 60_000)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("a lowered limit waits for enough requests to leave", () => {
    const log = new SlidingWindowLog();
    for (let i = 0; i < 10; i++) log.hit(i * 100, 10, 10_000);
    const d = log.hit(1_000, 4, 10_000);
    // 10 counted, limit 4: the 7th oldest (at 600) must leave.
    expect(d).toMatchObject({ allowed: false, retryAfterMs: 9_600 });
  });

  it("a clock that steps back does not reopen slots; entries survive a reload", () => {
    const log = new SlidingWindowLog();
    log.hit(10_000, 2, 1_000);
    log.hit(10_500, 2, 1_000);
    expect(log.hit(9_000, 2, 1_000).allowed).toBe(false);
    const reloaded = new SlidingWindowLog(log.entries());
    expect(reloaded.hit(10_900, 2, 1_000).allowed).toBe(false);
    expect(reloaded.hit(11_000, 2, 1_000).allowed).toBe(true);
    expect(reloaded.count(11_000, 1_000)).toBe(2);
  });
});
