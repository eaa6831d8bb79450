/**
 * Local Browser Rendering without a download: miniflare looks for Chrome
 * for Testing 126.0.6478.182 under $XDG_CACHE_HOME/.wrangler/chrome/ and
 * downloads it when missing (impossible offline). This puts an executable
 * wrapper at that path that runs Debian's Chromium with the flags this
 * machine needs. For tests and the local demo only, a host-resolver rule
 * written next to the wrapper (`setTestHostRule("MAP *.test 127.0.0.1:8123")`)
 * sends the sample sites to a loopback server and accepts its self-signed
 * certificate; miniflare starts Chrome with an empty environment, so a file is
 * the only way in. Run by
 * `npm start` and by the tests; idempotent. Run it directly to repair:
 * `node scripts/browser-setup.ts`.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export const CHROME_BUILD = "126.0.6478.182";
export const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where miniflare expects the Chrome binary. */
export function chromePath(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, ".wrangler", "chrome", `linux-${CHROME_BUILD}`, "chrome-linux64", "chrome");
}

const TEST_HOSTS_FILE = "prospector-test-hosts";

// Shell builtins only: miniflare gives Chrome an empty environment (no PATH).
const wrapper = `#!/bin/sh
# Written by scripts/browser-setup.ts: miniflare's Chrome, served by Debian's Chromium.
set -- --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \\
  --disable-component-update --disable-sync "$@"
rules_file="\${0%/*}/${TEST_HOSTS_FILE}"
if [ -f "$rules_file" ]; then
  read -r rules < "$rules_file"
  set -- "--host-resolver-rules=$rules" --ignore-certificate-errors "$@"
fi
exec ${SYSTEM_CHROMIUM} "$@"
`;

/** Sends matching hosts to a loopback server for tests and the demo (null removes the rule). */
export function setTestHostRule(rule: string | null, env: NodeJS.ProcessEnv = process.env): void {
  const file = join(dirname(chromePath(env)), TEST_HOSTS_FILE);
  if (rule === null) rmSync(file, { force: true });
  else {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${rule}\n`);
  }
}

/** Writes the wrapper (when missing or different); throws when Chromium itself is missing. */
export function ensureBrowserWrapper(env: NodeJS.ProcessEnv = process.env): string {
  if (!existsSync(SYSTEM_CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${SYSTEM_CHROMIUM}: apt-get install -y chromium (npm test does this as root)`,
    );
  }
  const path = chromePath(env);
  if (!existsSync(path) || readFileSync(path, "utf8") !== wrapper) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, wrapper);
  }
  chmodSync(path, 0o755);
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`Chrome wrapper at ${ensureBrowserWrapper()}`);
}
