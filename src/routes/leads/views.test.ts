/** The lead as results and exports show it: the documented fields, in their order. */
import { describe, expect, it } from "vitest";
import { type Lead, leadPublicFields } from "../../domain/leads/lead.ts";
import { leadView } from "./views.ts";

describe("leadView", () => {
  it("shows the public fields in the documented order, the company record's id as text", () => {
    const view = leadView({ company_id: 12 } as Lead);
    expect(Object.keys(view)).toEqual([...leadPublicFields]);
    expect(view.company_id).toBe("12");
    expect(leadView({ company_id: null } as Lead).company_id).toBeNull();
  });
});
