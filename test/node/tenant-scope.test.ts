/**
 * The tenant scope (src/db/tenant-scope.ts) is the only way to touch
 * tenant-owned rows. Every source file under src/ is read, and a query on a
 * table with a `tenant_id` column that does not go through the scope fails
 * this test, naming file and line: a hand-written tenant condition (in
 * drizzle or in SQL text), or drizzle's own select, insert, update, delete or
 * join on such a table. The tenant-owned tables are read from the schema, so
 * a new one is covered the day it is added. The genuinely cross-tenant
 * places are listed in CROSS_TENANT, each with its reason. The checker is in
 * helpers/tenant-queries.ts; the last block here shows it finding what it must.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import {
  blankComments,
  type Finding,
  findUnscopedQueries,
  tenantOwnedTables,
} from "./helpers/tenant-queries.ts";

const ROOT = join(import.meta.dirname, "../..");
/** The scope itself: the one place that writes the tenant condition. */
const SCOPE_FILE = "src/db/tenant-scope.ts";

/**
 * Places that work across tenants on purpose (or before a tenant is known),
 * by file, with why. Each must still need its allowance (a file that no
 * longer has a finding is taken off the list).
 */
const CROSS_TENANT: Record<string, string> = {
  "src/db/identity.ts":
    "authentication: users, API keys and sessions are looked up by id, secret hash or email before a tenant is known",
  "src/services/admin/users.ts":
    "platform administration: approving, disabling and listing the accounts of every tenant",
  "src/services/admin/counts.ts": "platform administration: user counts over every tenant",
  "src/services/admin/metrics.ts": "platform administration: run and domain counts over every tenant",
  "src/services/admin/tenants.ts":
    "platform administration (seed 004's admin API): tenants, users and usage of every tenant, narrowed to the caller's own for tenant admins",
  "src/services/admin/analytics.ts": "platform administration: run and domain time series over every tenant",
  "src/services/auth/registration.ts":
    "sign-up creates a tenant and its first user, and an address is confirmed by email before a tenant is known",
  "src/services/auth/password-reset.ts":
    "a reset token is looked up before its tenant is known (the writes are scoped, one with scope.where on drizzle's update)",
};

/** Every non-test TypeScript source under src/, as paths relative to the repository. */
function sourceFiles(dir = join(ROOT, "src")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    if (!/\.tsx?$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name) || entry.name.endsWith(".d.ts"))
      return [];
    return [relative(ROOT, path).split("\\").join("/")];
  });
}

const tables = tenantOwnedTables();
const files = sourceFiles();
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const show = (findings: Finding[]) => findings.map((f) => `${f.file}:${f.line}: ${f.text}`).join("\n");

describe("tenant-owned tables", () => {
  it("are read from the schema: every table with a tenant_id column", () => {
    expect(tables.length).toBeGreaterThan(5);
    expect(tables).toEqual(
      expect.arrayContaining([
        "leads",
        "runs",
        "runDomains",
        "suppressions",
        "users",
        "usageRecords",
        "creditReservations",
      ]),
    );
    expect(tables).not.toContain("tenants");
    expect(tables).not.toContain("emailVerifications");
  });

  it("are queried only through the tenant scope, outside the cross-tenant places", () => {
    expect(files.length).toBeGreaterThan(100);
    const findings = files
      .filter((file) => file !== SCOPE_FILE && !(file in CROSS_TENANT))
      .flatMap((file) => findUnscopedQueries(file, read(file), tables));
    expect(show(findings), "query these through a TenantScope (db/tenant-scope.ts)").toBe("");
  });

  it("every .ts file is scanned whole (no string or comment left open), so its comments are skipped", () => {
    const misread = files.filter((file) => file.endsWith(".ts") && !blankComments(read(file)).complete);
    expect(misread).toEqual([]);
  });

  it("every cross-tenant place still needs its allowance", () => {
    const stale = Object.keys(CROSS_TENANT).filter(
      (file) => !files.includes(file) || findUnscopedQueries(file, read(file), tables).length === 0,
    );
    expect(stale).toEqual([]);
  });
});

describe("the checker", () => {
  const check = (source: string) =>
    findUnscopedQueries("src/services/example.ts", source, tables).map((f) => f.line);
  const header =
    'import { eq, sql } from "drizzle-orm";\nimport { leads, tenants } from "../db/schema.ts";\n';

  it("reports a hand-written condition, naming its line", () => {
    const source = `${header}export const find = (db, id) =>\n  db.select().from(tenants).where(eq(leads.tenant_id, id));\n`;
    expect(findUnscopedQueries("src/services/example.ts", source, tables)).toEqual([
      {
        file: "src/services/example.ts",
        line: 4,
        text: "db.select().from(tenants).where(eq(leads.tenant_id, id));",
      },
    ]);
  });

  it("reports tenant conditions in SQL text and comparisons on any tenant_id column", () => {
    expect(check(`${header}const a = sql\`SELECT 1 FROM leads l WHERE l.tenant_id = \${id}\`;\n`)).toEqual([
      3,
    ]);
    expect(check(`${header}const b = "UPDATE leads SET x = 1 WHERE +leads.tenant_id = ?1";\n`)).toEqual([3]);
    expect(check(`${header}const c = and(\n  eq(\n    row.tenant_id,\n    id));\n`)).toEqual([4]);
  });

  it("reports drizzle's builder on a tenant-owned table, under any local name", () => {
    expect(check(`${header}await db\n  .select()\n  .from(leads)\n  .where(eq(leads.id, id));\n`)).toEqual([
      5,
    ]);
    expect(
      check(`${header}db.insert(leads).values(row);\ndb.update(leads).set(v);\ndb.delete(leads);\n`),
    ).toEqual([3, 4, 5]);
    const aliased = 'import { leads as people } from "../db/schema.ts";\ndb.select().from(people);\n';
    expect(check(aliased)).toEqual([2]);
    const namespaced = 'import * as s from "../db/schema.ts";\ndb.select().from(s.leads);\n';
    expect(check(namespaced)).toEqual([2]);
    expect(check(`${header}db.select().from(x).innerJoin(leads, eq(leads.id, x.lead_id));\n`)).toEqual([3]);
  });

  it("accepts queries through the scope, and tables that are not tenant-owned", () => {
    const scoped = [
      "scope.select(leads, eq(leads.email, email));",
      "scope.update(leads, { title: null }, eq(leads.id, id));",
      "scope.selectFields(x, { id: x.id }).innerJoin(leads, scope.where(leads, eq(leads.id, x.lead_id)));",
      "db.select().from(tenants).where(eq(tenants.id, id));",
      "send({ type: 'domain', tenant_id: key.tenantId });",
      "const tenantId = message.tenant_id;",
      "// eq(leads.tenant_id, id) in a comment",
      'const text = "no tenant_id here";',
    ];
    expect(check(`${header}${scoped.join("\n")}\n`)).toEqual([]);
  });
});
