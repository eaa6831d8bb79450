import { describe, expect, it } from "vitest";
import { type IcpLead, IcpProfileSchema, scoreLead } from "./score.ts";

const lists = {
  isFreeMail: (d: string) => ["gmail.com", "outlook.com"].includes(d),
  isDisposable: (d: string) => d === "mailinator.com",
};
const profile = IcpProfileSchema.parse({
  seniorities: ["c_suite", "vp"],
  departments: ["sales", "marketing"],
  industries: ["Software & SaaS"],
  sizes: ["51-200", "201-500"],
  technologies: ["HubSpot"],
  countries: ["DE"],
  disqualifiers: { domains: ["rival.test"] },
});
const lead = (over: Partial<IcpLead> = {}): IcpLead => ({
  email: "ann@acme.test",
  company_domain: "acme.test",
  seniority: "vp",
  department: "sales",
  industry: "Software & SaaS",
  size: "51-200",
  technologies: ["HubSpot", "Stripe"],
  country: "DE",
  verify_status: "valid",
  ...over,
});
const sum = (r: { points: number }[]) => r.reduce((n, x) => n + x.points, 0);

describe("scoreLead", () => {
  it("gives 100 to a lead that matches everything, with reasons that sum to the score", () => {
    const s = scoreLead(profile, lead(), lists);
    expect(s.score).toBe(100);
    expect(sum(s.reasons)).toBe(100);
    expect(s.reasons.map((r) => r.code)).toEqual([
      "seniority_match",
      "department_match",
      "industry_match",
      "size_match",
      "technology_match",
      "country_match",
      "deliverable",
    ]);
    expect(s.gaps).toEqual([]);
  });

  it("scores partial matches by weight, flags missing inputs as gaps", () => {
    const s = scoreLead(
      profile,
      lead({ seniority: "entry", industry: null, technologies: [], verify_status: "risky_catch_all" }),
      lists,
    );
    // Out of 100 weight: department 15 + size 10 + country 5 + half of deliverability 10 = 40.
    expect(s.score).toBe(40);
    expect(sum(s.reasons)).toBe(40);
    expect(s.gaps).toEqual(["industry_unknown", "technology_unknown"]);
    expect(s.reasons.find((r) => r.code === "seniority_miss")).toMatchObject({ points: 0, detail: "entry" });
    expect(scoreLead(profile, lead({ verify_status: "unknown_timeout" }), lists).gaps).toEqual([
      "not_verified",
    ]);
  });

  it("gates on disqualifiers before any points", () => {
    for (const [over, code] of [
      [{ email: "ann@gmail.com" }, "free_mail"],
      [{ email: "x@mailinator.com" }, "disposable_domain"],
      [{ email: "ann@rival.test", company_domain: "rival.test" }, "excluded_domain"],
      [{ email: "ann@eu.rival.test" }, "excluded_domain"],
      [{ verify_status: "invalid" }, "verify_status"],
    ] as const) {
      const s = scoreLead(profile, lead(over), lists);
      expect(s).toMatchObject({
        score: 0,
        disqualified: code,
        reasons: [{ code: `disqualified_${code}`, points: 0 }],
      });
    }
    const lenient = IcpProfileSchema.parse({ disqualifiers: { free_mail: false, verify_statuses: [] } });
    expect(scoreLead(lenient, lead({ email: "ann@gmail.com" }), lists).disqualified).toBeNull();
  });

  it("only counts the dimensions the profile targets, and its points always sum to the score", () => {
    const onlySeniority = IcpProfileSchema.parse({
      seniorities: ["vp"],
      weights: {
        seniority: 30,
        department: 0,
        industry: 0,
        size: 0,
        technology: 0,
        country: 0,
        deliverability: 10,
      },
    });
    expect(scoreLead(onlySeniority, lead(), lists).score).toBe(100);
    expect(scoreLead(onlySeniority, lead({ seniority: "manager" }), lists).score).toBe(25);
    const statuses = ["valid", "risky_full_inbox", "unknown", "not_verified"];
    const values = ["vp", "c_suite", "entry", null];
    for (let i = 0; i < 200; i++) {
      const s = scoreLead(
        profile,
        lead({
          seniority: values[i % 4]!,
          department: i % 3 ? "sales" : null,
          size: i % 5 ? "51-200" : "5001+",
          technologies: i % 2 ? ["HubSpot"] : [],
          country: i % 7 ? "DE" : "FR",
          verify_status: statuses[i % 4]!,
        }),
        lists,
      );
      expect(sum(s.reasons)).toBe(s.score);
      expect(s.score).toBeGreaterThanOrEqual(0);
      expect(s.score).toBeLessThanOrEqual(100);
    }
  });

  it("rejects unknown profile keys and bad weights", () => {
    expect(IcpProfileSchema.safeParse({ colour: "red" }).success).toBe(false);
    expect(IcpProfileSchema.safeParse({ weights: { seniority: 101 } }).success).toBe(false);
    expect(IcpProfileSchema.safeParse({ countries: ["Germany"] }).success).toBe(false);
  });
});
