import { describe, expect, it } from "vitest";
import { readLeadRow } from "./lead-row.ts";

const lead = (values: Parameters<typeof readLeadRow>[0]) => {
  const result = readLeadRow(values);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.lead;
};
const problems = (values: Parameters<typeof readLeadRow>[0]) => {
  const result = readLeadRow(values);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
};

describe("readLeadRow", () => {
  it("reads a full row", () => {
    expect(
      lead({
        email: " Ada.Lovelace@Analytical-Engines.co.uk ",
        first_name: "Ada",
        last_name: "Lovelace",
        title: "VP of Sales",
        company: "Analytical  Engines",
        source_url: "https://analytical-engines.co.uk/team",
      }),
    ).toEqual({
      email: "ada.lovelace@analytical-engines.co.uk",
      type: "personal",
      first_name: "Ada",
      last_name: "Lovelace",
      full_name: "Ada Lovelace",
      title: "VP of Sales",
      seniority: "vp",
      department: "sales",
      company: "Analytical Engines",
      company_domain: null,
      email_domain: "analytical-engines.co.uk",
      email_host: "analytical-engines.co.uk",
      source_url: "https://analytical-engines.co.uk/team",
    });
  });

  it("splits a full name and reduces a website to its domain", () => {
    const l = lead({
      email: "j@mail.acme.com",
      full_name: "Jan van der Berg",
      company_domain: "https://www.Acme.com/about",
    });
    expect([l.first_name, l.last_name, l.company_domain, l.email_domain, l.email_host]).toEqual([
      "Jan",
      "van der Berg",
      "acme.com",
      "acme.com",
      "mail.acme.com",
    ]);
  });

  it("takes a stated seniority and department over the title's", () => {
    const l = lead({ email: "a@acme.com", title: "Engineer", seniority: "C-Suite", department: "Marketing" });
    expect([l.seniority, l.department]).toEqual(["c_suite", "marketing"]);
    expect(lead({ email: "a@acme.com", seniority: "Vice President" }).seniority).toBe("vp");
  });

  it("marks role mailboxes generic", () => {
    expect(lead({ email: "info@acme.com" }).type).toBe("generic");
  });

  it("requires a plausible address at a real domain", () => {
    expect(problems({})).toEqual([{ field: "email", detail: expect.stringMatching(/missing/) }]);
    for (const bad of [
      "not-an-email",
      "@acme.com",
      "a@@acme.com",
      "a b@acme.com",
      "a..b@acme.com",
      "a@localhost",
    ]) {
      expect(problems({ email: bad })[0]?.field).toBe("email");
    }
    expect(problems({ email: "a@acme.test" })[0]?.detail).toMatch(/reserved/);
    expect(readLeadRow({ email: "a@acme.test" }, { allowReservedNames: true }).ok).toBe(true);
  });

  it("lists every problem of a row", () => {
    const found = problems({
      email: "nope",
      source_url: "javascript:alert(1)",
      seniority: "galactic overlord",
      company_domain: "10.0.0.1",
      company: "x".repeat(201),
    });
    expect(found.map((p) => p.field).sort()).toEqual([
      "company",
      "company_domain",
      "email",
      "seniority",
      "source_url",
    ]);
  });

  it("reads tabs and line breaks as spaces and rejects a row whose text holds another control character", () => {
    expect(
      lead({ email: "a@acme-widgets.com", title: "Head\tof\r\nSales", company: "Acme\u0085Widgets" }),
    ).toMatchObject({ title: "Head of Sales", company: "Acme Widgets" });
    for (const [field, value, code] of [
      ["first_name", "Ada\u0000", "U+0000"],
      ["last_name", "\u0001Lovelace", "U+0001"],
      ["full_name", "Ada\u001bLovelace", "U+001B"],
      ["title", "CTO\u007f", "U+007F"],
      ["company", "Acme\u009b", "U+009B"],
      ["seniority", "vp\u0000", "U+0000"],
      ["department", "sales\u0007", "U+0007"],
      ["company_domain", "acme-widgets.com\u0000", "U+0000"],
      ["source_url", "https://acme-widgets.com/\u0000", "U+0000"],
    ] as const) {
      const found = problems({ email: "a@acme-widgets.com", [field]: value });
      expect(found, field).toHaveLength(1);
      expect(found[0]!.field).toBe(field);
      expect(found[0]!.detail).toContain(code);
    }
    expect(problems({ email: "a\u0000b@acme-widgets.com" })[0]!.field).toBe("email");
  });
});
