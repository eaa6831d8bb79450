/** POST /ingest security: the shared checks, the API key scope, and the machine ingestion token. */
import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";
import { ingest, leadsOf } from "./helpers.ts";

describeProtectedRoute({ method: "POST", path: "/ingest", body: "email\nada@analytical.com\n" });

const TOKEN = "ingest-token-0123456789-abcdefghijklmnop";
const file = "email,name\nada@analytical.com,Ada Lovelace\n";

async function tokenTenant(): Promise<string> {
  const owner = await Caller.newTenant().provision();
  return owner.tenantId;
}

const tokenVars = (tenantId: string) => ({ INGEST_HTTP_TOKEN: TOKEN, INGEST_TENANT_ID: tenantId });

afterEach(() => vi.restoreAllMocks());

describe("POST /ingest credentials", () => {
  it("takes an API key with the write scope, refuses a read-only one", async () => {
    const owner = await Caller.newTenant().provision();
    const writer = await owner.createApiKey(["write"]);
    const res = await ingest(null, file, "text/csv", { headers: { "X-API-Key": writer.key } });
    expect(res.status).toBe(200);
    expect((await leadsOf(owner.tenantId)).has("ada@analytical.com")).toBe(true);
    const reader = await owner.createApiKey(["read"]);
    const refused = await ingest(null, file, "text/csv", {
      headers: { Authorization: `Bearer ${reader.key}` },
    });
    await expectError(refused, 403, "insufficient_scope");
  });

  it("answers 401 before 415: an anonymous caller learns nothing about the body", async () => {
    await expectError(await ingest(null, "x", "text/plain"), 401, "unauthorized");
  });

  it("ingests with the right token into the configured tenant, in every AUTH_MODE", async () => {
    for (const mode of ["dev", "hs256", "session"]) {
      const tenantId = await tokenTenant();
      const res = await ingest(null, file, "text/csv", {
        headers: { Authorization: `Bearer ${TOKEN}` },
        vars: { ...tokenVars(tenantId), AUTH_MODE: mode },
      });
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ accepted: 1 });
      expect((await leadsOf(tenantId)).has("ada@analytical.com")).toBe(true);
    }
  });

  it("ignores dev headers naming another tenant when the token is used", async () => {
    const tenantId = await tokenTenant();
    const other = await Caller.newTenant().provision();
    const res = await ingest(other, file, "text/csv", {
      headers: { Authorization: `Bearer ${TOKEN}` },
      vars: tokenVars(tenantId),
    });
    expect(res.status).toBe(200);
    expect((await leadsOf(tenantId)).size).toBe(1);
    expect((await leadsOf(other.tenantId)).size).toBe(0);
  });

  it("refuses a wrong token (401), including one differing in the last character or in length", async () => {
    const tenantId = await tokenTenant();
    for (const wrong of [`${TOKEN.slice(0, -1)}x`, `${TOKEN}x`, TOKEN.slice(0, 32), "short"]) {
      for (const mode of ["dev", "hs256", "session"]) {
        const res = await ingest(null, file, "text/csv", {
          headers: { Authorization: `Bearer ${wrong}` },
          vars: { ...tokenVars(tenantId), AUTH_MODE: mode },
        });
        await expectError(res, 401, "invalid_token");
      }
    }
    expect((await leadsOf(tenantId)).size).toBe(0);
  });

  it("does not accept the token anywhere but /ingest", async () => {
    const tenantId = await tokenTenant();
    const res = await ingest(null, "", "text/csv", {
      headers: { Authorization: `Bearer ${TOKEN}` },
      vars: tokenVars(tenantId),
    });
    expect(res.status).toBe(400);
    const elsewhere = await call("GET", "/runs", {
      headers: { Authorization: `Bearer ${TOKEN}` },
      vars: { ...tokenVars(tenantId), AUTH_MODE: "hs256" },
    });
    await expectError(elsewhere, 401, "invalid_token");
  });

  it("is not honoured when no token is configured", async () => {
    const tenantId = await tokenTenant();
    const res = await ingest(null, file, "text/csv", {
      headers: { Authorization: `Bearer ${TOKEN}` },
      vars: { INGEST_TENANT_ID: tenantId, AUTH_MODE: "hs256" },
    });
    await expectError(res, 401, "invalid_token");
  });

  it("answers 500 misconfigured (detail only in the log) when the tenant does not exist or the token is short", async () => {
    const missing = await ingest(null, file, "text/csv", {
      headers: { Authorization: `Bearer ${TOKEN}` },
      vars: tokenVars("no-such-tenant"),
    });
    const body = await expectError(missing, 500, "misconfigured");
    expect(body.detail).not.toContain("no-such-tenant");
    const short = await ingest(null, file, "text/csv", {
      headers: { Authorization: "Bearer short-token" },
      vars: { INGEST_HTTP_TOKEN: "short-token", INGEST_TENANT_ID: "t" },
    });
    await expectError(short, 500, "misconfigured");
    const noTenant = await ingest(null, file, "text/csv", {
      headers: { Authorization: `Bearer ${TOKEN}` },
      vars: { INGEST_HTTP_TOKEN: TOKEN },
    });
    await expectError(noTenant, 500, "misconfigured");
  });

  it("refuses the token for a suspended tenant (403)", async () => {
    const tenantId = await tokenTenant();
    await env.DB.prepare("UPDATE tenants SET status = 'suspended' WHERE id = ?").bind(tenantId).run();
    const res = await ingest(null, file, "text/csv", {
      headers: { Authorization: `Bearer ${TOKEN}` },
      vars: tokenVars(tenantId),
    });
    await expectError(res, 403, "forbidden");
  });

  it("never logs the token, right or wrong", async () => {
    const lines: string[] = [];
    for (const level of ["log", "warn", "error"] as const) {
      vi.spyOn(console, level).mockImplementation((line: string) => void lines.push(String(line)));
    }
    const tenantId = await tokenTenant();
    const vars = { ...tokenVars(tenantId), LOG_LEVEL: "debug" };
    const wrong = `${TOKEN.slice(0, -4)}WXYZ`;
    await ingest(null, file, "text/csv", { headers: { Authorization: `Bearer ${TOKEN}` }, vars });
    await ingest(null, file, "text/csv", { headers: { Authorization: `Bearer ${wrong}` }, vars });
    await ingest(null, "\u0000", "text/csv", { headers: { Authorization: `Bearer ${TOKEN}` }, vars });
    await ingest(null, file, "text/csv", {
      headers: { Authorization: `Bearer ${TOKEN}` },
      vars: { ...tokenVars("no-such-tenant"), LOG_LEVEL: "debug" },
    });
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join("\n");
    expect(all).not.toContain(TOKEN.slice(0, 20));
    expect(all).not.toContain(wrong.slice(-10));
  });
});
