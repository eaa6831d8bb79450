/**
 * HTTP load on the local stack (issue #2's figure): autocannon at 50
 * connections against `GET /health` and an authenticated tenant read
 * (`GET /api-keys/{id}` with an API key: key lookup + one D1 read + the
 * rate-limiter Durable Object), in the same run. Goal: the authenticated
 * read keeps >= 50% of /health's requests per second and its p99 is <= 3x.
 *
 * The two endpoints are loaded in alternating rounds (health, read, health,
 * read, ...) so drift in the machine's load hits both alike; the figures are
 * medians over the rounds.
 *
 *   npm run bench:http [-- --rounds 6 --seconds 5 --connections 50]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { startLocalStack } from "../scripts/local-stack.ts";
import { root } from "../scripts/toolchain.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "50" },
  },
});
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function summarize(runs: Figures[]): Figures {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((n, r) => n + r.non2xx, 0),
    errors: runs.reduce((n, r) => n + r.errors, 0),
  };
}

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, headers: Record<string, string>, seconds: number): Promise<Figures> {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const stateDir = mkdtempSync(join(tmpdir(), "prospector-bench-"));
// Limits high enough that the limiter counts every request but never refuses one.
const stack = await startLocalStack(stateDir, { RATE_LIMIT_PER_MINUTE: "10000000", LOG_LEVEL: "warn" });
try {
  const dev = { "X-Tenant-Id": "bench", "X-User-Id": "owner", "Content-Type": "application/json" };
  const res = await fetch(`${stack.api}/api-keys`, {
    method: "POST",
    headers: dev,
    body: JSON.stringify({ name: "bench", scopes: ["read", "admin"] }),
  });
  const { id, key } = (await res.json()) as { id: string; key: string };
  const health = `${stack.api}/health`;
  const tenantRead = `${stack.api}/api-keys/${id}`;
  const auth = { "X-API-Key": key };

  // Warm both paths (isolate, D1 statements, the limiter object).
  await load(health, {}, 3);
  await load(tenantRead, auth, 3);

  const healthRuns: Figures[] = [];
  const readRuns: Figures[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round++) {
    healthRuns.push(await load(health, {}, seconds));
    readRuns.push(await load(tenantRead, auth, seconds));
    ratios.push(readRuns.at(-1)!.rps / healthRuns.at(-1)!.rps);
    console.log(
      `round ${round + 1}: health ${healthRuns.at(-1)!.rps.toFixed(0)} req/s, read ${readRuns.at(-1)!.rps.toFixed(0)} req/s`,
    );
  }
  const h = summarize(healthRuns);
  const a = summarize(readRuns);
  const rpsRatio = median(ratios);
  const p99Ratio = a.p99 / Math.max(h.p99, 1);
  const summary = {
    date: new Date().toISOString(),
    machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.versions.node}`,
    connections,
    rounds,
    seconds_per_round: seconds,
    per_round_rps_ratios: ratios.map((r) => Number(r.toFixed(3))),
    health: h,
    authenticated_read: a,
    rps_ratio: Number(rpsRatio.toFixed(3)),
    p99_ratio: Number(p99Ratio.toFixed(3)),
    goals: { rps_ratio_min: 0.5, p99_ratio_max: 3 },
    pass: rpsRatio >= 0.5 && p99Ratio <= 3 && a.non2xx === 0 && h.non2xx === 0,
  };
  mkdirSync(join(root, "bench/results"), { recursive: true });
  writeFileSync(join(root, "bench/results/http-load.json"), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`| endpoint | req/s | p50 ms | p99 ms | non-2xx |`);
  console.log(`|---|---|---|---|---|`);
  console.log(`| GET /health | ${h.rps.toFixed(0)} | ${h.p50} | ${h.p99} | ${h.non2xx} |`);
  console.log(`| GET /api-keys/{id} (API key) | ${a.rps.toFixed(0)} | ${a.p50} | ${a.p99} | ${a.non2xx} |`);
  console.log(
    `rps ratio ${summary.rps_ratio} (goal >= 0.5), p99 ratio ${summary.p99_ratio} (goal <= 3): ${summary.pass ? "PASS" : "FAIL"}`,
  );
} finally {
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
