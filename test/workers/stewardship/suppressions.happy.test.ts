import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../../src/lib/ids.ts";
import { Caller, call, json } from "../helpers/api.ts";
import { check, suppress } from "./helpers.ts";

describe("POST /suppressions", () => {
  it("stores only the hash of a lowercased address and answers with the caller's input", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await suppress(owner, { email: " Anna.Mueller@Acme.com ", reason: "opt-out" });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toMatchObject({ kind: "email", reason: "opt-out", value: "anna.mueller@acme.com" });
    expect(body.id).toMatch(/^sup_/);
    const row = await env.DB.prepare("SELECT * FROM suppressions WHERE id = ?").bind(body.id).first();
    expect(row).toMatchObject({
      tenant_id: owner.tenantId,
      kind: "email",
      value_hash: await sha256Hex("anna.mueller@acme.com"),
      created_by: owner.userId,
    });
    expect(JSON.stringify(row)).not.toContain("acme");
  });

  it("is idempotent: the same value again is 200 with the existing entry", async () => {
    const owner = await Caller.newTenant().provision();
    const first = await json(await suppress(owner, { email: "x@acme.com", reason: "first" }));
    const again = await suppress(owner, { email: "X@ACME.COM", reason: "second" });
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual(first);
  });

  it("reduces a domain given as a URL or an address to its registrable domain", async () => {
    const owner = await Caller.newTenant().provision();
    const a = await json(await suppress(owner, { domain: "https://www.Acme.co.uk/about?x=1" }));
    expect(a).toMatchObject({ kind: "domain", value: "acme.co.uk" });
    const b = await suppress(owner, { domain: "someone@shop.acme.co.uk" });
    expect(b.status).toBe(200);
    expect((await json(b)).id).toBe(a.id);
  });
});

describe("GET /suppressions and /suppressions/check", () => {
  it("lists entries newest first without values, and filters by kind", async () => {
    const owner = await Caller.newTenant().provision();
    const e = await json(await suppress(owner, { email: "one@acme.com" }));
    const d = await json(await suppress(owner, { domain: "acme.org", reason: "competitor" }));
    const list = await json(await call("GET", "/suppressions", { headers: owner.devHeaders() }));
    expect(list).toMatchObject({ limit: 50, offset: 0 });
    expect(list.results.map((r: { id: string }) => r.id).sort()).toEqual([e.id, d.id].sort());
    for (const r of list.results)
      expect(Object.keys(r).sort()).toEqual(["created_at", "id", "kind", "reason"]);
    const domains = await json(
      await call("GET", "/suppressions?kind=domain&limit=1", { headers: owner.devHeaders() }),
    );
    expect(domains.results).toEqual([
      { id: d.id, kind: "domain", reason: "competitor", created_at: d.created_at },
    ]);
  });

  it("checks an address (itself, its host, its domain) and a domain", async () => {
    const owner = await Caller.newTenant().provision();
    await suppress(owner, { email: "anna@acme.com" });
    await suppress(owner, { domain: "blocked.com" });
    const answer = async (q: string) => (await json(await check(owner, q))).suppressed;
    expect(await answer("email=ANNA%40acme.com")).toBe(true);
    expect(await answer("email=ben%40acme.com")).toBe(false);
    expect(await answer("email=ben%40mail.blocked.com")).toBe(true);
    expect(await answer("domain=https%3A%2F%2Fwww.blocked.com%2F")).toBe(true);
    expect(await answer("domain=acme.com")).toBe(false);
    // Another tenant's list is its own.
    const other = await Caller.newTenant().provision();
    expect((await json(await check(other, "email=anna%40acme.com"))).suppressed).toBe(false);
  });
});

describe("DELETE /suppressions/{id}", () => {
  it("removes the entry (204), after which the value is no longer suppressed", async () => {
    const owner = await Caller.newTenant().provision();
    const { id } = await json(await suppress(owner, { email: "gone@acme.com" }));
    const res = await call("DELETE", `/suppressions/${id}`, { headers: owner.devHeaders() });
    expect(res.status).toBe(204);
    expect((await json(await check(owner, "email=gone%40acme.com"))).suppressed).toBe(false);
  });
});
