// Completes package-lock.json with the other platforms' optional binaries
// (biome, workerd builds for darwin, win32, android, musl). The registry this
// project is built from does not serve those, so `npm install` leaves them
// out and `npm ci` then calls the lock out of sync. Each entry names its
// os/cpu, so npm skips it on Linux and fetches it normally elsewhere.
// Runs as the root `postinstall`; writes only when something was missing.
// Plain JavaScript on purpose: it may run on any Node that npm runs on.
import { readFileSync, writeFileSync } from "node:fs";

const platforms = [
  [/-android-arm64$/, { os: ["android"], cpu: ["arm64"] }],
  [/-android-x64$/, { os: ["android"], cpu: ["x64"] }],
  [/-darwin-arm64$/, { os: ["darwin"], cpu: ["arm64"] }],
  [/-darwin-(x64|64)$/, { os: ["darwin"], cpu: ["x64"] }],
  [/-linux-arm64-musl$/, { os: ["linux"], cpu: ["arm64"], libc: ["musl"] }],
  [/-linux-x64-musl$/, { os: ["linux"], cpu: ["x64"], libc: ["musl"] }],
  [/-win32-arm64$/, { os: ["win32"], cpu: ["arm64"] }],
  [/-(win32-x64|windows-64)$/, { os: ["win32"], cpu: ["x64"] }],
];

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

function resolves(fromKey, name) {
  let base = fromKey;
  for (;;) {
    if (packages[base ? `${base}/node_modules/${name}` : `node_modules/${name}`]) return true;
    if (!base) return false;
    const i = base.lastIndexOf("/node_modules/");
    base = i >= 0 ? base.slice(0, i) : "";
  }
}

let added = 0;
for (const [key, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(key, name)) continue;
    const platform = platforms.find(([pattern]) => pattern.test(name));
    if (!platform) {
      console.error(
        `complete-lockfile: ${name} (optional dependency of ${key}) is missing and its platform is unknown`,
      );
      process.exit(1);
    }
    packages[`${key}/node_modules/${name}`] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform[1],
    };
    added += 1;
  }
}
if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : 1)),
  );
  writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`complete-lockfile: added ${added} other-platform optional packages to package-lock.json`);
}
