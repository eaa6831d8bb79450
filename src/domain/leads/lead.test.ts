/** The lead's column lists: the orders clients rely on, and the draft read back from a stored lead. */
import { describe, expect, it } from "vitest";
import { draftOf, type Lead, leadCsvColumns, leadDraftColumns, leadPublicFields } from "./lead.ts";

describe("the lead's columns", () => {
  it("exports CSV in the documented order, without the lists or the company record's id", () => {
    expect(leadCsvColumns.join(",")).toBe(
      "email,type,first_name,last_name,full_name,title,seniority,department,company,company_domain," +
        "email_source,pattern,confidence,icp_score,verify_status,verify_reason,verified_at,source_url",
    );
    expect(leadPublicFields).toHaveLength(23);
  });

  it("reads a draft back from a stored lead, nulls kept (an ingested lead has no company or confidence)", () => {
    const stored = {
      id: "lead_1",
      tenant_id: "t_1",
      email: "ada@acme.test",
      type: "personal",
      company: null,
      confidence: null,
      company_domain: "acme.test",
      sources: [],
      alternatives: [],
    } as unknown as Lead;
    const draft = draftOf(stored);
    expect(Object.keys(draft)).toEqual([...leadDraftColumns]);
    expect(draft).toMatchObject({ email: "ada@acme.test", company: null, confidence: null });
    expect(draft).not.toHaveProperty("id");
  });
});
