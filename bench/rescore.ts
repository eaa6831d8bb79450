/**
 * Re-scoring: how long a change of the ICP profile takes to reach every
 * lead. 250,000 synthetic leads (225,000 in the tenant) in local D1, the
 * real stack (wrangler dev: the queue, the consumer, D1), PUT /icp, then
 * GET /icp polled until the re-scoring run finishes. Afterwards every
 * lead's reasons are checked against its score in SQL.
 *
 *   npm run bench:rescore [-- --rows 250000]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startLocalStack } from "../scripts/local-stack.ts";
import { root } from "../scripts/toolchain.ts";
import { localD1 } from "./lib/local-d1.ts";
import { seedSyntheticLeads } from "./lib/synthetic-leads.ts";

const { values } = parseArgs({ options: { rows: { type: "string", default: "250000" } } });
const rows = Number(values.rows);
const tenant = "bench-rescore";

const db = localD1("rescore");
const seedSeconds = seedSyntheticLeads(db, tenant, rows);
const stack = await startLocalStack(db.stateDir, { RATE_LIMIT_PER_MINUTE: "10000000" });
const headers = { "X-Tenant-Id": tenant, "X-User-Id": "bench-user", "Content-Type": "application/json" };

const PROFILE = {
  seniorities: ["c_suite", "founder", "vp", "head"],
  departments: ["sales", "marketing", "executive"],
  industries: ["Software", "Financial Services", "E-commerce"],
  sizes: ["51-200", "201-500", "501-1000"],
  technologies: ["HubSpot", "Salesforce", "Segment"],
  disqualifiers: { domains: ["company17.test"] },
};

let summary: Record<string, unknown>;
try {
  const started = performance.now();
  const put = await fetch(`${stack.api}/icp`, { method: "PUT", headers, body: JSON.stringify(PROFILE) });
  const saved = (await put.json()) as { rescore_run: { run_id: string; leads_total: number } };
  if (put.status !== 200) throw new Error(`PUT /icp answered ${put.status}: ${JSON.stringify(saved)}`);
  const putMs = performance.now() - started;
  let state: { rescore_run: { status: string; leads_rescored: number; error: string | null } };
  for (;;) {
    state = await (await fetch(`${stack.api}/icp`, { headers })).json();
    if (!["queued", "running"].includes(state.rescore_run.status)) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const seconds = (performance.now() - started) / 1000;
  if (state.rescore_run.status !== "succeeded") throw new Error(`re-scoring ${JSON.stringify(state)}`);
  const [check] = db.query<{ leads: number; unscored: number; mismatched: number; disqualified: number }>(
    `SELECT count(*) AS leads,
       sum(icp_reasons = '[]') AS unscored,
       sum(icp_score != (SELECT coalesce(sum(json_extract(r.value, '$.points')), 0) FROM json_each(icp_reasons) r)) AS mismatched,
       sum(icp_reasons LIKE '%disqualified_excluded_domain%') AS disqualified
     FROM leads WHERE tenant_id = '${tenant}' AND deleted_at IS NULL`,
  );
  summary = {
    date: new Date().toISOString(),
    machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.versions.node}`,
    rows,
    tenant_leads: saved.rescore_run.leads_total,
    seed_seconds: Number(seedSeconds.toFixed(1)),
    put_ms: Number(putMs.toFixed(1)),
    rescore_seconds: Number(seconds.toFixed(2)),
    leads_per_second: Math.round(saved.rescore_run.leads_total / seconds),
    leads_rescored: state.rescore_run.leads_rescored,
    check,
  };
} finally {
  await stack.stop();
  db.remove();
}
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/rescore.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
