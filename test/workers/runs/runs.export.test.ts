/** Exports: CSV escaping and formula neutralisation, JSON, the limit, and 100,000 rows streamed. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { insertQuietRun } from "./helpers.ts";

/** Writes `count` leads for the run straight into D1 (one statement each for leads and links). */
async function seedLeads(owner: Caller, runId: string, count: number, title = "Engineer") {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO leads (id, tenant_id, email, type, first_name, last_name, full_name, title, company, company_domain,
         email_source, verify_status, verify_reason, icp_score, source_url, sources, alternatives, created_at)
       WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?3)
       SELECT ?1 || '-lead-' || x, ?2, 'p' || x || '@bulk.test', 'personal', 'First' || x, 'Last', 'First' || x || ' Last',
         ?4, 'Bulk, Inc.', 'bulk.test', 'published', 'valid', 'rcpt_2xx_non_catchall', 50,
         'https://bulk.test/team', '[]', '[]', '2026-01-01T00:00:00.000Z' FROM n`,
    ).bind(runId, owner.tenantId, count, title),
    env.DB.prepare(
      `INSERT INTO run_leads (run_id, tenant_id, lead_id, domain, seq)
       WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ?3)
       SELECT ?1, ?2, ?1 || '-lead-' || x, 'bulk.test', x FROM n`,
    ).bind(runId, owner.tenantId, count),
  ]);
}

describe("export", () => {
  it("writes CSV with a header, quoting, and formula cells neutralised, as an attachment", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["bulk.test"]);
    await seedLeads(owner, runId, 3, '=HYPERLINK("http://evil.test","click")');
    const res = await call("GET", `/runs/${runId}/export`, { headers: owner.devHeaders() });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toBe(`attachment; filename="run-${runId}.csv"`);
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]!.startsWith("email,type,first_name,last_name,full_name,title,")).toBe(true);
    expect(lines).toHaveLength(1 + 3 + 1);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.test"",""click"")"`);
    expect(lines[1]).toContain('"Bulk, Inc."');
    expect(lines[4]).toBe("");
  });

  it("writes JSON with run_id, count and results, and honours the limit", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["bulk.test"]);
    await seedLeads(owner, runId, 30);
    const res = await call("GET", `/runs/${runId}/export?format=json&limit=25`, {
      headers: owner.devHeaders(),
    });
    expect(res.headers.get("Content-Type")).toContain("application/json");
    const body = await json(res);
    expect(body.run_id).toBe(runId);
    expect(body.count).toBe(25);
    expect(body.results).toHaveLength(25);
    expect(body.results[0]).toMatchObject({
      email: "p1@bulk.test",
      company: "Bulk, Inc.",
      verify_status: "valid",
    });
    await expectError(
      await call("GET", `/runs/${runId}/export?limit=100001`, { headers: owner.devHeaders() }),
      400,
      "validation_failed",
    );
    await expectError(
      await call("GET", `/runs/${runId}/export?format=xml`, { headers: owner.devHeaders() }),
      400,
      "validation_failed",
    );
  });

  it("streams 100,000 rows", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["bulk.test"]);
    await seedLeads(owner, runId, 100_000);
    const res = await call("GET", `/runs/${runId}/export?limit=100000`, { headers: owner.devHeaders() });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let lines = 0;
    let chunks = 0;
    let tail = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks += 1;
      const text = tail + decoder.decode(value, { stream: true });
      const parts = text.split("\r\n");
      tail = parts.pop()!;
      lines += parts.length;
    }
    expect(lines).toBe(100_001);
    expect(tail).toBe("");
    // Streamed in pages, not built in one piece.
    expect(chunks).toBeGreaterThan(100);
  }, 120_000);
});
