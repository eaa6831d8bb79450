/**
 * Facet counts over many candidates: estimated from a uniform sample (and
 * flagged), exact on request, and exact for a tenant too small to sample.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { FACET_SAMPLE } from "../../../src/services/leads/facets.ts";
import { Caller, call, json } from "../helpers/api.ts";
import { seedLeads } from "./helpers.ts";

const search = async (caller: Caller, query: string) =>
  json(await call("GET", `/leads/search?${query}`, { headers: caller.devHeaders() }));

const MANY = 6_000;

/** `count` leads titled "Sales Manager": a quarter VPs, the rest managers; every other one valid. */
async function seedMany(owner: Caller, count: number) {
  await owner.provision();
  await env.DB.prepare(
    `INSERT INTO leads (id, tenant_id, email, type, full_name, title, seniority, department, company, company_domain,
       email_source, verify_status, verify_reason, icp_score, sources, alternatives)
     WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?2)
     SELECT ?1 || '-' || x, ?1, 'p' || x || '@many.test', 'personal', 'Person ' || x, 'Sales Manager',
       CASE WHEN x % 4 = 0 THEN 'vp' ELSE 'manager' END, 'sales', 'Many', 'many.test', 'published',
       CASE WHEN x % 2 = 0 THEN 'valid' ELSE 'invalid' END, 'r', 50, '[]', '[]'
     FROM n`,
  )
    .bind(owner.tenantId, count)
    .run();
}

const near = (actual: number, expected: number) => {
  expect(actual).toBeGreaterThan(expected * 0.85);
  expect(actual).toBeLessThan(expected * 1.15);
};

describe("facet counts over many candidates", () => {
  const big = Caller.newTenant();
  beforeAll(async () => {
    expect(MANY).toBeGreaterThan(FACET_SAMPLE);
    await seedMany(big, MANY);
  });

  it("are estimated from a sample and say so, close to the exact counts", async () => {
    const body = await search(big, "q=manager&facets=seniority,verify_status");
    expect(body.facets_approximate).toBe(true);
    near(body.facets.seniority.manager, 4_500);
    near(body.facets.seniority.vp, 1_500);
    near(body.facets.verify_status.valid, 3_000);
    near(body.facets.verify_status.invalid, 3_000);
    // The same request samples the same leads: the same numbers.
    expect((await search(big, "q=manager&facets=seniority,verify_status")).facets).toEqual(body.facets);
  });

  it("apply the other filters in the sample too", async () => {
    const body = await search(big, "q=manager&verify_status=valid&facets=seniority");
    expect(body.facets_approximate).toBe(true);
    // Valid are the even ones: every vp (x % 4 = 0) and half the managers.
    near(body.facets.seniority.vp, 1_500);
    near(body.facets.seniority.manager, 1_500);
  });

  it("are estimated over the tenant's leads when there is no text", async () => {
    const body = await search(big, "facets=seniority");
    expect(body.facets_approximate).toBe(true);
    near(body.facets.seniority.manager, 4_500);
  });

  it("are exact when asked (facets_exact=true)", async () => {
    const body = await search(big, "q=manager&facets=seniority,verify_status&facets_exact=true");
    expect(body.facets_approximate).toBe(false);
    expect(body.facets.seniority).toEqual({ manager: 4_500, vp: 1_500 });
    expect(body.facets.verify_status).toEqual({ invalid: 3_000, valid: 3_000 });
  });

  it("are exact for a small tenant whose words also match many other tenants' leads", async () => {
    const small = Caller.newTenant();
    await seedLeads(
      small,
      Array.from({ length: 30 }, (_, i) => ({
        email: `m${i}@small.test`,
        title: "Sales Manager",
        seniority: i < 10 ? "vp" : "manager",
      })),
    );
    const body = await search(small, "q=manager&facets=seniority");
    expect(body.facets_approximate).toBe(false);
    expect(body.facets.seniority).toEqual({ manager: 20, vp: 10 });
  });

  it("are exact, and not flagged, for few candidates", async () => {
    const few = Caller.newTenant();
    await seedMany(few, 100);
    const body = await search(few, "facets=seniority");
    expect(body).toMatchObject({ facets_approximate: false, facets: { seniority: { manager: 75, vp: 25 } } });
  });

  // D1 refuses a compound SELECT of more than 5 terms: every facet at once used to answer 500.
  it("count every facet at once, sampled and exact", async () => {
    const all = "facets=verify_status,seniority,roles,industries,sizes,tech,source";
    const sampled = await search(big, `q=manager&${all}`);
    expect(sampled.facets_approximate).toBe(true);
    expect(Object.keys(sampled.facets).sort()).toEqual(
      ["industries", "roles", "seniority", "sizes", "source", "tech", "verify_status"].sort(),
    );
    near(sampled.facets.roles.sales, 6_000);
    const exact = await search(big, `${all}&facets_exact=true`);
    expect(exact.facets.seniority).toEqual({ manager: 4_500, vp: 1_500 });
    expect(exact.facets.roles).toEqual({ sales: 6_000 });
    expect(exact.facets.source).toEqual({ crawl: 6_000 });
  });
});
