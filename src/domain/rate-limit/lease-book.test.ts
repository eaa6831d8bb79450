import { describe, expect, it } from "vitest";
import type { RateLimitDecision } from "../../durable-objects/rate-limiter.ts";
import { LeaseBook } from "./lease-book.ts";

const granted = (n: number, remaining: number): RateLimitDecision => ({
  allowed: true,
  granted: n,
  limit: 1000,
  remaining,
  resetAt: 2_000_000,
  retryAfter: 0,
});

describe("LeaseBook", () => {
  it("spends a lease locally and reports what is left for the caller", () => {
    const book = new LeaseBook(2000);
    const first = book.store("k", 1000, granted(5, 900), 0);
    expect(first.remaining).toBe(904);
    const spent = [1, 2, 3, 4].map(() => book.take("k", 1000, 10)?.remaining);
    expect(spent).toEqual([903, 902, 901, 900]);
    expect(book.take("k", 1000, 10)).toBeUndefined();
  });

  it("ends a lease at its time to live, at the window's end, or when the limit changes", () => {
    const book = new LeaseBook(2000);
    book.store("k", 1000, granted(5, 900), 0);
    expect(book.take("k", 1000, 2000)).toBeUndefined();
    book.store("k", 1000, { ...granted(5, 900), resetAt: 1 }, 0);
    expect(book.take("k", 1000, 1000)).toBeUndefined();
    book.store("k", 1000, granted(5, 900), 0);
    expect(book.take("k", 999, 10)).toBeUndefined();
  });

  it("keeps nothing for single grants, refusals and forgotten keys", () => {
    const book = new LeaseBook(2000);
    book.store("k", 1000, granted(1, 10), 0);
    expect(book.take("k", 1000, 1)).toBeUndefined();
    book.store("k", 1000, { ...granted(0, 0), allowed: false }, 0);
    expect(book.take("k", 1000, 1)).toBeUndefined();
    book.store("k", 1000, granted(5, 10), 0);
    book.forget("k");
    expect(book.take("k", 1000, 1)).toBeUndefined();
  });
});
