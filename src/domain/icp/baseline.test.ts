import { describe, expect, it } from "vitest";
import { baselineBreakdown, baselineIcpScore } from "./baseline.ts";

const person = (over: Partial<Parameters<typeof baselineIcpScore>[0]> = {}) =>
  baselineIcpScore({
    type: "personal",
    title: "CEO",
    seniority: "c_suite",
    department: "executive",
    verifyStatus: "valid",
    ...over,
  });

describe("baselineIcpScore", () => {
  it("adds seniority, department, deliverability and a title", () => {
    expect(person()).toBe(45 + 20 + 30 + 5);
    expect(person({ seniority: "intern", department: "other", verifyStatus: "invalid", title: null })).toBe(
      0 + 8,
    );
    expect(person({ seniority: null, department: null, verifyStatus: "unknown_timeout", title: null })).toBe(
      8 + 4 + 8,
    );
  });

  it("ranks seniority and reachability as documented", () => {
    expect(person({ seniority: "vp" })).toBeLessThan(person());
    expect(person({ seniority: "manager" })).toBeLessThan(person({ seniority: "director" }));
    expect(person({ verifyStatus: "risky_catch_all" })).toBe(person() - 15);
    expect(person({ department: "engineering" })).toBe(person() - 6);
  });

  it("scores generic mailboxes on deliverability alone, halved, always within 0..100", () => {
    expect(
      baselineIcpScore({
        type: "generic",
        title: null,
        seniority: null,
        department: null,
        verifyStatus: "valid",
      }),
    ).toBe(15);
    for (const s of ["valid", "invalid", "risky_full_inbox", "unknown", "not_verified"]) {
      const score = person({ verifyStatus: s });
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100);
    }
  });
});

describe("baselineBreakdown", () => {
  const sum = (r: { points: number }[]) => r.reduce((n, x) => n + x.points, 0);

  it("explains the score with reasons whose points sum to it", () => {
    const b = baselineBreakdown({
      type: "personal",
      title: "VP Sales",
      seniority: "vp",
      department: "sales",
      verifyStatus: "risky_catch_all",
    });
    expect(b.score).toBe(40 + 20 + 15 + 5);
    expect(sum(b.reasons)).toBe(b.score);
    expect(b.reasons.map((r) => [r.code, r.points])).toEqual([
      ["seniority", 40],
      ["department", 20],
      ["deliverability", 15],
      ["title", 5],
    ]);
    expect(b.gaps).toEqual([]);
  });

  it("flags what it lacks as data gaps", () => {
    const b = baselineBreakdown({
      type: "personal",
      title: null,
      seniority: null,
      department: null,
      verifyStatus: "unknown_timeout",
    });
    expect(b.gaps).toEqual(["seniority_unknown", "department_unknown", "not_verified"]);
    expect(sum(b.reasons)).toBe(b.score);
    const generic = baselineBreakdown({
      type: "generic",
      title: null,
      seniority: null,
      department: null,
      verifyStatus: "valid",
    });
    expect(generic).toEqual({
      score: 15,
      reasons: [{ code: "generic_mailbox", points: 15, detail: "valid" }],
      gaps: [],
      disqualified: null,
    });
  });
});
