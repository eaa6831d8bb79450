/**
 * Ingestion of a 5 MiB CSV (about 40,000 realistic rows) into the local stack
 * (`wrangler dev`, AUTH_MODE=dev): wall time of `POST /ingest` from the first
 * byte sent to the answer, rows per second, for a fresh tenant (every row a
 * new lead) and the same file again (every row an update). Goal: <= 10 s.
 *
 * For scale, the same rows are bulk-inserted into plain SQLite on the same
 * machine (node:sqlite, one transaction, one prepared statement) into a
 * database built from the same migrations, so the table has the same
 * columns, indexes and full-text triggers; the ratio says what the API's
 * parsing, checking, merging, D1 batching and HTTP cost over the bare write.
 *
 *   npm run bench:ingest [-- --rows 40000 --rounds 3 --out bench/results/ingest.json]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import { startLocalStack } from "../scripts/local-stack.ts";
import { root } from "../scripts/toolchain.ts";

const { values } = parseArgs({
  options: {
    rows: { type: "string", default: "40000" },
    rounds: { type: "string", default: "3" },
    out: { type: "string", default: "bench/results/ingest.json" },
  },
});
const rowCount = Number(values.rows);
const rounds = Number(values.rounds);
const LIMIT = 5 * 1024 * 1024;

const firstNames = [
  "Ada",
  "Grace",
  "Alan",
  "Katherine",
  "Linus",
  "Margaret",
  "Hedy",
  "Tim",
  "Barbara",
  "Dennis",
  "Frances",
  "Edsger",
  "Radia",
  "Ken",
  "Sophie",
  "Jean",
  "Anita",
  "Claude",
  "Karen",
  "Donald",
];
const lastNames = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Johnson",
  "Torvalds",
  "Hamilton",
  "Lamarr",
  "Berners-Lee",
  "Liskov",
  "Ritchie",
  "Allen",
  "Dijkstra",
  "Perlman",
  "Thompson",
  "Wilson",
  "Bartik",
  "Borg",
  "Shannon",
  "Jones",
  "Knuth",
];
const titles = [
  "CEO",
  "VP of Sales",
  "Head of Marketing",
  "Software Engineer",
  "Director of Operations",
  "Account Executive",
  "Chief Financial Officer",
  "Product Manager",
  "Senior Data Scientist",
  "HR Business Partner",
  "Founder",
  "Customer Success Manager",
  "Marketing Intern",
  "IT Administrator",
  "General Counsel",
];
const companyWords = [
  "Northwind",
  "Contoso",
  "Globex",
  "Initech",
  "Umbrella",
  "Hooli",
  "Stark",
  "Wayne",
  "Acme",
  "Vandelay",
  "Tyrell",
  "Cyberdyne",
  "Soylent",
  "Wonka",
  "Gringotts",
  "Oscorp",
];
const suffixes = ["Labs", "Systems", "Traders", "Analytics", "Logistics", "Health", "Robotics", "Media"];

interface BenchRow {
  email: string;
  first: string;
  last: string;
  title: string;
  company: string;
  domain: string;
}

/** Deterministic rows: 2,000 companies, people with distinct addresses. */
function makeRows(n: number): BenchRow[] {
  const rows: BenchRow[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2000;
    const company = `${companyWords[c % companyWords.length]} ${suffixes[Math.floor(c / 16) % suffixes.length]} ${c}`;
    const domain = `${company.toLowerCase().replace(/ /g, "-")}.com`;
    const first = firstNames[(i * 7) % firstNames.length]!;
    const last = lastNames[(i * 13) % lastNames.length]!;
    const email = `${first}.${last}${i}@${domain}`.toLowerCase();
    rows.push({ email, first, last, title: titles[(i * 3) % titles.length]!, company, domain });
  }
  return rows;
}

const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
function toCsv(rows: BenchRow[]): string {
  const lines = ["Email,First Name,Last Name,Job Title,Company Name,Website"];
  for (const r of rows)
    lines.push([r.email, r.first, r.last, r.title, r.company, `https://www.${r.domain}`].map(cell).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/**
 * The same rows bulk-inserted into plain SQLite with the same schema (the
 * migrations; `fts: false` leaves out the full-text index and its
 * triggers, to show their share): seconds.
 */
function sqliteBaseline(rows: BenchRow[], dir: string, fts: boolean): number {
  const db = new DatabaseSync(join(dir, `baseline-${fts ? "fts" : "plain"}.sqlite`));
  const migrations = join(root, "migrations");
  for (const file of readdirSync(migrations)
    .filter((f) => f.endsWith(".sql") && (fts || !f.includes("fts")))
    .sort()) {
    db.exec(readFileSync(join(migrations, file), "utf8"));
  }
  db.exec("INSERT INTO tenants (id, name) VALUES ('bench', 'Bench')");
  const insert =
    db.prepare(`INSERT INTO leads (id, tenant_id, email, type, first_name, last_name, full_name, title,
    seniority, department, company, company_domain, email_source, verify_status, verify_reason, icp_score,
    source_url, sources, alternatives, source, refreshed_at, created_at, updated_at)
    VALUES (?, 'bench', ?, 'personal', ?, ?, ?, ?, NULL, NULL, ?, ?, 'published', 'unknown', 'not_verified', 30,
    NULL, '[]', '[]', 'ingest', ?, ?, ?)`);
  const now = new Date().toISOString();
  const started = performance.now();
  db.exec("BEGIN");
  rows.forEach((r, i) => {
    insert.run(
      `lead_${i}`,
      r.email,
      r.first,
      r.last,
      `${r.first} ${r.last}`,
      r.title,
      r.company,
      r.domain,
      now,
      now,
      now,
    );
  });
  db.exec("COMMIT");
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return seconds;
}

const rows = makeRows(rowCount);
const csv = toCsv(rows);
const bytes = Buffer.byteLength(csv);
if (bytes > LIMIT) throw new Error(`the CSV is ${bytes} bytes, over the 5 MiB body limit; use fewer --rows`);
console.error(`[bench] ${rowCount} rows, ${(bytes / 2 ** 20).toFixed(2)} MiB of CSV`);

const stateDir = mkdtempSync(join(tmpdir(), "prospector-bench-ingest-"));
const runs: { round: number; insert_seconds: number; update_seconds: number }[] = [];
const baselines: number[] = [];
const plainBaselines: number[] = [];
const stack = await startLocalStack(stateDir);
try {
  type Answer = { accepted: number; updated: number; rejected: number };
  // wrangler dev reloads the Worker when a source file changes (someone editing meanwhile): send again.
  const post = async (tenant: string, attempt = 1): Promise<{ seconds: number; body: Answer }> => {
    const started = performance.now();
    const res = await fetch(`${stack.api}/ingest`, {
      method: "POST",
      headers: { "Content-Type": "text/csv", "X-Tenant-Id": tenant, "X-User-Id": `${tenant}-user` },
      body: csv,
    });
    const text = await res.text();
    const seconds = (performance.now() - started) / 1000;
    if (res.status !== 200 && /restarted mid-request/.test(text) && attempt < 3) {
      console.error("[bench] the Worker reloaded mid-request; sending again");
      return post(tenant, attempt + 1);
    }
    if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${text.slice(0, 500)}`);
    return { seconds, body: JSON.parse(text) as Answer };
  };
  for (let round = 1; round <= rounds; round++) {
    const tenant = `bench-ingest-${round}`;
    const insert = await post(tenant);
    if (insert.body.accepted !== rowCount)
      throw new Error(`expected ${rowCount} accepted: ${JSON.stringify(insert.body)}`);
    const update = await post(tenant);
    if (update.body.updated !== rowCount)
      throw new Error(`expected ${rowCount} updated: ${JSON.stringify(update.body)}`);
    runs.push({
      round,
      insert_seconds: Number(insert.seconds.toFixed(2)),
      update_seconds: Number(update.seconds.toFixed(2)),
    });
    const baselineDir = mkdtempSync(join(stateDir, "sqlite-"));
    baselines.push(sqliteBaseline(rows, baselineDir, true));
    plainBaselines.push(sqliteBaseline(rows, baselineDir, false));
    console.error(
      `[bench] round ${round}: insert ${insert.seconds.toFixed(2)} s, update ${update.seconds.toFixed(2)} s, ` +
        `sqlite ${baselines.at(-1)!.toFixed(3)} s`,
    );
  }
} finally {
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const insertSeconds = median(runs.map((r) => r.insert_seconds));
const updateSeconds = median(runs.map((r) => r.update_seconds));
const sqliteSeconds = median(baselines);
const summary = {
  date: new Date().toISOString(),
  machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.versions.node}`,
  rows: rowCount,
  bytes,
  rounds,
  goal_seconds: 10,
  insert: { median_seconds: insertSeconds, rows_per_second: Math.round(rowCount / insertSeconds) },
  update: { median_seconds: updateSeconds, rows_per_second: Math.round(rowCount / updateSeconds) },
  sqlite_bulk_insert: {
    median_seconds: Number(sqliteSeconds.toFixed(3)),
    rows_per_second: Math.round(rowCount / sqliteSeconds),
  },
  sqlite_bulk_insert_without_fts: {
    median_seconds: Number(median(plainBaselines).toFixed(3)),
    rows_per_second: Math.round(rowCount / median(plainBaselines)),
  },
  ratio_insert_to_sqlite: Number((insertSeconds / sqliteSeconds).toFixed(1)),
  per_round: runs,
};
const out = join(root, values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
