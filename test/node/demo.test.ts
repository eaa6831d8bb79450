/**
 * `npm run demo` for real, with no stdin as in CI: the sample world, the
 * local stack pointed at it, one full run followed over the live events,
 * the leads and the accuracy against the sample world's answer key, and
 * everything stopped afterwards; Ctrl-C in the middle stops it all too.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateSampleWorld } from "../../scripts/lib/sample-world.ts";
import { answers } from "../../scripts/local-stack.ts";

const dir = mkdtempSync(join(tmpdir(), "prospector-demo-"));
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

function demo(args: string[]) {
  const child = spawn(
    process.execPath,
    [join(import.meta.dirname, "../../scripts/demo.ts"), "--state-dir", join(dir, "state"), ...args],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  running.push(child);
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  // "close", not "exit": a child's last writes can still be in its pipes when it exits (on a busy machine they
  // arrive after "exit"); "close" comes once its stdout and stderr have ended, so the output is whole.
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

interface Summary {
  status: string;
  run_wall_ms: number;
  api: string;
  sidecar: string;
  accuracy: { right: number; total: number; accuracy: number };
  results: { email: string; company_domain: string; verify_status: string; email_source: string }[];
}

describe("npm run demo", () => {
  it("runs the sample companies end to end, finds their people with the right addresses, and stops", async () => {
    const json = join(dir, "summary.json");
    const run = demo(["--companies", "6", "--seed", "1", "--json", json]);
    const code = await run.exited;
    expect(code, run.output()).toBe(0);
    const summary = JSON.parse(readFileSync(json, "utf8")) as Summary;
    expect(summary.status).toBe("succeeded");
    const world = generateSampleWorld({ companies: 6, seed: 1 });
    for (const c of world.companies) {
      const leads = summary.results.filter((r) => r.company_domain === c.domain);
      expect(leads.length, c.domain).toBeGreaterThanOrEqual(c.people.length);
    }
    // Guessed addresses (not on the site) were found and verified, the catch-all was recognised.
    expect(summary.results.some((r) => r.email_source === "generated" && r.verify_status === "valid")).toBe(
      true,
    );
    expect(summary.results.some((r) => r.verify_status === "risky_catch_all")).toBe(true);
    expect(summary.accuracy.accuracy).toBeGreaterThanOrEqual(0.9);

    const out = run.output();
    expect(out).toMatch(/\[#{24}\] 6\/6 domains/);
    expect(out).toMatch(/name +title +email +status +source +score/);
    expect(out).toContain(
      `Accuracy against the sample world: ${summary.accuracy.right}/${summary.accuracy.total}`,
    );
    expect(await answers(`${summary.api}/health`)).toBe(false);
    expect(await answers(`${summary.sidecar}/health`)).toBe(false);
  }, 120_000);

  it("stops the stack and the sample world on Ctrl-C", async () => {
    const run = demo(["--companies", "3", "--seed", "2"]);
    // As long as the stack may take to come up on a busy machine (startLocalStack gives it 120 s), or until it dies.
    const deadline = Date.now() + 150_000;
    while (
      !/up in .*\(API (http:\/\/[\d.:]+)\)/.test(run.output()) &&
      run.child.exitCode === null &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const api = /\(API (http:\/\/[\d.:]+)\)/.exec(run.output())?.[1];
    expect(api, run.output()).toBeDefined();
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
    expect(run.output()).toContain("Stopping the stack... done.");
    expect(await answers(`${api}/health`)).toBe(false);
  }, 200_000);

  it("stops on SIGTERM while the stack is still starting, with 143, leaving nothing running", async () => {
    const run = demo(["--companies", "2", "--seed", "3"]);
    const deadline = Date.now() + 60_000;
    while (!run.output().includes("Starting the local stack") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(143);
    const output = run.output();
    expect(output).toContain("SIGTERM: stopping");
    // Told before it came up: it is stopped as soon as it answers, and says so.
    const api = /\(API (http:\/\/[\d.:]+)\)/.exec(output)?.[1];
    if (api) {
      expect(output).toContain("Stopping the stack... done.");
      expect(await answers(`${api}/health`)).toBe(false);
    }
  }, 200_000);
});
