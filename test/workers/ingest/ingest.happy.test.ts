/** POST /ingest: CSV and NDJSON land in the tenant's leads, upserted by address. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, json } from "../helpers/api.ts";
import { ingest, leadsOf } from "./helpers.ts";

const csv = [
  "\uFEFFE-mail,First Name,Surname,Job Title,Company Name,Website,source_url,Phone",
  "Ada.Lovelace@Analytical.com,Ada,Lovelace,VP of Sales,Analytical Engines,https://www.analytical.com/about,https://analytical.com/team,123",
  '"grace@navy-labs.org",,,"Head of Engineering, Compilers",Navy Labs,,,',
  "",
  "info@analytical.com,,,,Analytical Engines,,,",
].join("\r\n");

describe("POST /ingest", () => {
  it("ingests a CSV with lenient headers into the tenant's leads", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await ingest(owner, csv);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      ok: true,
      received_bytes: new TextEncoder().encode(csv).length,
      accepted: 3,
      updated: 0,
      rejected: 0,
      errors: [],
      error_count: 0,
      ignored_columns: ["Phone"],
    });
    const leads = await leadsOf(owner.tenantId);
    expect([...leads.keys()]).toEqual([
      "ada.lovelace@analytical.com",
      "grace@navy-labs.org",
      "info@analytical.com",
    ]);
    const ada = leads.get("ada.lovelace@analytical.com")!;
    expect(ada).toMatchObject({
      type: "personal",
      first_name: "Ada",
      last_name: "Lovelace",
      full_name: "Ada Lovelace",
      title: "VP of Sales",
      seniority: "vp",
      department: "sales",
      company: "Analytical Engines",
      company_domain: "analytical.com",
      email_source: "published",
      verify_status: "unknown",
      verify_reason: "not_verified",
      icp_score: 40 + 20 + 8 + 5,
      source_url: "https://analytical.com/team",
      sources: "[]",
      source: "ingest",
      deleted_at: null,
    });
    expect(ada.refreshed_at).toBe(ada.created_at);
    expect(leads.get("grace@navy-labs.org")).toMatchObject({
      company_domain: "navy-labs.org",
      seniority: "head",
      department: "engineering",
      full_name: null,
    });
    expect(leads.get("info@analytical.com")).toMatchObject({ type: "generic", icp_score: 4 });
  });

  it("ingests NDJSON with the same key matching", async () => {
    const owner = await Caller.newTenant().provision();
    const body = [
      '{"email":"linus@kernel-works.io","name":"Linus Torvalds","position":"Founder","organization":"Kernel Works"}',
      "",
      '{"Email Address":"mary@kernel-works.io","First Name":"Mary","last_name":"Jackson","seniority":"Manager","department":"Finance","extra":1}',
    ].join("\n");
    const res = await ingest(owner, body, "application/x-ndjson; charset=utf-8");
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      accepted: 2,
      updated: 0,
      rejected: 0,
      ignored_columns: ["extra"],
    });
    const leads = await leadsOf(owner.tenantId);
    expect(leads.get("linus@kernel-works.io")).toMatchObject({
      first_name: "Linus",
      last_name: "Torvalds",
      title: "Founder",
      seniority: "founder",
      company: "Kernel Works",
    });
    expect(leads.get("mary@kernel-works.io")).toMatchObject({
      full_name: "Mary Jackson",
      seniority: "manager",
      department: "finance",
    });
  });

  it("is idempotent: the same file twice updates every row and duplicates nothing", async () => {
    const owner = await Caller.newTenant().provision();
    expect(await json(await ingest(owner, csv))).toMatchObject({ accepted: 3, updated: 0 });
    const first = await leadsOf(owner.tenantId);
    const again = await json(await ingest(owner, csv));
    expect(again).toMatchObject({ accepted: 0, updated: 3, rejected: 0 });
    const second = await leadsOf(owner.tenantId);
    expect(second.size).toBe(3);
    for (const [email, before] of first) {
      const after = second.get(email)!;
      const { refreshed_at: r1, updated_at: u1, ...rest1 } = before;
      const { refreshed_at: r2, updated_at: u2, ...rest2 } = after;
      expect(rest2).toEqual(rest1);
      expect(r2! >= r1!).toBe(true);
    }
  });

  it("updates a stored lead: given values replace, missing ones stay, verification is kept", async () => {
    const owner = await Caller.newTenant().provision();
    await ingest(
      owner,
      "email,first name,last name,title,company\nada@analytical.com,Ada,Lovelace,CTO,Analytical\n",
    );
    await env.DB.prepare(
      "UPDATE leads SET verify_status = 'valid', verify_reason = 'rcpt_2xx_non_catchall', source = 'crawl', deleted_at = '2026-01-01T00:00:00.000Z' WHERE tenant_id = ?",
    )
      .bind(owner.tenantId)
      .run();
    const res = await json(await ingest(owner, "email,company\nADA@analytical.com,Analytical Engines Ltd\n"));
    expect(res).toMatchObject({ accepted: 0, updated: 1 });
    expect((await leadsOf(owner.tenantId)).get("ada@analytical.com")).toMatchObject({
      first_name: "Ada",
      title: "CTO",
      seniority: "c_suite",
      company: "Analytical Engines Ltd",
      verify_status: "valid",
      verify_reason: "rcpt_2xx_non_catchall",
      icp_score: 45 + 14 + 30 + 5,
      source: "crawl",
      deleted_at: null,
    });
  });

  it("writes many rows in one request (more than D1's parameters per statement many times over)", async () => {
    const owner = await Caller.newTenant().provision();
    const lines = ["email,first_name,last_name,title,company"];
    for (let i = 0; i < 3000; i++)
      lines.push(`person${i}@company${i % 40}.com,First${i},Last,Head of Marketing,Company ${i % 40}`);
    const res = await json(await ingest(owner, lines.join("\n")));
    expect(res).toMatchObject({ accepted: 3000, updated: 0, rejected: 0 });
    expect((await leadsOf(owner.tenantId)).size).toBe(3000);
  });

  it("reads a body sent as a stream without Content-Length", async () => {
    const owner = await Caller.newTenant().provision();
    const parts = [
      "email,Full Name\n",
      "alan@bletchley.org,Alan Tur",
      "ing\r",
      "\njoan@bletchley.org,Joan Clarke\n",
    ];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
        controller.close();
      },
    });
    const res = await json(await ingest(owner, stream));
    expect(res).toMatchObject({ accepted: 2, rejected: 0 });
    expect((await leadsOf(owner.tenantId)).get("alan@bletchley.org")?.full_name).toBe("Alan Turing");
  });
});
