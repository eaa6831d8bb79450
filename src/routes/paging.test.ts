/** The doors' paging parameters: the seeds' defaults, the engine window they map to, refusals at the edges. */
import { describe, expect, it } from "vitest";
import {
  limitOffsetQuery003,
  MAX_OFFSET,
  MAX_PAGE_SIZE,
  page003,
  pageQuery001,
  pagination001,
  skipLimitQuery004,
  window001,
  window003,
  window004,
} from "./paging.ts";

describe("door 001: page/limit", () => {
  it("defaults to page 1 of 20 and maps to an offset", () => {
    const q = pageQuery001().parse({});
    expect(q).toEqual({ page: 1, limit: 20 });
    expect(window001(pageQuery001().parse({ page: "3", limit: "10" }))).toEqual({ offset: 20, limit: 10 });
  });

  it("answers the seed's pagination object, pages rounded up", () => {
    expect(pagination001({ page: 1, limit: 20 }, 45)).toEqual({ page: 1, limit: 20, total: 45, pages: 3 });
    expect(pagination001({ page: 1, limit: 20 }, 0)).toEqual({ page: 1, limit: 20, total: 0, pages: 0 });
  });

  it("refuses page 0, a limit over the maximum, and non-integers", () => {
    for (const bad of [{ page: "0" }, { limit: String(MAX_PAGE_SIZE + 1) }, { page: "1.5" }, { limit: "" }]) {
      expect(pageQuery001().safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("door 003: limit/offset", () => {
  it("defaults to 50 from 0 and echoes the window beside the total", () => {
    const q = limitOffsetQuery003().parse({});
    expect(window003(q)).toEqual({ offset: 0, limit: 50 });
    expect(page003(q, 1000)).toEqual({ total: 1000, limit: 50, offset: 0 });
  });

  it("refuses a negative offset and one past the maximum", () => {
    expect(limitOffsetQuery003().safeParse({ offset: "-1" }).success).toBe(false);
    expect(limitOffsetQuery003().safeParse({ offset: String(MAX_OFFSET + 1) }).success).toBe(false);
  });
});

describe("door 004: skip/limit", () => {
  it("defaults to 100 from 0, or the route's own default", () => {
    expect(window004(skipLimitQuery004().parse({}))).toEqual({ offset: 0, limit: 100 });
    expect(window004(skipLimitQuery004(50).parse({ skip: "10" }))).toEqual({ offset: 10, limit: 50 });
  });

  it("refuses limit 0", () => {
    expect(skipLimitQuery004().safeParse({ limit: "0" }).success).toBe(false);
  });
});
