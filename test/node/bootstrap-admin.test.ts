/** `npm run admin:bootstrap`: the first platform administrator, once, on purpose. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bin, childEnv, root } from "../../scripts/toolchain.ts";
import { verifyPassword } from "../../src/domain/identity/password.ts";

const stateDir = mkdtempSync(join(tmpdir(), "prospector-bootstrap-test-"));
const env = childEnv({ CI: "1", WRANGLER_SEND_METRICS: "false", PROSPECTOR_STATE_DIR: stateDir });
const d1 = <T>(sql: string): T[] =>
  JSON.parse(
    execFileSync(
      bin("wrangler"),
      ["d1", "execute", "DB", "--local", "--persist-to", join(stateDir, "state"), "--json", "--command", sql],
      { cwd: root, env, stdio: "pipe" },
    ).toString(),
  )[0].results;
const bootstrap = (args: string[], extra: Record<string, string> = {}) =>
  spawnSync(process.execPath, [join(root, "scripts/bootstrap-admin.ts"), ...args], {
    cwd: root,
    env: { ...env, ...extra },
    encoding: "utf8",
  });

beforeAll(() => {
  execFileSync(
    bin("wrangler"),
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", join(stateDir, "state")],
    {
      cwd: root,
      env,
      stdio: "pipe",
    },
  );
}, 120_000);
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe("admin:bootstrap", () => {
  it("refuses a missing email or a short password, changing nothing", () => {
    expect(bootstrap([]).status).toBe(1);
    const short = bootstrap(["--email", "a@b.test"], { PROSPECTOR_ADMIN_PASSWORD: "short" });
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("at least 12 characters");
    expect(d1<{ n: number }>("SELECT count(*) AS n FROM users")[0]!.n).toBe(0);
  }, 60_000);

  it("creates an active, verified owner and platform administrator with the given password", async () => {
    const res = bootstrap(["--email", "Admin@Company.test", "--tenant", "Acme's"], {
      PROSPECTOR_ADMIN_PASSWORD: "a long enough secret",
    });
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    expect(res.stdout).toContain("Platform administrator admin@company.test created");
    expect(res.stdout).not.toContain("a long enough secret");
    const [user] = d1<Record<string, unknown>>(
      "SELECT u.email, u.role, u.status, u.is_platform_admin, u.email_verified_at, u.password_hash, t.name FROM users u JOIN tenants t ON t.id = u.tenant_id",
    );
    expect(user).toMatchObject({
      email: "admin@company.test",
      role: "owner",
      status: "active",
      is_platform_admin: 1,
      name: "Acme's",
    });
    expect(user!.email_verified_at).toBeTruthy();
    expect(await verifyPassword("a long enough secret", String(user!.password_hash))).toBe(true);
  }, 60_000);

  it("refuses a second administrator, changing nothing", () => {
    const res = bootstrap(["--email", "second@company.test"], {
      PROSPECTOR_ADMIN_PASSWORD: "another long secret",
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("a platform administrator exists already");
    expect(d1<{ n: number }>("SELECT count(*) AS n FROM users")[0]!.n).toBe(1);
    expect(d1<{ n: number }>("SELECT count(*) AS n FROM tenants")[0]!.n).toBe(1);
  }, 60_000);
});

describe("admin:bootstrap without a password in the environment", () => {
  it("generates one and prints it once", () => {
    d1("DELETE FROM users; DELETE FROM tenants;");
    const res = bootstrap(["--email", "gen@company.test"], { PROSPECTOR_ADMIN_PASSWORD: "" });
    expect(res.status).toBe(0);
    expect(res.stdout).toMatch(/Password \(shown once, keep it safe\): [A-Za-z0-9_-]{24}/);
  }, 60_000);
});
