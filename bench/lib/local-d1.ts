/**
 * A local D1 for benchmarks: a fresh state directory that `startLocalStack`
 * later serves, with the migrations applied and SQL run through `wrangler d1
 * execute` before the stack starts (seeding large tables in a few statements).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bin, childEnv, root } from "../../scripts/toolchain.ts";

export function localD1(prefix: string) {
  const stateDir = mkdtempSync(join(tmpdir(), `prospector-bench-${prefix}-`));
  const persistTo = join(stateDir, "state");
  mkdirSync(persistTo, { recursive: true });
  const env = childEnv({ CI: "1", WRANGLER_SEND_METRICS: "false" });
  const wrangler = (args: string[]) =>
    execFileSync(bin("wrangler"), args, { cwd: root, env, stdio: "pipe", maxBuffer: 64 * 2 ** 20 });
  return {
    stateDir,
    migrate: () => wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo]),
    /** Runs SQL (several statements allowed). */
    execute: (sql: string) =>
      wrangler(["d1", "execute", "DB", "--local", "--persist-to", persistTo, "--command", sql]),
    /** Runs one query and returns its rows. */
    query: <T>(sql: string): T[] =>
      JSON.parse(
        wrangler([
          "d1",
          "execute",
          "DB",
          "--local",
          "--persist-to",
          persistTo,
          "--json",
          "--command",
          sql,
        ]).toString(),
      )[0].results as T[],
    remove: () => rmSync(stateDir, { recursive: true, force: true }),
  };
}
