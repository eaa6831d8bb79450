/**
 * `npm run demo`: Prospector end to end on one machine, offline. Starts a
 * sample world of synthetic companies on loopback (websites, DNS and SMTP:
 * scripts/lib/sample-world.ts), starts the local stack pointed at it on free
 * ports with its own state (.wrangler/demo, wiped first, so `npm start` data
 * is untouched), runs a full discovery run over the companies while drawing
 * its progress from the live WebSocket events, prints the leads and how
 * many the run got right against the sample world's answer key, and stops
 * everything (Ctrl-C too). Exits 0 when the run succeeded.
 *
 *   npm run demo                          6 companies
 *   npm run demo -- --companies 20 --seed 7
 *   npm run demo -- --json demo.json      also write a machine-readable summary
 */
import { rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { accuracyLine, leadsTable, ProgressView } from "./lib/demo-view.ts";
import { createRun, followRun, getResults, type RunsApi } from "./lib/runs-client.ts";
import { scoreAgainstTruth } from "./lib/sample-score.ts";
import { type RunningSampleWorld, startSampleWorld } from "./lib/sample-world.ts";
import { type RunningStack, startLocalStack } from "./local-stack.ts";
import { assertNode22, root } from "./toolchain.ts";

assertNode22();

const { values: args } = parseArgs({
  options: {
    companies: { type: "string", default: "6" },
    seed: { type: "string", default: "1" },
    "state-dir": { type: "string", default: join(root, ".wrangler", "demo") },
    json: { type: "string" },
    timeout: { type: "string", default: "300" },
    help: { type: "boolean", default: false },
  },
});
if (args.help) {
  console.log(
    "npm run demo -- [--companies N] [--seed S] [--timeout SECONDS] [--json FILE] [--state-dir DIR]",
  );
  process.exit(0);
}
const companies = Number(args.companies);
const seed = Number(args.seed);
const timeoutS = Number(args.timeout);
if (
  !Number.isInteger(companies) ||
  companies < 1 ||
  companies > 500 ||
  !Number.isInteger(seed) ||
  !(timeoutS > 0)
) {
  console.error("demo: --companies must be 1 to 500, --seed an integer, --timeout a number of seconds");
  process.exit(2);
}
const stateDir = resolve(args["state-dir"]);

let sample: RunningSampleWorld | null = null;
let stack: RunningStack | null = null;
let stopping: Promise<void> | null = null;
let interrupted = false;
/** The exit code of the signal that interrupted the demo (130 for SIGINT, 143 for SIGTERM). */
let interruptCode = 130;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Stops the stack and the sample world (once). Never rejects: a step that
 * fails is reported and the next one still runs, so an interrupted demo
 * always gets to its exit code (an unhandled rejection here used to end it
 * with 1 instead of 130 on a busy machine).
 */
function stopAll(): Promise<void> {
  const step = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      console.error(`\ndemo: stopping ${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  stopping ??= (async () => {
    const running = stack;
    if (running) {
      process.stdout.write("Stopping the stack... ");
      await step("the stack", () => running.stop());
      console.log("done.");
    }
    const world = sample;
    if (world) await step("the sample world", () => world.close());
  })();
  return stopping;
}

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    interruptCode = code;
    console.log(
      `\n${signal}: stopping${stack ? "" : " (the stack is still starting: it is stopped as soon as it answers)"}`,
    );
    if (stack || !sample) void stopAll().then(() => process.exit(code));
    // Otherwise the stack is still starting: main() stops everything once it answers, and exits with `code`.
  });
}

/**
 * What a stop breaks while main() is still at work (a request in flight, the progress socket) must not
 * end the demo with 1 before the stop path exits with the signal's code; before a signal, it is a failure.
 */
const failedAfterStop = (err: unknown) => {
  if (interrupted) return;
  console.error(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
};
process.on("uncaughtException", failedAfterStop);
process.on("unhandledRejection", failedAfterStop);

async function main(): Promise<number> {
  const started = Date.now();
  sample = await startSampleWorld({ companies, seed });
  const domains = sample.world.companies.map((c) => c.domain);
  console.log(`Prospector demo: ${companies} sample companies on loopback (seed ${seed})`);
  console.log(
    `  websites ${sample.webOrigin}  DNS ${sample.mail.dnsServer}  SMTP port ${sample.mail.smtpPort}`,
  );

  process.stdout.write("Starting the local stack (wrangler dev + SMTP sidecar)... ");
  rmSync(stateDir, { recursive: true, force: true });
  stack = await startLocalStack(stateDir, {
    ENVIRONMENT: "development",
    AUTH_MODE: "dev",
    LOG_LEVEL: "warn",
    ...sample.stackEnv,
  });
  console.log(`up in ${seconds(Date.now() - started)} (API ${stack.api})`);
  if (interrupted) return interruptCode;

  const api: RunsApi = { base: stack.api, headers: { "X-Tenant-Id": "dev", "X-User-Id": "user_dev" } };
  const runStarted = Date.now();
  const run = await createRun(api, domains, { mode: "full" });
  // Interrupted while the run was being made: the stop path owns the output and the exit from here.
  if (interrupted) return interruptCode;
  console.log(`Run ${run.run_id} over ${run.domains_total} domains (full mode)`);
  const view = new ProgressView();
  const finished = await followRun(api, run.run_id, (e) => view.event(e), timeoutS * 1000);
  view.done();
  const wallMs = Date.now() - runStarted;
  const p = finished.progress;
  console.log(
    `Run ${finished.status} in ${seconds(wallMs)}: ${p.domains_completed}/${p.domains_total} domains` +
      ` (${p.domains_failed} failed), ${p.emails_found} emails, ${p.emails_verified} verified, ${p.leads_found} leads`,
  );
  for (const d of finished.domain_details.filter((d) => d.error)) console.log(`  ${d.domain}: ${d.error}`);

  const results = await getResults(api, run.run_id);
  console.log(`\n${leadsTable(results)}\n`);
  const accuracy = scoreAgainstTruth(sample.world, results);
  console.log(accuracyLine(accuracy));
  const byKind = Object.entries(accuracy.byKind).map(([kind, k]) => `${kind} ${k.right}/${k.total}`);
  console.log(`  by case: ${byKind.join(", ")}`);
  for (const m of accuracy.missing) {
    const instead = accuracy.chosenInstead.find((c) => c.entry === m)?.lead;
    console.log(
      `  missing: ${m.email}${m.name ? ` (${m.name})` : ""} [${m.kind}]` +
        (instead ? `, the run chose ${instead.email} (${instead.verify_status})` : ""),
    );
  }
  for (const w of accuracy.wrongStatus)
    console.log(`  ${w.entry.email} [${w.entry.kind}]: ${w.status}, expected ${w.entry.expected}`);
  for (const u of accuracy.unexpected) console.log(`  wrong guess: ${u.email} (${u.verify_status})`);

  if (args.json) {
    const summary = {
      run_id: run.run_id,
      status: finished.status,
      companies,
      seed,
      run_wall_ms: wallMs,
      total_ms: Date.now() - started,
      api: stack.api,
      sidecar: stack.sidecar,
      progress: finished.progress,
      accuracy,
      results,
    };
    writeFileSync(args.json, `${JSON.stringify(summary, null, 2)}\n`);
  }
  if (finished.status !== "succeeded") {
    console.error(`demo: the run ${finished.status}${finished.error ? `: ${finished.error}` : ""}`);
    return 1;
  }
  return 0;
}

let code: number;
try {
  code = await main();
} catch (err) {
  if (interrupted) {
    // The signal handler is stopping everything and exits; wait for it (and exit here if it already stopped).
    await stopAll();
    process.exit(interruptCode);
  }
  console.error(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
  const output = (stack as RunningStack | null)?.output().trim();
  if (output) console.error(`\nThe stack's last output:\n${output.split("\n").slice(-40).join("\n")}`);
  code = 1;
}
await stopAll();
process.exit(interrupted ? interruptCode : code);
