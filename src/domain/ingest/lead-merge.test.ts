import { describe, expect, it } from "vitest";
import { packagedDomainLists } from "../icp/domain-lists.ts";
import { type ScorableLead, scoreForTenant } from "../icp/tenant-score.ts";
import { mergeIngestedLead, type StoredLead } from "./lead-merge.ts";
import { readLeadRow } from "./lead-row.ts";

const draft = (values: Parameters<typeof readLeadRow>[0]) => {
  const result = readLeadRow(values);
  if (!result.ok) throw new Error("invalid");
  return result.lead;
};
const ids = { newId: () => "lead_new", now: "2026-02-01T00:00:00.000Z" };
const baseline = (lead: ScorableLead) => scoreForTenant(null, lead, packagedDomainLists);

const stored: StoredLead = {
  id: "lead_old",
  email: "ada@acme.com",
  first_name: "Ada",
  last_name: "Lovelace",
  full_name: "Ada Lovelace",
  title: "Head of Sales",
  seniority: "head",
  department: "sales",
  company: "Acme",
  company_domain: "acme.com",
  source_url: "https://acme.com/team",
  verify_status: "valid",
  verify_reason: "rcpt_2xx_non_catchall",
  source: "crawl",
  created_at: "2026-01-01T00:00:00.000Z",
  industry: null,
  size: null,
  country: null,
  technologies: [],
};

describe("mergeIngestedLead", () => {
  it("builds a new lead: not verified, scored, dated now", () => {
    const row = mergeIngestedLead(draft({ email: "bob@acme.com", title: "CTO" }), undefined, ids, baseline);
    expect(row).toMatchObject({
      id: "lead_new",
      company_domain: "acme.com",
      seniority: "c_suite",
      department: "engineering",
      verify_status: "unknown",
      verify_reason: "not_verified",
      source: "ingest",
      created_at: ids.now,
      now: ids.now,
    });
    expect(row.icp_score).toBe(45 + 14 + 8 + 5);
  });

  it("lays given values over the stored lead and keeps the rest", () => {
    const row = mergeIngestedLead(
      draft({ email: "ada@acme.com", company: "Acme Ltd" }),
      stored,
      ids,
      baseline,
    );
    expect(row).toMatchObject({
      id: "lead_old",
      company: "Acme Ltd",
      title: "Head of Sales",
      seniority: "head",
      verify_status: "valid",
      source: "crawl",
      created_at: stored.created_at,
    });
    expect(row.icp_score).toBe(32 + 20 + 30 + 5);
  });

  it("takes a new title's seniority and department, even when they are unknown", () => {
    const row = mergeIngestedLead(draft({ email: "ada@acme.com", title: "Wizard" }), stored, ids, baseline);
    expect([row.title, row.seniority, row.department]).toEqual(["Wizard", null, null]);
  });
});
