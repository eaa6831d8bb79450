import { describe, expect, it } from "vitest";
import { toFtsQuery } from "./fts-query.ts";

describe("toFtsQuery", () => {
  it("quotes words and joins them with AND", () => {
    expect(toFtsQuery("jane smith")).toEqual({ match: '"jane" AND "smith"', terms: ["jane", "smith"] });
  });

  it("keeps prefixes and phrases", () => {
    expect(toFtsQuery('eng* "head of sales"').match).toBe('"eng"* AND "head of sales"');
    expect(toFtsQuery("a*").match).toBe('"a"');
  });

  it("neutralises FTS syntax and stray quotes", () => {
    for (const evil of [
      "NEAR(a b)",
      "title:ceo",
      "-foo",
      "^start",
      "a OR b",
      '"unbalanced',
      'x" AND "y',
      "(((",
      "*",
    ]) {
      const { match } = toFtsQuery(evil);
      if (match === null) continue;
      // Every term is a quoted string, optionally followed by *, joined by AND.
      expect(match).toMatch(/^"(?:[^"]|"")*"\*?(?: AND "(?:[^"]|"")*"\*?)*$/);
    }
    expect(toFtsQuery("a OR b").match).toBe('"a" AND "OR" AND "b"');
  });

  it("returns null when nothing searchable was typed, and bounds the terms", () => {
    expect(toFtsQuery("   ").match).toBeNull();
    expect(toFtsQuery("!!! ---").match).toBeNull();
    expect(toFtsQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(" ")).terms).toHaveLength(12);
  });

  it("keeps emails and accented words as terms the tokenizer will split the same way", () => {
    expect(toFtsQuery("jane.smith@acme.io").match).toBe('"jane.smith@acme.io"');
    expect(toFtsQuery("Müller").match).toBe('"Müller"');
  });
});
