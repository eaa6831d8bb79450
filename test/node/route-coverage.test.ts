/**
 * Every route of every door is run through the shared security helper
 * (test/workers/helpers/security.ts `describeProtectedRoute`): this walks
 * the OpenAPI document (which test/node/openapi.test.ts holds to the app's
 * routes) and the test files' calls of the helper, and fails on an
 * authenticated operation no call covers, and on one that addresses a
 * resource by id whose call gives no `resource` (so the cross-tenant 404,
 * nothing changed, is not checked). Public operations are listed below,
 * each with why it needs no credentials.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";

const root = join(import.meta.dirname, "../..");

/** Operations without credentials, and why. Any other operation must be protected and covered. */
const publicOperations: Record<string, string> = {
  "GET /health": "liveness for load balancers",
  "GET /api/v1/health": "door 003's liveness, public in seed 003",
  "GET /openapi.json": "the API's own description",
  "GET /docs": "the API reference",
  "POST /auth/session": "signing in is how credentials are got",
  "POST /api/auth/signup": "door 001's sign-up",
  "POST /api/auth/login": "door 001's sign-in",
  "POST /api/v1/auth/token": "door 004's sign-in (OAuth2 password grant)",
  "POST /api/v1/auth/register": "door 004's sign-up",
  "GET /runs/{run_id}/events":
    "a WebSocket upgrade authenticated by its one-use ticket (POST /runs/{id}/events/ticket, covered), tested in test/workers/runs",
};

/**
 * Covered operations that take an id but whose call has no `resource`, and
 * why the cross-tenant check does not apply.
 */
const noTenantResource: Record<string, string> = {
  "GET /api/subscriptions/plans/{planId}":
    "the plan catalogue is the platform's, the same for every tenant: nothing tenant-owned is read",
  "DELETE /leads/{email}":
    "erasure names an address, not a row: it acts on the caller's tenant only, whichever tenant holds the " +
    "address (test/workers/stewardship/erasure.test.ts 'touches only the caller's tenant')",
  "PATCH /api/v1/admin/plans/{plan_id}":
    "the plan catalogue is the platform's, edited by platform administrators only; a tenant owner gets 403 (test/workers/doors/door-004-admin.test.ts)",
  "PATCH /api/v1/admin/tenants/{tenant_id}":
    "platform administrators act across tenants by design; a tenant owner gets 403 (test/workers/doors/door-004-admin.test.ts)",
  "POST /admin/users/{user_id}/approve":
    "platform administrators act across tenants by design; a tenant owner gets 403 (test/workers/admin/admin-api.test.ts)",
  "POST /admin/users/{user_id}/role":
    "platform administrators act across tenants by design; a tenant owner gets 403 (test/workers/admin/admin-api.test.ts)",
  "POST /admin/users/{user_id}/status":
    "platform administrators act across tenants by design; a tenant owner gets 403 (test/workers/admin/admin-api.test.ts)",
};

interface Covered {
  method: string;
  path: string;
  resource: boolean;
  file: string;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return testFiles(path);
    return name.endsWith(".test.ts") ? [path] : [];
  });
}

/** The argument text of each `describeProtectedRoute({...})` call (braces matched, strings skipped). */
function helperCalls(text: string): string[] {
  const calls: string[] = [];
  const marker = "describeProtectedRoute({";
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    let depth = 0;
    let quote: string | null = null;
    for (let i = at + marker.length - 1; i < text.length; i++) {
      const ch = text[i]!;
      if (quote) {
        if (ch === "\\") i++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
      else if (ch === "{") depth++;
      else if (ch === "}" && --depth === 0) {
        calls.push(text.slice(at + marker.length - 1, i + 1));
        break;
      }
    }
  }
  return calls;
}

/** What one call covers: its method, its path, whether it names a resource. */
function coverageOf(call: string, file: string): Covered | null {
  const method = /\bmethod:\s*"([A-Z]+)"/.exec(call)?.[1];
  const path = /\bpath:\s*"([^"]+)"/.exec(call)?.[1];
  if (!method || !path) return null;
  return { method, path, resource: /\bresource:/.test(call), file };
}

function coveredCalls(): Covered[] {
  return testFiles(join(root, "test")).flatMap((file) =>
    helperCalls(readFileSync(file, "utf8"))
      .map((call) => coverageOf(call, relative(root, file)))
      .filter((c): c is Covered => c !== null),
  );
}

/** Whether a concrete or templated test path names the document's templated path. */
function matches(documented: string, tested: string): boolean {
  const pattern = documented.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{\w+\\?\}|\{\w+\}/g, "[^/]+");
  return new RegExp(`^${pattern}$`).test(tested.split("?")[0]!);
}

async function documentOperations() {
  const app = createApp();
  const env = { DB: {}, ENVIRONMENT: "development", AUTH_MODE: "dev", LOG_LEVEL: "error" };
  const res = await app.request("http://localhost/openapi.json", {}, env);
  const doc = (await res.json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      secured: (op.security ?? []).length > 0,
    })),
  );
}

describe("every route runs through the shared security helper", () => {
  it("reads the helper's calls, nested braces and strings included", () => {
    const text = `describeProtectedRoute({ method: "GET", path: "/runs/{id}", resource: async (o) => { return "}"; } });`;
    const [call] = helperCalls(text);
    expect(coverageOf(call!, "x")).toEqual({ method: "GET", path: "/runs/{id}", resource: true, file: "x" });
    expect(matches("/runs/{run_id}", "/runs/{id}")).toBe(true);
    expect(matches("/leads/{email}", "/leads/someone%40acme.com")).toBe(true);
    expect(matches("/runs/{run_id}", "/runs/{id}/logs")).toBe(false);
  });

  it("covers every authenticated operation, with the cross-tenant check where it takes an id", async () => {
    const operations = await documentOperations();
    const calls = coveredCalls();
    const problems: string[] = [];
    for (const op of operations) {
      const covering = calls.filter((c) => c.method === op.method && matches(op.path, c.path));
      if (!op.secured) {
        if (!(op.key in publicOperations))
          problems.push(`${op.key} is public but not listed as public, with why`);
        continue;
      }
      if (op.key in publicOperations) problems.push(`${op.key} is listed as public but asks for credentials`);
      if (covering.length === 0) {
        problems.push(`${op.key} is not run through describeProtectedRoute`);
        continue;
      }
      const takesId = /\{\w+\}/.test(op.path);
      if (takesId && !covering.some((c) => c.resource) && !(op.key in noTenantResource)) {
        problems.push(`${op.key} takes an id but no call gives \`resource\` (${covering[0]!.file})`);
      }
    }
    for (const key of [...Object.keys(publicOperations), ...Object.keys(noTenantResource)]) {
      if (!operations.some((op) => op.key === key))
        problems.push(`${key} is excused above but is not in the document`);
    }
    expect(problems).toEqual([]);
  });
});
