import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { startLocalStack } from "../scripts/local-stack.ts";
import { root } from "../scripts/toolchain.ts";
import { localD1 } from "./lib/local-d1.ts";
import { seedSyntheticLeads } from "./lib/synthetic-leads.ts";

const { values } = parseArgs({
  options: { rows: { type: "string", default: "250000" }, requests: { type: "string", default: "200" } },
});
const rows = Number(values.rows);
const requests = Number(values.requests);
const tenant = "bench-search";

const db = localD1("search");
const stateDir = db.stateDir;
const seedSeconds = seedSyntheticLeads(db, tenant, rows);

const QUERIES = [
  "engineer",
  "sales",
  "manager",
  "head",
  "marketing",
  "eng*",
  "chief officer",
  "director",
  "smith",
  "product manager",
  "vp",
  "analyst",
];
const FILTERS = [
  "verify_status=valid,risky_catch_all&icp_min=40",
  "seniority=manager,director,head&sizes=51-200,201-500",
  "industries=Software,Healthcare&icp_min=30",
  "roles=sales,marketing&verify_status=valid",
];
const FACETS = "facets=verify_status,seniority,industries";

// The per-key rate limit (600/min by default) is lifted: the benchmark measures search, not the limiter.
const stack = await startLocalStack(stateDir, { RATE_LIMIT_PER_MINUTE: "10000000" });
const headers = { "X-Tenant-Id": tenant, "X-User-Id": "bench-user" };
const get = async (query: string) => {
  const started = performance.now();
  const res = await fetch(`${stack.api}/leads/search?${query}`, { headers });
  const body = (await res.json()) as {
    results: { email: string }[];
    next_cursor: string | null;
    facets: Record<string, Record<string, number>>;
    facets_approximate: boolean;
  };
  if (res.status !== 200) throw new Error(`search answered ${res.status}: ${JSON.stringify(body)}`);
  return { ms: performance.now() - started, body };
};
let summary: Record<string, unknown>;
try {
  for (let i = 0; i < 10; i++) await get(`q=warmup${i}&${FACETS}`);
  const times: number[] = [];
  const matched: number[] = [];
  let approximate = 0;
  const queryOf = (i: number) =>
    `q=${encodeURIComponent(QUERIES[i % QUERIES.length]!)}&${FILTERS[i % FILTERS.length]}&${FACETS}&limit=20`;
  for (let i = 0; i < requests; i++) {
    const { ms, body } = await get(queryOf(i));
    times.push(ms);
    if (body.facets_approximate) approximate += 1;
    matched.push(
      Object.values((body.facets as Record<string, Record<string, number>>).verify_status ?? {}).reduce(
        (a, b) => a + b,
        0,
      ),
    );
  }
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p: number) =>
    Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1));

  // Accuracy of estimated facets: each distinct request again with facets_exact=true (timed too).
  const errors: number[] = [];
  const exactTimes: number[] = [];
  const distinct = QUERIES.length * FILTERS.length;
  for (let i = 0; i < distinct; i++) {
    const estimated = await get(queryOf(i));
    const exact = await get(`${queryOf(i)}&facets_exact=true`);
    exactTimes.push(exact.ms);
    if (!estimated.body.facets_approximate) continue;
    for (const [facet, values] of Object.entries(exact.body.facets)) {
      const total = Object.values(values).reduce((a, b) => a + b, 0);
      for (const [value, n] of Object.entries(values)) {
        if (n >= total * 0.05) errors.push(Math.abs((estimated.body.facets[facet]?.[value] ?? 0) - n) / n);
      }
    }
  }
  errors.sort((a, b) => a - b);
  exactTimes.sort((a, b) => a - b);
  const share = (xs: number[], p: number) =>
    xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;

  // Paging: 10,000 results of one filter, 100 per page, against the filter's own count.
  const pagingFilter = "verify_status=valid&sort=verified_at_desc";
  const seen = new Set<string>();
  let duplicates = 0;
  let cursor: string | null = null;
  let pages = 0;
  const pagingStarted = performance.now();
  while (seen.size < 10_000) {
    const { body } = await get(
      `${pagingFilter}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    for (const r of body.results) {
      if (seen.has(r.email)) duplicates += 1;
      seen.add(r.email);
    }
    pages += 1;
    cursor = body.next_cursor;
    if (!cursor) break;
  }
  const pagingSeconds = (performance.now() - pagingStarted) / 1000;
  const expected = db
    .query<{ email: string }>(
      `SELECT email FROM leads WHERE tenant_id = '${tenant}' AND verify_status = 'valid' AND deleted_at IS NULL ORDER BY coalesce(verified_at, '') DESC, id DESC LIMIT 10000`,
    )
    .map((r) => r.email);
  const gaps = expected.filter((e) => !seen.has(e)).length;

  summary = {
    date: new Date().toISOString(),
    machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.versions.node}`,
    rows,
    tenant_rows: rows - Math.floor(rows / 10),
    seed_seconds: Number(seedSeconds.toFixed(1)),
    requests,
    query:
      "q (word, prefix or two words) + 2 filters + facets verify_status, seniority, industries; limit 20",
    p50_ms: pct(50),
    p95_ms: pct(95),
    p99_ms: pct(99),
    max_ms: Number(sorted.at(-1)!.toFixed(1)),
    median_matching_rows: [...matched].sort((a, b) => a - b)[Math.floor(matched.length / 2)],
    requests_with_estimated_facets: approximate,
    facet_estimates: {
      compared_values: errors.length,
      note: "values holding at least 5% of their facet, against facets_exact=true",
      median_relative_error: Number(share(errors, 50).toFixed(4)),
      p95_relative_error: Number(share(errors, 95).toFixed(4)),
      max_relative_error: Number((errors.at(-1) ?? 0).toFixed(4)),
      exact_requests_p50_ms: Number(share(exactTimes, 50).toFixed(1)),
      exact_requests_p95_ms: Number(share(exactTimes, 95).toFixed(1)),
    },
    paging: {
      filter: pagingFilter,
      pages,
      results: seen.size,
      duplicates,
      gaps_against_direct_query: gaps,
      seconds: Number(pagingSeconds.toFixed(2)),
    },
    goals: { p95_max_100_ms: pct(95) <= 100, paging_no_duplicates_or_gaps: duplicates === 0 && gaps === 0 },
  };
} finally {
  await stack.stop();
  db.remove();
}
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/search.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
