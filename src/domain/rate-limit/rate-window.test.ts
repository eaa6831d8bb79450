/**
 * The limit against its promise (fast-check, fixed seed), simulated end to
 * end: several isolates, each with its own LeaseBook, send requests at
 * random times to one RateWindow; leases are settled when used up (on the
 * next call) or when they run out (the isolate's timer). Whatever the
 * arrivals: never more than the limit in any window, and a refusal only
 * when the window ending at it holds the limit in requests really admitted.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LeaseBook } from "./lease-book.ts";
import { LEASE_SETTLE_GRACE_MS as GRACE, type LeaseUse, RateWindow } from "./rate-window.ts";
import { SlidingWindowLog } from "./sliding-window.ts";

const TTL = 2_000;
const inWindow = (times: number[], t: number, w: number) => times.filter((g) => g > t - w && g <= t).length;

interface Arrival {
  at: number;
  isolate: number;
}

/** Runs the arrivals through isolates and one limiter; returns admission and refusal times. */
function simulate(arrivals: Arrival[], limit: number, windowMs: number, isolates: number, want: number) {
  const window = new RateWindow();
  const books = Array.from({ length: isolates }, () => new LeaseBook());
  const admitted: number[] = [];
  const refused: number[] = [];
  let ids = 0;
  // Events: [time, kind, isolate, leaseId?]; requests told to wait come back when told.
  const queue: { at: number; kind: "request" | "expire"; isolate: number; leaseId?: string }[] = arrivals.map(
    (a) => ({ at: a.at, kind: "request" as const, isolate: a.isolate }),
  );
  const settle = (use: LeaseUse | undefined, now: number) => {
    if (use) window.settle(use, now);
  };
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at || (a.kind === "expire" ? -1 : 1));
    const event = queue.shift()!;
    const now = event.at;
    const book = books[event.isolate]!;
    if (event.kind === "expire") {
      settle(book.release("k", event.leaseId), now);
      continue;
    }
    if (book.take("k", limit, now)) {
      admitted.push(now);
      continue;
    }
    settle(book.release("k"), now);
    window.expire(now);
    const result = window.take(now, limit, windowMs, want, TTL, () => `lease-${++ids}`);
    if (result.kind === "wait") {
      queue.push({ at: result.untilMs, kind: "request", isolate: event.isolate });
      continue;
    }
    const d = result.decision;
    if (!d.allowed) {
      refused.push(now);
      continue;
    }
    admitted.push(now);
    settle(book.store("k", limit, d, { sentAt: now, receivedAt: now, leaseMs: TTL }).displaced, now);
    if (d.leaseId) queue.push({ at: now + TTL, kind: "expire", isolate: event.isolate, leaseId: d.leaseId });
  }
  return { admitted: admitted.sort((a, b) => a - b), refused };
}

const arrivals = (isolates: number) =>
  fc
    .array(
      fc.record({
        // Mostly bursts (a window fills while another isolate sits on a lease), now and then a pause.
        gap: fc.oneof(
          { weight: 3, arbitrary: fc.integer({ min: 0, max: 5 }) },
          { weight: 1, arbitrary: fc.integer({ min: 0, max: 400 }) },
        ),
        isolate: fc.integer({ min: 0, max: isolates - 1 }),
      }),
      {
        minLength: 1,
        maxLength: 500,
      },
    )
    .map((steps) => {
      let t = 0;
      return steps.map((s) => {
        t += s.gap;
        return { at: t, isolate: s.isolate };
      });
    });

describe("RateWindow with leases, simulated", () => {
  it("never admits more than the limit in a window, and refuses only a window full of real requests", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 4 })
          .chain((isolates) =>
            fc.tuple(
              fc.constant(isolates),
              arrivals(isolates),
              fc.integer({ min: 1, max: 60 }),
              fc.integer({ min: 500, max: 6_000 }),
              fc.integer({ min: 1, max: 12 }),
            ),
          ),
        ([isolates, times, limit, windowMs, want]) => {
          const { admitted, refused } = simulate(times, limit, windowMs, isolates, want);
          expect(admitted.length + refused.length).toBe(times.length);
          for (const g of admitted) expect(inWindow(admitted, g, windowMs)).toBeLessThanOrEqual(limit);
          for (const r of refused) expect(inWindow(admitted, r, windowMs)).toBe(limit);
        },
      ),
      { seed: 20261201, numRuns: 300 },
    );
  });

  it("gives unused leased requests back", () => {
    const window = new RateWindow();
    window.expire(0);
    const first = window.take(0, 100, 60_000, 50, TTL, () => "a");
    expect(first.kind === "decided" && first.decision).toMatchObject({
      allowed: true,
      granted: 25,
      remaining: 75,
    });
    window.settle({ leaseId: "a", rttMs: 0, usedAfterMs: [5, 10] }, 20);
    expect(window.log.count(20, 60_000)).toBe(3);
    expect(window.outstanding()).toEqual([]);
  });

  it("counts a lease never settled as used at its expiry, and says to wait while it could still be", () => {
    const window = new RateWindow();
    const first = window.take(0, 8, 60_000, 50, TTL, () => "a");
    expect(first.kind === "decided" && first.decision.granted).toBe(2); // a quarter of the 7 left
    for (let i = 0; i < 6; i++) window.take(1, 8, 60_000, 1, TTL, () => "x");
    expect(window.take(2, 8, 60_000, 1, TTL, () => "x")).toEqual({ kind: "wait", untilMs: TTL + GRACE });
    expect(window.expire(TTL + GRACE)).toHaveLength(1);
    expect(window.log.entries().filter((t) => t === TTL)).toHaveLength(1);
    const after = window.take(TTL + GRACE, 8, 60_000, 1, TTL, () => "x");
    expect(after.kind === "decided" && after.decision).toMatchObject({
      allowed: false,
      retryAfterMs: 60_000 - TTL - GRACE,
    });
  });

  it("counts a settled use no earlier than it could have happened", () => {
    const window = new RateWindow();
    window.take(1_000, 100, 60_000, 50, TTL, () => "a");
    // The lease arrived after a 40 ms round trip; uses 10 and 3,000 ms after it (the latter past expiry: clamped).
    const outcome = window.settle({ leaseId: "a", rttMs: 40, usedAfterMs: [10, 3_000] }, 5_000);
    expect(outcome?.counted).toEqual([1_050, 1_000 + TTL]);
    expect(window.settle({ leaseId: "a", rttMs: 0, usedAfterMs: [1] }, 5_000)).toBeNull();
  });

  it("reports Retry-After to the first moment a request fits, and survives a reload", () => {
    const window = new RateWindow();
    for (let i = 0; i < 5; i++) window.take(1_000 + i, 5, 60_000, 1, TTL, () => "x");
    const refused = window.take(2_000, 5, 60_000, 1, TTL, () => "x");
    expect(refused.kind === "decided" && refused.decision).toMatchObject({
      allowed: false,
      retryAfterMs: 59_000,
      retryAfter: 59,
      resetAt: 61,
    });
    const reloaded = new RateWindow(new SlidingWindowLog(window.log.entries()), window.outstanding());
    const later = reloaded.take(61_000, 5, 60_000, 1, TTL, () => "x");
    expect(later.kind === "decided" && later.decision.allowed).toBe(true);
  });
});
