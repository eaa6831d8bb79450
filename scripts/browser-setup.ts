/**
 * Local Browser Rendering without a download: miniflare looks for Chrome
 * for Testing 126.0.6478.182 under $XDG_CACHE_HOME/.wrangler/chrome/ and
 * downloads it when missing (impossible offline). This puts an executable
 * wrapper at that path that runs Debian's Chromium with the flags this
 * machine needs, plus any extra flags in $PROSPECTOR_CHROME_FLAGS (tests map
 * the fixture hosts to loopback with --host-resolver-rules). Run by
 * `npm start` and by the tests; idempotent. Run it directly to repair:
 * `node scripts/browser-setup.ts`.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export const CHROME_BUILD = "126.0.6478.182";
export const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Where miniflare expects the Chrome binary. */
export function chromePath(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, ".wrangler", "chrome", `linux-${CHROME_BUILD}`, "chrome-linux64", "chrome");
}

const wrapper = `#!/bin/sh
# Written by scripts/browser-setup.ts: miniflare's Chrome, served by Debian's Chromium.
exec ${SYSTEM_CHROMIUM} --no-sandbox --disable-gpu --disable-quic --no-first-run \\
  --disable-background-networking --disable-component-update --disable-sync \\
  $PROSPECTOR_CHROME_FLAGS "$@"
`;

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
