/** GET/PUT /icp: the profile is stored and versioned, and saving it re-scores every lead as a run. */
import { describe, expect, it } from "vitest";
import { Caller, call, json } from "../helpers/api.ts";
import { ingest } from "../ingest/helpers.ts";
import { seedLeads } from "../leads/helpers.ts";
import { getIcp, pointsSum, putIcp, scores, waitForRun } from "./helpers.ts";

const PROFILE = {
  seniorities: ["c_suite", "vp"],
  departments: ["sales"],
  industries: ["Software & SaaS"],
  sizes: ["51-200"],
  technologies: ["HubSpot"],
  countries: [],
  disqualifiers: { domains: ["rival.test"] },
};

describe("GET /icp", () => {
  it("reports the baseline before any profile is saved", async () => {
    const owner = await Caller.newTenant().provision();
    expect(await getIcp(owner)).toEqual({
      scoring: "baseline",
      profile: null,
      version: 0,
      updated_by: null,
      updated_at: null,
      rescore_run: null,
    });
  });
});

describe("PUT /icp", () => {
  it("stores the profile with its defaults, versions it, and re-scores every lead", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [
      {
        email: "ceo@acme.test",
        title: "CEO",
        seniority: "c_suite",
        department: "executive",
        industry: "Software & SaaS",
        size: "51-200",
        technologies: ["HubSpot", "Stripe"],
      },
      {
        email: "vp.sales@acme.test",
        title: "VP Sales",
        seniority: "vp",
        department: "sales",
        industry: "Software & SaaS",
        size: "51-200",
        technologies: ["HubSpot"],
      },
      { email: "someone@rival.test", seniority: "vp", department: "sales" },
      { email: "jane.doe@gmail.com", seniority: "vp", department: "sales" },
      { email: "x@mailinator.com", seniority: "vp", department: "sales" },
      { email: "nobody@plain.test", verify_status: "unknown" },
      { email: "gone@acme.test", seniority: "vp", deleted_at: "2026-11-01T00:00:00.000Z" },
    ]);

    const res = await putIcp(owner, PROFILE);
    expect(res.status).toBe(200);
    const saved = await json(res);
    expect(saved).toMatchObject({ scoring: "profile", version: 1, updated_by: owner.userId });
    expect(saved.profile.weights).toEqual({
      seniority: 25,
      department: 15,
      industry: 15,
      size: 10,
      technology: 10,
      country: 5,
      deliverability: 20,
    });
    expect(saved.profile.disqualifiers).toEqual({
      free_mail: true,
      disposable: true,
      domains: ["rival.test"],
      verify_statuses: ["invalid"],
    });
    expect(saved.rescore_run).toMatchObject({ leads_total: 6, error: null });

    const run = await waitForRun(owner, saved.rescore_run.run_id);
    expect(run).toMatchObject({
      status: "succeeded",
      options: { mode: "rescore", profile_version: 1, leads_total: 6 },
      progress: { leads_total: 6, leads_found: 6, domains_total: 0 },
      domains: [],
    });
    const list = await json(await call("GET", "/runs", { headers: owner.devHeaders() }));
    expect(list.results.find((r: { id: string }) => r.id === run.run_id)).toMatchObject({ mode: "rescore" });

    const s = await scores(owner.tenantId);
    // Everything but country (no targets: not scored): 25+15+15+10+10+20 = 95 of weight, all matched.
    expect(s.get("vp.sales@acme.test")).toMatchObject({ icp_score: 100, data_gaps: [] });
    // Department misses (executive is not sales): 15 of 95 lost.
    expect(s.get("ceo@acme.test")!.icp_score).toBe(Math.round((80 * 100) / 95));
    expect(s.get("ceo@acme.test")!.icp_reasons.find((r) => r.code === "department_miss")).toEqual({
      code: "department_miss",
      points: 0,
      detail: "executive",
    });
    expect(s.get("someone@rival.test")!.icp_reasons).toEqual([
      { code: "disqualified_excluded_domain", points: 0, detail: "rival.test" },
    ]);
    expect(s.get("jane.doe@gmail.com")!.icp_reasons[0]!.code).toBe("disqualified_free_mail");
    expect(s.get("x@mailinator.com")!.icp_reasons[0]!.code).toBe("disqualified_disposable_domain");
    for (const code of ["someone@rival.test", "jane.doe@gmail.com", "x@mailinator.com"])
      expect(s.get(code)!.icp_score).toBe(0);
    expect(s.get("nobody@plain.test")!.data_gaps).toEqual([
      "seniority_unknown",
      "department_unknown",
      "industry_unknown",
      "size_unknown",
      "technology_unknown",
      "not_verified",
    ]);
    for (const lead of s.values())
      if (lead.email !== "gone@acme.test") expect(pointsSum(lead)).toBe(lead.icp_score);
    // A deleted lead is not re-scored (it keeps the seeded score and no reasons).
    expect(s.get("gone@acme.test")).toMatchObject({ icp_score: 50, icp_reasons: [] });

    const state = await getIcp(owner);
    expect(state).toMatchObject({ scoring: "profile", version: 1, profile: saved.profile });
    expect(state.rescore_run).toMatchObject({ run_id: run.run_id, status: "succeeded", leads_rescored: 6 });

    // Search shows the reasons and the gaps.
    const found = await json(await call("GET", "/leads/search?q=nobody", { headers: owner.devHeaders() }));
    expect(found.results[0]).toMatchObject({
      email: "nobody@plain.test",
      data_gaps: expect.arrayContaining(["seniority_unknown"]),
    });
    expect(pointsSum(found.results[0])).toBe(found.results[0].icp_score);
  });

  it("re-scores more leads than one page, and a second PUT bumps the version", async () => {
    const owner = Caller.newTenant();
    const many = Array.from({ length: 1_120 }, (_, i) => ({
      email: `p${String(i).padStart(4, "0")}@bulk.test`,
      seniority: i % 2 === 0 ? "vp" : "manager",
      department: "sales",
    }));
    await seedLeads(owner, many);
    const first = await json(await putIcp(owner, { seniorities: ["vp"], weights: { deliverability: 0 } }));
    expect((await waitForRun(owner, first.rescore_run.run_id)).progress).toMatchObject({
      leads_total: 1_120,
      leads_found: 1_120,
    });
    let s = await scores(owner.tenantId);
    expect([...s.values()].filter((l) => l.icp_score === 100)).toHaveLength(560);
    expect([...s.values()].filter((l) => l.icp_score === 0)).toHaveLength(560);

    const second = await json(
      await putIcp(owner, { seniorities: ["manager"], weights: { deliverability: 0 } }),
    );
    expect(second.version).toBe(2);
    await waitForRun(owner, second.rescore_run.run_id);
    s = await scores(owner.tenantId);
    expect(s.get("p0001@bulk.test")!.icp_score).toBe(100);
    expect(s.get("p0000@bulk.test")!.icp_score).toBe(0);
  }, 30_000);

  it("scores what an ingest writes with the saved profile, at once", async () => {
    const owner = await Caller.newTenant().provision();
    const saved = await json(
      await putIcp(owner, { seniorities: ["c_suite"], weights: { deliverability: 0 } }),
    );
    await waitForRun(owner, saved.rescore_run.run_id);
    const res = await ingest(owner, "email,title\nboss@new.test,CEO\nhelper@new.test,Intern\n");
    expect(res.status).toBe(200);
    const s = await scores(owner.tenantId);
    expect(s.get("boss@new.test")).toMatchObject({
      icp_score: 100,
      icp_reasons: [{ code: "seniority_match", points: 100, detail: "c_suite" }],
    });
    expect(s.get("helper@new.test")!.icp_score).toBe(0);
  });

  it("keeps the baseline, with its reasons, for a tenant without a profile", async () => {
    const owner = await Caller.newTenant().provision();
    await ingest(owner, "email,title\nboss@base.test,CEO\n");
    const lead = (await scores(owner.tenantId)).get("boss@base.test")!;
    expect(lead.icp_score).toBe(45 + 20 + 8 + 5);
    expect(lead.icp_reasons.map((r) => r.code)).toEqual([
      "seniority",
      "department",
      "deliverability",
      "title",
    ]);
    expect(lead.data_gaps).toEqual(["not_verified"]);
  });
});
