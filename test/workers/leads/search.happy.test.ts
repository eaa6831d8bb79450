/** GET /leads/search: full text, filters, sorts, keyset pages and facets. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, json } from "../helpers/api.ts";
import { seedLeads } from "./helpers.ts";

type Row = { email: string; icp_score: number; verified_at: string | null };
const search = async (caller: Caller, query: string) =>
  json(await call("GET", `/leads/search?${query}`, { headers: caller.devHeaders() }));

describe("lead search", () => {
  it("finds by words, prefixes, phrases, email and accents, scoped to the tenant", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [
      {
        email: "jane.smith@acme.io",
        full_name: "Jane Smith",
        title: "Chief Technology Officer",
        company: "Acme Inc",
      },
      { email: "bob.jones@acme.io", full_name: "Bob Jones", title: "Head of Sales", company: "Acme Inc" },
      {
        email: "zoe.muller@beta.test",
        full_name: "Zoë Müller",
        title: "Engineering Manager",
        company: "Beta GmbH",
      },
      {
        email: "gone@acme.io",
        full_name: "Gone Person",
        title: "Chief of Staff",
        deleted_at: "2026-11-01T00:00:00Z",
      },
    ]);
    const stranger = Caller.newTenant();
    await seedLeads(stranger, [
      { email: "jane.doe@other.test", full_name: "Jane Doe", title: "Chief Technology Officer" },
    ]);
    const emails = async (q: string) =>
      (await search(owner, `q=${encodeURIComponent(q)}`)).results.map((r: Row) => r.email).sort();
    expect(await emails("jane")).toEqual(["jane.smith@acme.io"]);
    expect(await emails("chief")).toEqual(["jane.smith@acme.io"]);
    expect(await emails("acme")).toEqual(["bob.jones@acme.io", "jane.smith@acme.io"]);
    expect(await emails("eng*")).toEqual(["zoe.muller@beta.test"]);
    expect(await emails('"head of sales"')).toEqual(["bob.jones@acme.io"]);
    expect(await emails('"sales of head"')).toEqual([]);
    expect(await emails("jane.smith@acme.io")).toEqual(["jane.smith@acme.io"]);
    expect(await emails("muller")).toEqual(["zoe.muller@beta.test"]);
    expect(await emails("Müller")).toEqual(["zoe.muller@beta.test"]);
    const body = await search(owner, "q=jane");
    expect(body.results[0]).toMatchObject({
      email: "jane.smith@acme.io",
      first_name: "Jane",
      last_name: "Smith",
      title: "Chief Technology Officer",
      company_name: "Acme Inc",
      company_domain: "acme.io",
      verify_status: "valid",
      source_url: "https://acme.io/team",
    });
    expect(body).toMatchObject({ limit: 20, sort: "icp_desc", next_cursor: null });
  });

  it("filters by status, score, seniority, role, industry, size, tech, source and recency", async () => {
    const owner = Caller.newTenant();
    const now = new Date().toISOString();
    await seedLeads(owner, [
      {
        email: "a@x.test",
        seniority: "c_suite",
        department: "executive",
        industry: "Software",
        size: "51-200",
        technologies: ["HubSpot", "Stripe"],
        icp_score: 90,
        verified_at: now,
      },
      {
        email: "b@x.test",
        seniority: "manager",
        department: "sales",
        industry: "Software",
        size: "11-50",
        technologies: ["Salesforce"],
        icp_score: 60,
        verify_status: "risky_catch_all",
        verified_at: now,
      },
      {
        email: "c@y.test",
        seniority: "vp",
        department: "marketing",
        industry: "Retail",
        size: "5001+",
        technologies: [],
        icp_score: 40,
        source: "ingest",
        verified_at: "2020-01-01T00:00:00.000Z",
      },
      {
        email: "d@y.test",
        seniority: null,
        department: null,
        icp_score: 10,
        verify_status: "invalid",
        verified_at: null,
      },
    ]);
    const emails = async (query: string) =>
      (await search(owner, query)).results.map((r: Row) => r.email).sort();
    expect(await emails("verify_status=valid")).toEqual(["a@x.test", "c@y.test"]);
    expect(await emails("verify_status=valid,invalid")).toEqual(["a@x.test", "c@y.test", "d@y.test"]);
    expect(await emails("icp_min=50")).toEqual(["a@x.test", "b@x.test"]);
    expect(await emails("seniority=c_suite,vp")).toEqual(["a@x.test", "c@y.test"]);
    expect(await emails("roles=sales")).toEqual(["b@x.test"]);
    expect(await emails("industries=Software&sizes=51-200")).toEqual(["a@x.test"]);
    expect(await emails("tech=stripe")).toEqual(["a@x.test"]);
    expect(await emails("tech=Stripe,Salesforce")).toEqual(["a@x.test", "b@x.test"]);
    expect(await emails("source=ingest")).toEqual(["c@y.test"]);
    expect(await emails("recency_days=30")).toEqual(["a@x.test", "b@x.test"]);
  });

  it("sorts four ways and pages with a keyset cursor: no duplicates, no gaps, stable under inserts", async () => {
    const owner = Caller.newTenant();
    const leads = Array.from({ length: 57 }, (_, i) => ({
      email: `p${i}@paging.test`,
      icp_score: i % 7,
      verified_at: i % 5 === 0 ? null : new Date(Date.UTC(2026, 0, 1 + (i % 9))).toISOString(),
    }));
    await seedLeads(owner, leads);
    for (const sort of ["icp_desc", "icp_asc", "verified_at_desc", "verified_at_asc"]) {
      const seen: Row[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const body = await search(
          owner,
          `sort=${sort}&limit=10${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
        seen.push(...body.results);
        cursor = body.next_cursor;
        if (pages === 1) {
          // Leads added mid-way (at the very top of every order) do not shift what comes next.
          await seedLeads(owner, [
            {
              email: `late-${sort}@paging.test`,
              icp_score: sort === "icp_asc" ? -1 : 100,
              verified_at: sort === "verified_at_asc" ? null : "2030-01-01T00:00:00.000Z",
            },
          ]);
        }
        pages += 1;
      } while (cursor && pages < 20);
      const emails = seen.map((r) => r.email);
      expect(new Set(emails).size).toBe(emails.length);
      expect(emails.filter((e) => e.startsWith("p"))).toHaveLength(57);
      const keys = seen.map((r) => (sort.startsWith("icp") ? r.icp_score : (r.verified_at ?? "")));
      const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(keys).toEqual(sort.endsWith("desc") ? sorted.reverse() : sorted);
    }
  });

  it("counts facets over the rows matching every other filter", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [
      {
        email: "a@f.test",
        seniority: "vp",
        verify_status: "valid",
        technologies: ["Stripe"],
        title: "VP Sales",
      },
      {
        email: "b@f.test",
        seniority: "vp",
        verify_status: "invalid",
        technologies: ["Stripe", "HubSpot"],
        title: "VP Marketing",
      },
      {
        email: "c@f.test",
        seniority: "manager",
        verify_status: "valid",
        technologies: [],
        title: "Sales Manager",
      },
      { email: "d@f.test", seniority: null, verify_status: "valid", title: "Engineer" },
    ]);
    const body = await search(owner, "q=sales&verify_status=valid&facets=verify_status,seniority,tech");
    expect(body.results.map((r: Row) => r.email).sort()).toEqual(["a@f.test", "c@f.test"]);
    // verify_status counts ignore the verify_status filter (but keep q): a valid, b invalid, c valid.
    expect(body.facets.verify_status).toEqual({ valid: 2 });
    expect(body.facets.seniority).toEqual({ vp: 1, manager: 1 });
    expect(body.facets.tech).toEqual({ Stripe: 1 });
    const all = await search(owner, "facets=verify_status,seniority");
    expect(all.facets.verify_status).toEqual({ valid: 3, invalid: 1 });
    expect(all.facets.seniority).toEqual({ vp: 2, manager: 1, unknown: 1 });
  });

  it("shows the enriched company's id and country, and the score's reasons and gaps", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [{ email: "ceo@enriched.test", title: "CEO" }]);
    await env.DB.prepare(
      `UPDATE leads SET company_id = 7, country = 'DE', icp_reasons = '[{"code":"seniority","points":50}]',
         data_gaps = '["not_verified"]' WHERE tenant_id = ?`,
    )
      .bind(owner.tenantId)
      .run();
    const [row] = (await search(owner, "q=ceo")).results;
    expect(row).toMatchObject({
      company_id: "7",
      country: "DE",
      icp_reasons: [{ code: "seniority", points: 50 }],
      data_gaps: ["not_verified"],
    });
  });
});
