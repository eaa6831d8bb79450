/** `npm run db:rebuild-fts`: the lead search index is derived, and the command rebuilds it from the leads. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bin, childEnv, root } from "../../scripts/toolchain.ts";

const stateDir = mkdtempSync(join(tmpdir(), "prospector-fts-test-"));
const env = childEnv({ CI: "1", WRANGLER_SEND_METRICS: "false", PROSPECTOR_STATE_DIR: stateDir });
const d1 = (sql: string): { n: number }[] => {
  const out = execFileSync(
    bin("wrangler"),
    ["d1", "execute", "DB", "--local", "--persist-to", join(stateDir, "state"), "--json", "--command", sql],
    { cwd: root, env, stdio: "pipe" },
  ).toString();
  return JSON.parse(out)[0].results;
};
const rebuild = (...args: string[]) =>
  execFileSync(process.execPath, [join(root, "scripts/rebuild-fts.ts"), ...args], {
    cwd: root,
    env,
    stdio: "pipe",
  });

afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe("the lead search index", () => {
  it("is created by the migrations from the same SQL the rebuild command runs", () => {
    const migration = readFileSync(join(root, "migrations/0005_leads_fts.sql"), "utf8");
    expect(migration).toBe(readFileSync(join(root, "src/db/sql/leads-fts.sql"), "utf8"));
  });

  it("is dropped with --drop and rebuilt from the leads table", () => {
    execFileSync(
      bin("wrangler"),
      ["d1", "migrations", "apply", "DB", "--local", "--persist-to", join(stateDir, "state")],
      { cwd: root, env, stdio: "pipe" },
    );
    d1(
      "INSERT INTO tenants (id, name) VALUES ('t', 'T'); " +
        "INSERT INTO leads (id, tenant_id, email, type, company_domain, email_source, verify_status, verify_reason, " +
        "icp_score, sources, alternatives, full_name, title) VALUES ('l1', 't', 'ann.lee@acme.test', 'personal', " +
        "'acme.test', 'published', 'valid', 'r', 50, '[]', '[]', 'Ann Lee', 'CTO')",
    );
    const matches = () => d1("SELECT count(*) AS n FROM leads_fts WHERE leads_fts MATCH 'ann'")[0]!.n;
    expect(matches()).toBe(1);
    rebuild("--drop");
    expect(() => matches()).toThrow();
    rebuild();
    expect(matches()).toBe(1);
    // The triggers are back too: a new lead is indexed as it is written.
    d1(
      "INSERT INTO leads (id, tenant_id, email, type, company_domain, email_source, verify_status, verify_reason, " +
        "icp_score, sources, alternatives, full_name) VALUES ('l2', 't', 'ann.other@acme.test', 'personal', " +
        "'acme.test', 'published', 'valid', 'r', 50, '[]', '[]', 'Ann Other')",
    );
    expect(matches()).toBe(2);
  }, 120_000);
});
