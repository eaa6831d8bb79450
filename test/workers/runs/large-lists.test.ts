/**
 * Run queries whose lists grow with the data, at more than D1's 100 bound
 * parameters a statement: a page of the run list (up to 200 runs, their
 * domains in one lookup) and a domain's leads written in one go (existing
 * leads looked up, suppressions checked, rows upserted and linked).
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { createDatabase } from "../../../src/db/client.ts";
import type { LeadDraft } from "../../../src/domain/leads/lead.ts";
import type { Env } from "../../../src/env.ts";
import { sha256Hex } from "../../../src/lib/ids.ts";
import { writeLeads } from "../../../src/services/runs/lead-writer.ts";
import { Caller, call, json } from "../helpers/api.ts";
import { insertQuietRun } from "./helpers.ts";

describe("listing runs", () => {
  it("lists a page of 150 runs with each run's own domains", async () => {
    const owner = await Caller.newTenant().provision();
    const made = new Map<string, string[]>();
    const statements: D1PreparedStatement[] = [];
    for (let i = 0; i < 150; i++) {
      const id = crypto.randomUUID();
      const domains = [`r${i}-a.test`, `r${i}-b.test`];
      made.set(id, domains);
      statements.push(
        env.DB.prepare(
          "INSERT INTO runs (id, tenant_id, options, domains_total, status) VALUES (?, ?, ?, 2, 'succeeded')",
        ).bind(id, owner.tenantId, JSON.stringify({ mode: "full" })),
        ...domains.map((domain, position) =>
          env.DB.prepare(
            "INSERT INTO run_domains (run_id, tenant_id, domain, position, status) VALUES (?, ?, ?, ?, 'done')",
          ).bind(id, owner.tenantId, domain, position),
        ),
      );
    }
    await env.DB.batch(statements);
    const res = await call("GET", "/runs?limit=200", { headers: owner.devHeaders() });
    expect(res.status).toBe(200);
    const { results } = await json(res);
    expect(results).toHaveLength(150);
    for (const run of results) expect(JSON.parse(run.domains_json).sort()).toEqual(made.get(run.id));
  });
});

const draft = (i: number): LeadDraft => ({
  email: `person${i}@many-leads.test`,
  type: "personal",
  first_name: `First${i}`,
  last_name: "Last",
  full_name: `First${i} Last`,
  title: null,
  seniority: null,
  department: null,
  company: "Many Leads",
  company_domain: "many-leads.test",
  email_source: "generated",
  pattern: "{first}",
  confidence: 0.5,
  verify_status: "valid",
  verify_reason: "accepted",
  verified_at: null,
  icp_score: 0,
  source_url: null,
  sources: [],
  alternatives: [],
});

describe("writing a domain's leads", () => {
  it("writes 250 leads, 120 of them already stored, dropping the suppressed ones", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["many-leads.test"]);
    const deps = { db: createDatabase(env.DB), config: loadConfig(env as unknown as Env) };
    const key = { tenantId: owner.tenantId, runId, domain: "many-leads.test" };
    const first = await writeLeads(
      deps,
      key,
      0,
      Array.from({ length: 120 }, (_, i) => draft(i)),
      {
        refresh: false,
      },
    );
    expect(first).toEqual({ written: 120, suppressed: 0 });
    await env.DB.prepare(
      "INSERT INTO suppressions (id, tenant_id, kind, value_hash) VALUES (?, ?, 'email', ?)",
    )
      .bind(crypto.randomUUID(), owner.tenantId, await sha256Hex("person200@many-leads.test"))
      .run();
    const second = await writeLeads(
      deps,
      key,
      0,
      Array.from({ length: 250 }, (_, i) => draft(i)),
      {
        refresh: false,
      },
    );
    expect(second).toEqual({ written: 249, suppressed: 1 });
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM leads WHERE tenant_id = ?")
      .bind(owner.tenantId)
      .first<{ n: number }>();
    expect(stored?.n).toBe(249);
    const linked = await env.DB.prepare("SELECT count(*) AS n FROM run_leads WHERE run_id = ?")
      .bind(runId)
      .first<{ n: number }>();
    expect(linked?.n).toBe(249);
  });
});
