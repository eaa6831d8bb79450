/**
 * Discovery runs on the local stack (`wrangler dev` + the sidecar), over a
 * sample world of 50 synthetic companies on loopback (static sites, DNS and
 * SMTP: scripts/lib/sample-world.ts), in the same process tree:
 *
 * - a run with `skip_verify`: wall time from POST /runs to the last domain
 *   finished (goal < 60 s), and the Worker's CPU per domain;
 * - the same companies in `full` mode: wall time, addresses verified per
 *   second, and the share of the world's true addresses found with the
 *   expected verdict (goal >= 0.98), per case kind too (the world's hard
 *   cases: catch-all, greylisting, one or no published address, people who
 *   left, full and disabled mailboxes, accented names), with each miss.
 *
 * CPU is workerd's (user + system, from /proc) over the run, divided by the
 * domains: it includes local D1 and the Durable Objects, which run in the
 * same process, so it is an upper bound on the Worker's own. Each round uses
 * a fresh tenant and fresh verification (the D1 cache is per stack, so the
 * full round runs first on a new stack).
 *
 *   npm run bench:runs [-- --companies 50 --rounds 3]
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createRun, followRun, getResults, type RunsApi } from "../scripts/lib/runs-client.ts";
import { scoreAgainstTruth } from "../scripts/lib/sample-score.ts";
import { startSampleWorld } from "../scripts/lib/sample-world.ts";
import { startLocalStack } from "../scripts/local-stack.ts";
import { root } from "../scripts/toolchain.ts";

const { values } = parseArgs({
  options: { companies: { type: "string", default: "50" }, rounds: { type: "string", default: "3" } },
});
const companies = Number(values.companies);
const rounds = Number(values.rounds);
const ticks = 100; // USER_HZ on Linux

/** CPU seconds (user + system) of the workerd processes under `rootPid`. */
function workerdCpuSeconds(rootPid: number): number {
  let total = 0;
  const walk = (pid: number) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (cmd.includes("workerd")) {
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        total += (Number(fields[11]) + Number(fields[12])) / ticks;
      }
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) walk(Number(child));
    } catch {
      // Gone.
    }
  };
  walk(rootPid);
  return total;
}

const sample = await startSampleWorld({ companies, seed: 1 });
const domains = sample.world.companies.map((c) => c.domain);
type Round = {
  mode: string;
  wall_s: number;
  cpu_ms_per_domain: number;
  domains_failed: number;
  leads: number;
  emails_verified: number;
  verified_per_s?: number;
  accuracy?: number;
  right?: number;
  truth?: number;
  wrong_guesses?: number;
  /** Wrong guesses not marked invalid (a wrong address presented as deliverable). */
  wrong_claims?: number;
  by_kind?: Record<string, string>;
  /** Each true address not found with its expected verdict, and what the run gave instead. */
  misses?: string[];
};
const perRound: Round[] = [];
try {
  for (let round = 0; round < rounds; round++) {
    const stateDir = mkdtempSync(join(tmpdir(), "prospector-bench-runs-"));
    const stack = await startLocalStack(stateDir, {
      ENVIRONMENT: "development",
      AUTH_MODE: "dev",
      LOG_LEVEL: "warn",
      ...sample.stackEnv,
    });
    try {
      for (const mode of ["full", "skip_verify"] as const) {
        const api: RunsApi = {
          base: stack.api,
          headers: { "X-Tenant-Id": `bench-${round}-${mode}`, "X-User-Id": `bench-${round}-${mode}-user` },
        };
        const cpuBefore = workerdCpuSeconds(stack.child.pid!);
        const started = performance.now();
        const run = await createRun(
          api,
          domains,
          mode === "full" ? { mode: "full" } : { mode: "full", skip_verify: true },
        );
        const finished = await followRun(api, run.run_id, () => {}, 600_000);
        const wall = (performance.now() - started) / 1000;
        const cpu = workerdCpuSeconds(stack.child.pid!) - cpuBefore;
        if (finished.status !== "succeeded") throw new Error(`run ${finished.status}: ${finished.error}`);
        const results = await getResults(api, run.run_id);
        const entry: Round = {
          mode,
          wall_s: Number(wall.toFixed(2)),
          cpu_ms_per_domain: Math.round((cpu * 1000) / domains.length),
          domains_failed: finished.progress.domains_failed,
          leads: results.length,
          emails_verified: finished.progress.emails_verified,
        };
        if (mode === "full") {
          const score = scoreAgainstTruth(sample.world, results);
          Object.assign(entry, {
            verified_per_s: Number((finished.progress.emails_verified / wall).toFixed(1)),
            accuracy: Number(score.accuracy.toFixed(4)),
            right: score.right,
            truth: score.total,
            wrong_guesses: score.unexpected.length,
            wrong_claims: score.wrongClaims.length,
            by_kind: Object.fromEntries(
              Object.entries(score.byKind).map(([kind, k]) => [kind, `${k.right}/${k.total}`]),
            ),
            misses: [
              ...score.missing.map((m) => {
                const instead = score.chosenInstead.find((c) => c.entry === m)?.lead;
                return `${m.email} [${m.kind}, ${m.expected}]: ${instead ? `chose ${instead.email} (${instead.verify_status})` : "no lead"}`;
              }),
              ...score.wrongStatus.map(
                (w) => `${w.entry.email} [${w.entry.kind}]: ${w.status}, expected ${w.entry.expected}`,
              ),
            ],
          });
        }
        perRound.push(entry);
        console.error(`[bench] round ${round + 1} ${mode}: ${JSON.stringify(entry)}`);
      }
    } finally {
      await stack.stop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  }
} finally {
  await sample.close();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const of = (mode: string) => perRound.filter((r) => r.mode === mode);
const full = of("full");
const quick = of("skip_verify");
const summary = {
  date: new Date().toISOString(),
  machine: `${cpus().length} x ${cpus()[0]?.model ?? "cpu"}, Node ${process.versions.node}`,
  companies,
  rounds,
  skip_verify: {
    wall_s: median(quick.map((r) => r.wall_s)),
    cpu_ms_per_domain: median(quick.map((r) => r.cpu_ms_per_domain)),
    leads: quick[0]?.leads,
  },
  full: {
    wall_s: median(full.map((r) => r.wall_s)),
    cpu_ms_per_domain: median(full.map((r) => r.cpu_ms_per_domain)),
    verified_per_s: median(full.map((r) => r.verified_per_s ?? 0)),
    accuracy: Math.min(...full.map((r) => r.accuracy ?? 0)),
    right: full[0]?.right,
    truth: full[0]?.truth,
    by_kind: full[0]?.by_kind,
  },
  goals: {
    skip_verify_under_60_s: median(quick.map((r) => r.wall_s)) < 60,
    accuracy_min_0_98: Math.min(...full.map((r) => r.accuracy ?? 0)) >= 0.98,
  },
  per_round: perRound,
};
mkdirSync(join(root, "bench/results"), { recursive: true });
writeFileSync(join(root, "bench/results/runs.json"), `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary, null, 2));
