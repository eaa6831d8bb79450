/**
 * `npm run admin:bootstrap -- --email you@company.com [--tenant "Acme"] [--remote]`:
 * the first user of a fresh deployment, made a platform administrator (and
 * the owner of a new tenant) on purpose, never by accident. It refuses when
 * a platform administrator already exists, or when the email is taken.
 *
 * The password comes from the environment variable PROSPECTOR_ADMIN_PASSWORD
 * (at least 12 characters), never from the command line (shell history,
 * process lists); without it a strong one is generated and printed once.
 * Local by default (the state `npm start` uses; PROSPECTOR_STATE_DIR moves
 * it), `--remote` for the deployed D1. Migrations must have been applied.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { hashPassword, passwordProblem } from "../src/domain/identity/password.ts";
import { assertNode22, bin, childEnv, root } from "./toolchain.ts";

assertNode22();
const { values } = parseArgs({
  options: { email: { type: "string" }, tenant: { type: "string" }, remote: { type: "boolean" } },
});

function fail(message: string): never {
  console.error(`admin:bootstrap: ${message}`);
  process.exit(1);
}

const email = values.email?.trim().toLowerCase() ?? "";
if (!/^[^\s@'"]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,}$/.test(email)) fail("give --email you@company.com");
const tenantName = (values.tenant ?? "Default").trim().slice(0, 100);
let password = process.env.PROSPECTOR_ADMIN_PASSWORD ?? "";
let generated = false;
if (!password) {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  password = Buffer.from(bytes).toString("base64url");
  generated = true;
} else {
  const problem = passwordProblem(password);
  if (problem) fail(`PROSPECTOR_ADMIN_PASSWORD: ${problem}`);
}

const stateDir = process.env.PROSPECTOR_STATE_DIR ?? join(root, ".wrangler");
const target = values.remote ? ["--remote"] : ["--local", "--persist-to", join(stateDir, "state")];
const d1 = (sql: string) =>
  JSON.parse(
    execFileSync(bin("wrangler"), ["d1", "execute", "DB", ...target, "--json", "--yes", "--command", sql], {
      cwd: root,
      env: childEnv({ CI: "1", WRANGLER_SEND_METRICS: "false" }),
      stdio: ["ignore", "pipe", "pipe"],
    }).toString(),
  ) as { results: Record<string, unknown>[] }[];
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

let existing: { admins: number; taken: number };
try {
  existing = d1(
    `SELECT (SELECT count(*) FROM users WHERE is_platform_admin = 1) AS admins,
       (SELECT count(*) FROM users WHERE email = ${quote(email)}) AS taken`,
  )[0]!.results[0] as typeof existing;
} catch (err) {
  fail(`could not read the database (are the migrations applied?): ${String(err).slice(0, 300)}`);
}
if (existing.admins > 0) fail("a platform administrator exists already; nothing was changed");
if (existing.taken > 0) fail(`${email} is already a user; nothing was changed`);

const tenantId = `tenant_${crypto.randomUUID().replaceAll("-", "")}`;
const userId = `user_${crypto.randomUUID().replaceAll("-", "")}`;
const hash = await hashPassword(password);
const now = new Date().toISOString();
// Both rows, or neither: the guard is in the statements themselves (a second bootstrap racing this one adds nothing).
d1(
  `INSERT INTO tenants (id, name) SELECT ${quote(tenantId)}, ${quote(tenantName)}
     WHERE NOT EXISTS (SELECT 1 FROM users WHERE is_platform_admin = 1);
   INSERT INTO users (id, tenant_id, email, name, password_hash, role, status, is_platform_admin, email_verified_at)
     SELECT ${quote(userId)}, ${quote(tenantId)}, ${quote(email)}, NULL, ${quote(hash)}, 'owner', 'active', 1, ${quote(now)}
     WHERE EXISTS (SELECT 1 FROM tenants WHERE id = ${quote(tenantId)})
       AND NOT EXISTS (SELECT 1 FROM users WHERE is_platform_admin = 1);`,
);
const [check] = d1(`SELECT id FROM users WHERE id = ${quote(userId)} AND is_platform_admin = 1`);
if (!check?.results.length) fail("another administrator was created at the same time; nothing was changed");
console.log(`Platform administrator ${email} created (tenant "${tenantName}", ${tenantId}).`);
if (generated) console.log(`Password (shown once, keep it safe): ${password}`);
console.log("Sign in at /auth/login (AUTH_MODE=session).");
