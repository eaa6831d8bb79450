import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker.ts";

function clockedBreaker() {
  let now = 1_000_000;
  const breaker = new CircuitBreaker({ failureThreshold: 3, openMs: 10_000, now: () => now });
  return { breaker, advance: (ms: number) => (now += ms) };
}

describe("CircuitBreaker", () => {
  it("stays closed below the threshold and resets on success", () => {
    const { breaker } = clockedBreaker();
    breaker.recordFailure();
    breaker.recordFailure();
    breaker.recordSuccess();
    breaker.recordFailure();
    breaker.recordFailure();
    expect(breaker.state).toBe("closed");
    expect(breaker.tryAcquire()).toBe(true);
  });

  it("opens after consecutive failures and refuses calls while open", () => {
    const { breaker, advance } = clockedBreaker();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    expect(breaker.state).toBe("open");
    expect(breaker.tryAcquire()).toBe(false);
    advance(4_000);
    expect(breaker.snapshot()).toMatchObject({ state: "open", consecutive_failures: 3, retry_in_ms: 6_000 });
  });

  it("lets exactly one probe through when half open; success closes it", () => {
    const { breaker, advance } = clockedBreaker();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    advance(10_000);
    expect(breaker.state).toBe("half_open");
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.recordSuccess();
    expect(breaker.state).toBe("closed");
    expect(breaker.snapshot()).toEqual({
      state: "closed",
      consecutive_failures: 0,
      opened_at: null,
      retry_in_ms: null,
    });
  });

  it("reopens for a full period when the probe fails", () => {
    const { breaker, advance } = clockedBreaker();
    for (let i = 0; i < 3; i++) breaker.recordFailure();
    advance(10_000);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.recordFailure();
    expect(breaker.state).toBe("open");
    advance(9_999);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.tryAcquire()).toBe(true);
  });
});
