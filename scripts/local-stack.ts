/**
 * Starts `scripts/start.ts` as a child on free loopback ports with its own
 * state directory, and waits until the API and the sidecar answer. Shared by
 * the local-stack test and the benchmarks.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { root } from "./toolchain.ts";

export interface RunningStack {
  child: ChildProcess;
  api: string;
  sidecar: string;
  output: () => string;
  exited: Promise<number | null>;
  /** Ctrl-C the whole stack and wait for it to exit. */
  stop: () => Promise<number | null>;
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      if (!address || typeof address === "string") return reject(new Error("no port"));
      server.close(() => resolve(address.port));
    });
  });
}

/** True when GET url answers 2xx within two seconds. */
export async function answers(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

export async function startLocalStack(
  stateDir: string,
  env: Record<string, string> = {},
): Promise<RunningStack> {
  const [apiPort, sidecarPort] = [await freePort(), await freePort()];
  let output = "";
  const child = spawn(process.execPath, [join(root, "scripts/start.ts")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(apiPort),
      SIDECAR_PORT: String(sidecarPort),
      PROSPECTOR_STATE_DIR: stateDir,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, "SIGINT");
      } catch {
        // The group is already gone (it exited between the check and the signal): nothing to stop.
      }
    }
    return exited;
  };
  const stack = {
    child,
    api: `http://127.0.0.1:${apiPort}`,
    sidecar: `http://127.0.0.1:${sidecarPort}`,
    output: () => output,
    exited,
    stop,
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if ((await answers(`${stack.api}/health`)) && (await answers(`${stack.sidecar}/health`))) return stack;
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the local stack did not come up:\n${output}`);
}
