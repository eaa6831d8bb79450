/**
 * HTTP load on the local stack (issues #2 and #15): autocannon at 50
 * connections against `GET /health` and three authenticated reads: door
 * 000's `GET /api-keys/{id}` with an API key (key lookup + one D1 read + the
 * rate-limiter Durable Object), door 001's `GET /api/auth/me` with the JWT
 * its sign-up returned, door 004's `GET /api/v1/auth/me` with the token of
 * its OAuth2 password grant (token signature + session row + user read +
 * the limiter), and door 001's `GET /api/subscriptions/usage` (issue 17: the
 * door's own rate-limit window, the subscription read with the session, the
 * period's usage by day from the ledger). Goal: each keeps >= 50% of /health's requests per second,
 * p99 <= 3x.
 *
 * Each endpoint is loaded right after a /health round (health, read, health,
 * door 001, health, door 004, ...) so drift in the machine's load hits both
 * sides of every ratio alike; the figures are medians over the rounds.
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
// Limits high enough that the limiter counts every request but never refuses one; open sign-up for door 001's token.
const stack = await startLocalStack(stateDir, {
  RATE_LIMIT_PER_MINUTE: "10000000",
  RATE_LIMIT_001_PER_15_MIN: "10000000",
  LOG_LEVEL: "warn",
  REGISTRATION_MODE: "open",
});
try {
  const dev = { "X-Tenant-Id": "bench", "X-User-Id": "owner", "Content-Type": "application/json" };
  const res = await fetch(`${stack.api}/api-keys`, {
    method: "POST",
    headers: dev,
    body: JSON.stringify({ name: "bench", scopes: ["read", "admin"] }),
  });
  const { id, key } = (await res.json()) as { id: string; key: string };
  // A person signed up through door 001 (its JWT), signed in through door 004 (its OAuth2 token).
  const email = "bench-door@example.com";
  const password = "bench door password 2026";
  const signUp = await fetch(`${stack.api}/api/auth/signup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password, company_name: "Bench" }),
  });
  if (signUp.status !== 201) throw new Error(`door 001 sign-up: ${signUp.status} ${await signUp.text()}`);
  const { token: jwt001 } = (await signUp.json()) as { token: string };
  const grant = await fetch(`${stack.api}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username: email, password }).toString(),
  });
  if (grant.status !== 200) throw new Error(`door 004 token: ${grant.status} ${await grant.text()}`);
  const { access_token: token004 } = (await grant.json()) as { access_token: string };

  const health = { name: "GET /health", url: `${stack.api}/health`, headers: {} };
  const endpoints: { name: string; url: string; headers: Record<string, string> }[] = [
    {
      name: "GET /api-keys/{id} (API key)",
      url: `${stack.api}/api-keys/${id}`,
      headers: { "X-API-Key": key },
    },
    {
      name: "GET /api/auth/me (door 001, JWT)",
      url: `${stack.api}/api/auth/me`,
      headers: { Authorization: `Bearer ${jwt001}` },
    },
    {
      name: "GET /api/subscriptions/usage (door 001, limited + metered)",
      url: `${stack.api}/api/subscriptions/usage`,
      headers: { Authorization: `Bearer ${jwt001}` },
    },
    {
      name: "GET /api/v1/auth/me (door 004, token)",
      url: `${stack.api}/api/v1/auth/me`,
      headers: { Authorization: `Bearer ${token004}` },
    },
  ];

  // Warm every path (isolate, D1 statements, the limiter object).
  for (const e of [health, ...endpoints]) await load(e.url, e.headers, 3);

  const healthRuns: Figures[] = [];
  const runs = endpoints.map(() => [] as Figures[]);
  const ratios = endpoints.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    // Health before each endpoint, so every ratio compares neighbours in time.
    const line: string[] = [];
    for (const [i, e] of endpoints.entries()) {
      const h = await load(health.url, health.headers, seconds);
      const r = await load(e.url, e.headers, seconds);
      healthRuns.push(h);
      runs[i]!.push(r);
      ratios[i]!.push(r.rps / h.rps);
      line.push(`${e.name} ${r.rps.toFixed(0)} (health ${h.rps.toFixed(0)})`);
    }
    console.log(`round ${round + 1}: ${line.join("; ")} req/s`);
  }
  const h = summarize(healthRuns);
  const results = endpoints.map((e, i) => {
    const figures = summarize(runs[i]!);
    const rpsRatio = median(ratios[i]!);
    const p99Ratio = figures.p99 / Math.max(h.p99, 1);
    return {
      endpoint: e.name,
      ...figures,
      per_round_rps_ratios: ratios[i]!.map((r) => Number(r.toFixed(3))),
      rps_ratio: Number(rpsRatio.toFixed(3)),
      p99_ratio: Number(p99Ratio.toFixed(3)),
      pass: rpsRatio >= 0.5 && p99Ratio <= 3 && figures.non2xx === 0,
    };
  });
  const summary = {
    date: new Date().toISOString(),
    machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.versions.node}`,
    connections,
    rounds,
    seconds_per_round: seconds,
    health: h,
    endpoints: results,
    goals: { rps_ratio_min: 0.5, p99_ratio_max: 3 },
    pass: results.every((r) => r.pass) && h.non2xx === 0,
  };
  mkdirSync(join(root, "bench/results"), { recursive: true });
  writeFileSync(join(root, "bench/results/http-load.json"), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`| endpoint | req/s | p50 ms | p99 ms | non-2xx | req/s vs /health | p99 vs /health |`);
  console.log(`|---|---|---|---|---|---|---|`);
  console.log(`| GET /health | ${h.rps.toFixed(0)} | ${h.p50} | ${h.p99} | ${h.non2xx} | | |`);
  for (const r of results) {
    console.log(
      `| ${r.endpoint} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.rps_ratio} | ${r.p99_ratio} |`,
    );
  }
  console.log(`goals: req/s ratio >= 0.5, p99 ratio <= 3: ${summary.pass ? "PASS" : "FAIL"}`);
} finally {
  await stack.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
