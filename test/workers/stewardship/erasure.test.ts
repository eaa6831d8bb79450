import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { ingest } from "../ingest/helpers.ts";
import { seedLeads } from "../leads/helpers.ts";
import { check, leadEmails, memberOf } from "./helpers.ts";

const erase = (caller: Caller, email: string) =>
  call("DELETE", `/leads/${encodeURIComponent(email)}`, { headers: caller.devHeaders() });

async function cacheVerdict(email: string) {
  await env.DB.prepare(
    "INSERT OR REPLACE INTO email_verifications (email, domain, status, reason, checked_at) VALUES (?, ?, 'valid', 'r', ?)",
  )
    .bind(email, email.split("@")[1], new Date().toISOString())
    .run();
}

async function linkToRun(owner: Caller, email: string) {
  const lead = await env.DB.prepare("SELECT id FROM leads WHERE tenant_id = ? AND email = ?")
    .bind(owner.tenantId, email)
    .first<{ id: string }>();
  const runId = crypto.randomUUID();
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO runs (id, tenant_id, user_id, status, options, domains_total) VALUES (?, ?, ?, 'succeeded', '{}', 1)",
    ).bind(runId, owner.tenantId, owner.userId),
    env.DB.prepare(
      "INSERT INTO run_leads (run_id, tenant_id, lead_id, domain, seq) VALUES (?, ?, ?, 'acme.com', 1)",
    ).bind(runId, owner.tenantId, lead!.id),
  ]);
  return lead!.id;
}

describe("DELETE /leads/{email}", () => {
  it("deletes the lead and its run links, clears the cached verdict, and suppresses the address", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [{ email: "anna@acme.com" }, { email: "ben@acme.com" }]);
    const leadId = await linkToRun(owner, "anna@acme.com");
    await cacheVerdict("anna@acme.com");
    await cacheVerdict("ben@acme.com");

    const res = await erase(owner, "Anna@Acme.com");
    expect(res.status).toBe(204);
    expect(await leadEmails(owner.tenantId)).toEqual(["ben@acme.com"]);
    const links = await env.DB.prepare("SELECT count(*) AS n FROM run_leads WHERE lead_id = ?")
      .bind(leadId)
      .first<{ n: number }>();
    expect(links!.n).toBe(0);
    const cached = await env.DB.prepare("SELECT email FROM email_verifications WHERE email IN (?, ?)")
      .bind("anna@acme.com", "ben@acme.com")
      .all<{ email: string }>();
    expect(cached.results.map((r) => r.email)).toEqual(["ben@acme.com"]);
    expect((await json(await check(owner, "email=anna%40acme.com"))).suppressed).toBe(true);
    const search = await json(await call("GET", "/leads/search?q=anna", { headers: owner.devHeaders() }));
    expect(search.results).toEqual([]);
  });

  it("keeps an erased address out of later ingests", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [{ email: "anna@acme.com" }]);
    expect((await erase(owner, "anna@acme.com")).status).toBe(204);
    const res = await ingest(owner, "email,full_name\nanna@acme.com,Anna M\ncarl@acme.com,Carl K\n");
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ accepted: 1, rejected: 1 });
    expect(await leadEmails(owner.tenantId)).toEqual(["carl@acme.com"]);
  });

  it("answers 204 and suppresses an address nothing was stored for; twice is fine", async () => {
    const owner = await Caller.newTenant().provision();
    expect((await erase(owner, "never@acme.com")).status).toBe(204);
    expect((await erase(owner, "never@acme.com")).status).toBe(204);
    expect((await json(await check(owner, "email=never%40acme.com"))).suppressed).toBe(true);
    const list = await json(await call("GET", "/suppressions", { headers: owner.devHeaders() }));
    expect(list.results).toHaveLength(1);
    expect(list.results[0]).toMatchObject({ kind: "email", reason: "erasure" });
  });

  it("touches only the caller's tenant", async () => {
    const owner = Caller.newTenant();
    const other = Caller.newTenant();
    await seedLeads(owner, [{ email: "anna@acme.com" }]);
    await seedLeads(other, [{ email: "anna@acme.com" }]);
    expect((await erase(owner, "anna@acme.com")).status).toBe(204);
    expect(await leadEmails(other.tenantId)).toEqual(["anna@acme.com"]);
    expect((await json(await check(other, "email=anna%40acme.com"))).suppressed).toBe(false);
  });

  it("refuses members (403), a value that is not an address (400), and a segment without @ matches no route (404)", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [{ email: "anna@acme.com" }]);
    const member = await memberOf(owner);
    await expectError(await erase(member, "anna@acme.com"), 403, "forbidden");
    expect(await leadEmails(owner.tenantId)).toEqual(["anna@acme.com"]);
    await expectError(await erase(owner, "not@an@address"), 400, "validation_failed");
    await expectError(await erase(owner, "not-an-address"), 404, "not_found");
  });

  it("leaves search where it was", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [{ email: "dora@acme.com", full_name: "Dora Explorer" }]);
    const res = await call("GET", "/leads/search?q=dora", { headers: owner.devHeaders() });
    expect(res.status).toBe(200);
    expect((await json(res)).results).toHaveLength(1);
  });
});
