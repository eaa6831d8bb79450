/**
 * `npm run db:rebuild-fts [-- --remote] [-- --drop]`: the lead search index
 * (FTS5 table `leads_fts` and its triggers) is derived data: this drops it
 * and builds it again from `leads` (src/db/sql/leads-fts.sql), locally (the
 * state `npm start` uses) or in the remote D1. `--drop` only removes it, for
 * `wrangler d1 export`, which refuses databases with virtual tables; run the
 * command again without `--drop` afterwards.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { assertNode22, bin, childEnv, root } from "./toolchain.ts";

assertNode22();
const { values } = parseArgs({ options: { remote: { type: "boolean" }, drop: { type: "boolean" } } });
const stateDir = process.env.PROSPECTOR_STATE_DIR ?? join(root, ".wrangler");
const sqlFile = join(root, "src/db/sql/leads-fts.sql");
let file = sqlFile;
let tmp: string | null = null;
if (values.drop) {
  tmp = mkdtempSync(join(tmpdir(), "prospector-fts-"));
  file = join(tmp, "drop-fts.sql");
  writeFileSync(
    file,
    [
      "DROP TRIGGER IF EXISTS leads_fts_ai;",
      "DROP TRIGGER IF EXISTS leads_fts_ad;",
      "DROP TRIGGER IF EXISTS leads_fts_au;",
      "DROP TABLE IF EXISTS leads_fts;",
    ].join("\n"),
  );
}
const target = values.remote ? ["--remote"] : ["--local", "--persist-to", join(stateDir, "state")];
try {
  execFileSync(bin("wrangler"), ["d1", "execute", "DB", ...target, "--file", file, "--yes"], {
    cwd: root,
    env: childEnv({ CI: "1", WRANGLER_SEND_METRICS: "false" }),
    stdio: "inherit",
  });
  console.log(
    values.drop
      ? "Lead search index dropped; search answers nothing until `npm run db:rebuild-fts`."
      : "Lead search index rebuilt from the leads table.",
  );
} finally {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}
