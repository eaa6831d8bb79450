import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startLocalStack } from "../scripts/local-stack.ts";
import { root } from "../scripts/toolchain.ts";
import { localD1 } from "./lib/local-d1.ts";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "100000" }, rounds: { type: "string", default: "3" } },
});
const rows = Number(values.rows);
const rounds = Number(values.rounds);
const tenant = "bench-export";
const runId = "00000000-0000-4000-8000-000000000001";

/** Resident memory (bytes) of a process tree, from /proc. */
function treeRss(pid: number): number {
  let total = 0;
  const walk = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      total += kb * 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) walk(Number(child));
    } catch {
      // The process ended meanwhile.
    }
  };
  walk(pid);
  return total;
}

/** The workerd processes under the stack (the Worker runs in them). */
function workerdPids(rootPid: number): number[] {
  const found: number[] = [];
  const walk = (p: number) => {
    try {
      const cmd = readFileSync(`/proc/${p}/cmdline`, "utf8");
      if (cmd.includes("workerd")) found.push(p);
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) walk(Number(child));
    } catch {
      // Gone.
    }
  };
  walk(rootPid);
  return found;
}

const db = localD1("export");
const stateDir = db.stateDir;
const d1 = db.execute;

console.error("[bench] applying migrations and seeding", rows, "leads");
db.migrate();
d1(`INSERT INTO tenants (id, name) VALUES ('${tenant}', 'Bench');
INSERT INTO users (id, tenant_id, email, role) VALUES ('bench-user', '${tenant}', NULL, 'owner');
INSERT INTO runs (id, tenant_id, user_id, status, options, domains_total, created_at)
  VALUES ('${runId}', '${tenant}', 'bench-user', 'succeeded', '{"mode":"full","skip_crawl":false,"skip_verify":false,"max_pages_per_domain":null}', 1, '2026-01-01T00:00:00.000Z');
INSERT INTO leads (id, tenant_id, email, type, first_name, last_name, full_name, title, seniority, department, company,
  company_domain, email_source, pattern, confidence, verify_status, verify_reason, verified_at, icp_score, source_url,
  sources, alternatives, created_at)
  WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ${rows})
  SELECT 'lead-' || x, '${tenant}', 'person' || x || '@company' || (x % 500) || '.test', 'personal', 'First' || x,
    'Lastname', 'First' || x || ' Lastname', 'Head of Engineering, Platform', 'head', 'engineering',
    'Company ' || (x % 500), 'company' || (x % 500) || '.test', 'generated', 'first.last', 88, 'valid',
    'rcpt_2xx_non_catchall', '2026-01-01T00:00:00.000Z', 71, 'https://company' || (x % 500) || '.test/team',
    '[{"url":"https://company.test/team","first_seen_at":"2026-01-01T00:00:00.000Z","last_seen_at":"2026-01-01T00:00:00.000Z"}]',
    '[{"email":"p@company.test","pattern":"flast","probability":0.2,"verify_status":"invalid","verify_reason":"rcpt_5xx_user_unknown"}]',
    '2026-01-01T00:00:00.000Z' FROM n;
INSERT INTO run_leads (run_id, tenant_id, lead_id, domain, seq)
  WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < ${rows})
  SELECT '${runId}', '${tenant}', 'lead-' || x, 'company' || (x % 500) || '.test', x FROM n;`);

const stack = await startLocalStack(stateDir);
const headers = { "X-Tenant-Id": tenant, "X-User-Id": "bench-user" };
const results: Record<string, { seconds: number; bytes: number; lines: number; rss_growth_mb: number }[]> = {
  csv: [],
  json: [],
  csv_1000: [],
};
let baselineMb = 0;
try {
  const pids = workerdPids(stack.child.pid!);
  const rss = () => pids.reduce((n, pid) => n + treeRss(pid), 0);
  for (let round = 0; round < rounds; round++) {
    for (const [name, format, limit] of [
      ["csv_1000", "csv", 1000],
      ["csv", "csv", rows],
      ["json", "json", rows],
    ] as const) {
      await new Promise((r) => setTimeout(r, 500));
      const baseline = rss();
      baselineMb = baseline / 2 ** 20;
      let peak = baseline;
      const sampler = setInterval(() => {
        peak = Math.max(peak, rss());
      }, 20);
      const started = performance.now();
      const res = await fetch(`${stack.api}/runs/${runId}/export?format=${format}&limit=${limit}`, {
        headers,
      });
      if (res.status !== 200) throw new Error(`export answered ${res.status}: ${await res.text()}`);
      let bytes = 0;
      let lines = 0;
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        for (const b of chunk) if (b === 10) lines += 1;
      }
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, rss());
      results[name]!.push({
        seconds: Number(seconds.toFixed(2)),
        bytes,
        lines,
        rss_growth_mb: Number(((peak - baseline) / 2 ** 20).toFixed(1)),
      });
      console.error(
        `[bench] ${name} round ${round + 1}: ${seconds.toFixed(2)} s, ${bytes} bytes, +${((peak - baseline) / 2 ** 20).toFixed(1)} MB RSS`,
      );
    }
  }
} finally {
  await stack.stop();
  db.remove();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const summary = {
  date: new Date().toISOString(),
  machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.versions.node}`,
  rows,
  rounds,
  workerd_idle_rss_mb: Number(baselineMb.toFixed(1)),
  csv: {
    median_seconds: median(results.csv!.map((r) => r.seconds)),
    rows_per_second: Math.round(rows / median(results.csv!.map((r) => r.seconds))),
    max_rss_growth_mb: Math.max(...results.csv!.map((r) => r.rss_growth_mb)),
    bytes: results.csv![0]!.bytes,
    lines: results.csv![0]!.lines,
  },
  json: {
    median_seconds: median(results.json!.map((r) => r.seconds)),
    rows_per_second: Math.round(rows / median(results.json!.map((r) => r.seconds))),
    max_rss_growth_mb: Math.max(...results.json!.map((r) => r.rss_growth_mb)),
    bytes: results.json![0]!.bytes,
  },
  control_csv_1000_rows: {
    max_rss_growth_mb: Math.max(...results.csv_1000!.map((r) => r.rss_growth_mb)),
    median_seconds: median(results.csv_1000!.map((r) => r.seconds)),
  },
  per_round: results,
};
summary.csv.lines === rows + 1 ||
  console.error(`[bench] expected ${rows + 1} CSV lines, got ${summary.csv.lines}`);
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/export.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
