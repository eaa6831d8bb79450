import { describe, expect, it } from "vitest";
import { baselineIcpScore } from "./icp-score.ts";

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
