/** `node src/main.ts` for real: refuses to start without a proper secret, serves /health with one. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
const children: ChildProcess[] = [];

function start(env: Record<string, string>) {
  const { SIDECAR_SECRET: _drop, ...inherited } = process.env;
  const child = spawn(process.execPath, [main], {
    env: { ...inherited, HELO_NAME: "verify.example.test", ...env },
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

describe("main.ts", () => {
  it("exits with a clear message when SIDECAR_SECRET is missing or short", async () => {
    for (const env of [{}, { SIDECAR_SECRET: "too-short" }] as Record<string, string>[]) {
      const run = start(env);
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toMatch(/SIDECAR_SECRET must be set to at least 32 characters/);
    }
  });

  it("starts, logs JSON and serves /health with a proper secret", async () => {
    const run = start({ SIDECAR_SECRET: "x".repeat(40), PORT: "0" });
    const deadline = Date.now() + 10_000;
    let port: number | null = null;
    while (port === null && Date.now() < deadline && run.child.exitCode === null) {
      const line = run
        .stdout()
        .split("\n")
        .find((l) => l.includes("smtp-sidecar listening"));
      if (line) port = (JSON.parse(line) as { port: number }).port;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(port).not.toBeNull();
    const res = await fetch(`http://127.0.0.1:${port}/health`);
    expect(res.status).toBe(200);
    run.child.kill("SIGTERM");
    expect(await run.exited).toBe(0);
    expect(run.stdout()).not.toContain("x".repeat(40));
  });
});
