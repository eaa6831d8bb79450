import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, json } from "../helpers/api.ts";

describe("API keys: happy paths", () => {
  it("creates a key, shows the secret once, stores only its hash", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", { headers: owner.devHeaders(), json: { name: "CRM sync" } });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created.key).toMatch(/^psk_[0-9A-Za-z]{40}$/);
    expect(created.prefix).toBe(created.key.slice(0, 12));
    expect(created.scopes).toEqual(["read", "write"]);
    expect(created.created_by).toBe(owner.userId);
    expect(created.revoked_at).toBeNull();

    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?")
      .bind(created.id)
      .first<Record<string, string>>();
    expect(row?.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.key);

    const fetched = await json(await call("GET", `/api-keys/${created.id}`, { headers: owner.devHeaders() }));
    expect(fetched).not.toHaveProperty("key");
    expect(fetched).not.toHaveProperty("key_hash");
    expect(fetched.id).toBe(created.id);
  });

  it("authenticates with the key as X-API-Key and as a bearer token, and records last use", async () => {
    const owner = await Caller.newTenant().provision();
    const { id, key } = await owner.createApiKey(["read", "admin"]);
    const viaHeader = await call("GET", `/api-keys/${id}`, { headers: { "X-API-Key": key } });
    expect(viaHeader.status).toBe(200);
    const viaBearer = await call("GET", "/auth/session", { headers: { Authorization: `Bearer ${key}` } });
    expect(await json(viaBearer)).toMatchObject({
      tenant_id: owner.tenantId,
      user_id: owner.userId,
      method: "api_key",
      role: "admin",
      scopes: ["read", "admin"],
    });
    const after = await json(await call("GET", `/api-keys/${id}`, { headers: owner.devHeaders() }));
    expect(after.last_used_at).not.toBeNull();
  });

  it("API keys work in every AUTH_MODE", async () => {
    const owner = await Caller.newTenant().provision();
    const { key } = await owner.createApiKey();
    for (const mode of ["dev", "hs256", "session"]) {
      const res = await call("GET", "/auth/session", {
        headers: { "X-API-Key": key },
        vars: { AUTH_MODE: mode },
      });
      expect(res.status, mode).toBe(200);
    }
  });

  it("lists keys newest first with limit and offset, including revoked ones", async () => {
    const owner = await Caller.newTenant().provision();
    const a = await owner.createApiKey(["read"], "a");
    const b = await owner.createApiKey(["read"], "b");
    const c = await owner.createApiKey(["read"], "c");
    await call("DELETE", `/api-keys/${a.id}`, { headers: owner.devHeaders() });
    const page1 = await json(await call("GET", "/api-keys?limit=2", { headers: owner.devHeaders() }));
    expect(page1.results.map((k: { id: string }) => k.id)).toEqual([c.id, b.id]);
    expect(page1).toMatchObject({ limit: 2, offset: 0 });
    const page2 = await json(
      await call("GET", "/api-keys?limit=2&offset=2", { headers: owner.devHeaders() }),
    );
    expect(page2.results.map((k: { id: string }) => k.id)).toEqual([a.id]);
    expect(page2.results[0].revoked_at).not.toBeNull();
  });

  it("revoking is immediate and idempotent", async () => {
    const owner = await Caller.newTenant().provision();
    const { id, key } = await owner.createApiKey();
    const first = await json(await call("DELETE", `/api-keys/${id}`, { headers: owner.devHeaders() }));
    expect(first.revoked_at).not.toBeNull();
    const second = await json(await call("DELETE", `/api-keys/${id}`, { headers: owner.devHeaders() }));
    expect(second.revoked_at).toBe(first.revoked_at);
    const res = await call("GET", "/auth/session", { headers: { "X-API-Key": key } });
    expect(res.status).toBe(401);
  });

  it("a key with an expiry stops working after it", async () => {
    const owner = await Caller.newTenant().provision();
    const soon = new Date(Date.now() + 1500).toISOString();
    const created = await json(
      await call("POST", "/api-keys", {
        headers: owner.devHeaders(),
        json: { name: "short", expires_at: soon },
      }),
    );
    expect((await call("GET", "/auth/session", { headers: { "X-API-Key": created.key } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    const res = await call("GET", "/auth/session", { headers: { "X-API-Key": created.key } });
    expect(res.status).toBe(401);
    expect((await json(res)).detail).toMatch(/expired/);
  });
});
