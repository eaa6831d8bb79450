/**
 * `npm start`: the whole local stack. Applies the D1 migrations locally,
 * then runs `wrangler dev` (API on 127.0.0.1:$PORT, default 8787) and the
 * SMTP sidecar (127.0.0.1:$SIDECAR_PORT, default 8025). Ctrl-C stops both;
 * if either one dies, the other is stopped and the exit is reported.
 * Local data persists under .wrangler/state across restarts.
 */

import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureBrowserWrapper } from "./browser-setup.ts";
import { resolveWorkerVars, toEnvFile } from "./settings.ts";
import { assertNode22, bin, childEnv, root, runOrExit, startChild, stopChild } from "./toolchain.ts";

assertNode22();

const port = process.env.PORT ?? "8787";
const sidecarPort = process.env.SIDECAR_PORT ?? "8025";
// PROSPECTOR_STATE_DIR moves all local state (tests use a temporary one).
const stateDir = process.env.PROSPECTOR_STATE_DIR ?? join(root, ".wrangler");
const persistTo = join(stateDir, "state");
mkdirSync(stateDir, { recursive: true });

// A local sidecar secret shared by the Worker and the sidecar, kept across restarts.
const secretFile = join(stateDir, "sidecar-secret");
if (!process.env.SIDECAR_SECRET) {
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
  process.env.SIDECAR_SECRET = readFileSync(secretFile, "utf8").trim();
}

// Browser Rendering runs on Debian's Chromium through a wrapper where miniflare expects Chrome.
try {
  ensureBrowserWrapper();
} catch (err) {
  console.warn(`[start] Browser Rendering unavailable: ${err instanceof Error ? err.message : String(err)}`);
}

const wranglerEnv = childEnv({ CI: "1", WRANGLER_SEND_METRICS: "false" });
console.log("[start] applying D1 migrations locally");
runOrExit(
  bin("wrangler"),
  ["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo],
  wranglerEnv,
);

const envFile = join(stateDir, "dev.env");
writeFileSync(
  envFile,
  toEnvFile(resolveWorkerVars({ ...process.env, PORT: port, SIDECAR_PORT: sidecarPort })),
  {
    mode: 0o600,
  },
);
chmodSync(envFile, 0o600);

const api = startChild(
  "api",
  bin("wrangler"),
  [
    "dev",
    "--local",
    "--ip",
    "127.0.0.1",
    "--port",
    port,
    "--persist-to",
    persistTo,
    "--env-file",
    envFile,
    "--show-interactive-dev-session=false",
  ],
  wranglerEnv,
);
const sidecar = startChild(
  "sidecar",
  process.execPath,
  [join(root, "workers/smtp-sidecar/src/main.ts")],
  // HOST is set explicitly: some shells export a HOST variable that would become the listen address.
  // ENVIRONMENT is the Worker's (development unless set), so ALLOW_PRIVATE_TARGETS from the
  // environment lifts the sidecar's MX target guard as it lifts the crawler's (the demo's mail world).
  childEnv({ PORT: sidecarPort, HOST: "127.0.0.1", ENVIRONMENT: resolveWorkerVars(process.env).ENVIRONMENT }),
);

let stopping = false;
function stopAll(code: number) {
  if (stopping) return;
  stopping = true;
  stopChild(api);
  stopChild(sidecar);
  setTimeout(() => {
    stopChild(api, "SIGKILL");
    stopChild(sidecar, "SIGKILL");
    process.exit(code);
  }, 3000).unref();
  let left = 2;
  const done = () => {
    left -= 1;
    if (left === 0) process.exit(code);
  };
  for (const child of [api, sidecar]) {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once("exit", done);
  }
}

for (const [name, child] of [
  ["api", api],
  ["sidecar", sidecar],
] as const) {
  child.on("exit", (code, signal) => {
    if (stopping) return;
    console.error(`[start] ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the stack`);
    stopAll(1);
  });
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    console.log(`[start] ${signal}: stopping the stack`);
    stopAll(0);
  });
}
console.log(`[start] API on http://127.0.0.1:${port}  sidecar on http://127.0.0.1:${sidecarPort}`);
