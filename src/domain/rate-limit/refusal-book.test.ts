/** The isolate's memory of refusals: repeated until the limiter's next free slot, never past it. */
import { describe, expect, it } from "vitest";
import type { RateLimitDecision } from "./rate-window.ts";
import { RefusalBook } from "./refusal-book.ts";

const refused = (retryAfterMs: number, limit = 10): RateLimitDecision => ({
  allowed: false,
  granted: 0,
  limit,
  remaining: 0,
  resetAt: 100,
  retryAfter: Math.ceil(retryAfterMs / 1000),
  retryAfterMs,
});

describe("RefusalBook", () => {
  it("repeats a refusal until the moment a request would fit, with the wait counting down", () => {
    const book = new RefusalBook();
    book.store("k", refused(5_000), 1_000);
    expect(book.take("k", 10, 2_000)).toMatchObject({ allowed: false, retryAfterMs: 4_000, retryAfter: 4 });
    expect(book.take("k", 10, 5_999)).toMatchObject({ retryAfterMs: 1, retryAfter: 1 });
    expect(book.take("k", 10, 6_000)).toBeUndefined();
    expect(book.take("k", 10, 2_000)).toBeUndefined(); // gone once expired
  });

  it("forgets a refusal when the limit changes, and ignores grants and blocks", () => {
    const book = new RefusalBook();
    book.store("k", refused(5_000, 10), 0);
    expect(book.take("k", 20, 1)).toBeUndefined();
    book.store("a", { ...refused(0), allowed: true }, 0);
    book.store("b", { ...refused(5_000), blocked: "revoked" }, 0);
    expect(book.take("a", 10, 1)).toBeUndefined();
    expect(book.take("b", 10, 1)).toBeUndefined();
    book.store("c", refused(5_000), 0);
    book.forget("c");
    expect(book.take("c", 10, 1)).toBeUndefined();
  });
});
