/**
 * Door 004's admin API (seed 004): users, tenants and usage with the seed's bodies, `skip`/`limit`
 * and filters; owners and admins see their own tenant, platform admins every tenant, members 403;
 * a platform admin's PATCH of a tenant (plan, status, limits, subdomain) recorded with who and when.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../../src/db/client.ts";
import { tenantHistory } from "../../../src/services/admin/tenants.ts";
import { recordUsage } from "../../../src/services/billing/credits.ts";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";

const db = () => createDatabase(env.DB);
const ids = async (res: Response) => ((await json(res)) as { id: string }[]).map((r) => r.id);
const tenantIds = async (res: Response) => ((await json(res)) as { id: string }[]).map((r) => r.id);

async function charge(caller: Caller, key: string, resourceType = "domain_discovered") {
  await caller.provision();
  await recordUsage(db(), caller.tenantId, {
    userId: caller.userId,
    resourceType,
    resourceId: `${key}.test`,
    amount: 1,
    unit: "domain",
    credits: 1,
    description: "A domain discovered",
    idempotencyKey: key,
  });
  const row = await env.DB.prepare("SELECT id FROM usage_records WHERE tenant_id = ? AND idempotency_key = ?")
    .bind(caller.tenantId, key)
    .first<{ id: string }>();
  return row!.id;
}

describeProtectedRoute({
  method: "GET",
  path: "/api/v1/admin/users",
  resource: async (owner) => owner.userId,
  listIds: ids,
});
describeProtectedRoute({
  method: "GET",
  path: "/api/v1/admin/tenants",
  resource: async (owner) => owner.tenantId,
  listIds: tenantIds,
});
describeProtectedRoute({
  method: "GET",
  path: "/api/v1/admin/usage",
  resource: (owner) => charge(owner, crypto.randomUUID()),
  listIds: ids,
});
describeProtectedRoute({ method: "PATCH", path: "/api/v1/admin/tenants/{id}", body: { is_verified: true } });
describeProtectedRoute({ method: "GET", path: "/api/v1/admin/plans" });
describeProtectedRoute({ method: "PATCH", path: "/api/v1/admin/plans/{id}", body: { name: "Free" } });

/** A platform administrator of a tenant of their own, with the access token door 004 takes. */
async function platformAdmin() {
  const admin = await Caller.newTenant().makePlatformAdmin();
  return { admin, headers: await admin.accessHeaders() };
}

const get = async (path: string, headers: Record<string, string>) => call("GET", path, { headers });

describe("GET /api/v1/admin/*", () => {
  it("answers the seed's bodies for the caller's own tenant; members get 403", async () => {
    const owner = Caller.newTenant();
    const headers = await owner.accessHeaders();
    const member = owner.colleague();
    await member.provision();
    await charge(owner, "k1");
    const users = await json(await get("/api/v1/admin/users", headers));
    expect(users).toHaveLength(2);
    expect(users[0]).toEqual({
      id: owner.userId,
      tenant_id: owner.tenantId,
      email: `${owner.userId}@example.com`.toLowerCase(),
      name: null,
      role: "owner",
      is_active: true,
      is_verified: expect.any(Boolean),
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const tenants = await json(await get("/api/v1/admin/tenants", headers));
    expect(tenants).toEqual([
      {
        id: owner.tenantId,
        name: expect.any(String),
        subdomain: null,
        plan: "starter",
        status: "active",
        config: {},
        limits: {},
        billing_email: null,
        is_verified: false,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      },
    ]);
    const usage = await json(await get("/api/v1/admin/usage", headers));
    expect(usage).toEqual([
      {
        id: expect.any(String),
        tenant_id: owner.tenantId,
        user_id: owner.userId,
        resource_type: "domain_discovered",
        resource_id: "k1.test",
        amount: 1,
        unit: "domain",
        credits: 1,
        description: "A domain discovered",
        run_id: null,
        created_at: expect.any(String),
      },
    ]);
    const memberHeaders = await member.accessHeaders();
    for (const path of ["/api/v1/admin/users", "/api/v1/admin/tenants", "/api/v1/admin/usage"]) {
      const res = await get(path, memberHeaders);
      await expectError(res, 403, "forbidden");
      expect(await json(await get(path, memberHeaders))).toEqual({ detail: expect.any(String) });
    }
  });

  it("pages with skip/limit and filters usage by user, resource type and time; bad input is 422", async () => {
    const owner = Caller.newTenant();
    const headers = await owner.accessHeaders();
    const colleague = owner.colleague();
    for (const key of ["a", "b", "c"]) await charge(owner, key);
    await charge(colleague, "d", "address_verified");
    const all = await json(await get("/api/v1/admin/usage", headers));
    expect(all).toHaveLength(4);
    const page = await json(await get("/api/v1/admin/usage?skip=1&limit=2", headers));
    expect(page.map((r: { id: string }) => r.id)).toEqual(all.slice(1, 3).map((r: { id: string }) => r.id));
    const byUser = await json(await get(`/api/v1/admin/usage?user_id=${colleague.userId}`, headers));
    expect(byUser.map((r: { resource_id: string }) => r.resource_id)).toEqual(["d.test"]);
    const byType = await json(await get("/api/v1/admin/usage?resource_type=domain_discovered", headers));
    expect(byType).toHaveLength(3);
    const future = await json(await get("/api/v1/admin/usage?from=2999-01-01T00:00:00Z", headers));
    expect(future).toEqual([]);
    const past = await json(await get("/api/v1/admin/usage?to=2000-01-01T00:00:00Z", headers));
    expect(past).toEqual([]);
    const bad = await get("/api/v1/admin/usage?limit=0&from=yesterday", headers);
    expect(bad.status).toBe(422);
    const body = await json(bad);
    expect(body.detail.map((d: { loc: string[] }) => d.loc.join("."))).toEqual(
      expect.arrayContaining(["query.limit", "query.from"]),
    );
  });

  it("a platform admin sees every tenant, and narrows with tenant_id", async () => {
    const { admin, headers } = await platformAdmin();
    const other = await Caller.newTenant().provision();
    await charge(other, "theirs");
    const tenants = await tenantIds(await get("/api/v1/admin/tenants?limit=500", headers));
    expect(tenants).toEqual(expect.arrayContaining([admin.tenantId, other.tenantId]));
    const users = await json(await get(`/api/v1/admin/users?tenant_id=${other.tenantId}`, headers));
    expect(users.map((u: { id: string }) => u.id)).toEqual([other.userId]);
    const usage = await json(await get(`/api/v1/admin/usage?tenant_id=${other.tenantId}`, headers));
    expect(usage.map((u: { resource_id: string }) => u.resource_id)).toEqual(["theirs.test"]);
    // A tenant admin's tenant_id filter cannot reach another tenant.
    const owner = Caller.newTenant();
    const ownerHeaders = await owner.accessHeaders();
    expect(await json(await get(`/api/v1/admin/users?tenant_id=${other.tenantId}`, ownerHeaders))).toEqual(
      [],
    );
    expect(await json(await get(`/api/v1/admin/usage?tenant_id=${other.tenantId}`, ownerHeaders))).toEqual(
      [],
    );
  });
});

describe("PATCH /api/v1/admin/tenants/{tenant_id}", () => {
  const patch = (id: string, body: unknown, headers: Record<string, string>) =>
    call("PATCH", `/api/v1/admin/tenants/${id}`, { headers, json: body });

  it("changes plan, status, limits and seed 004's fields, and records who and when", async () => {
    const { admin, headers } = await platformAdmin();
    const customer = Caller.newTenant();
    const customerHeaders = await customer.accessHeaders();
    const res = await patch(
      customer.tenantId,
      {
        plan: "pro",
        subdomain: "acme-widgets",
        billing_email: "billing@acme.test",
        is_verified: true,
        limits: { credits_per_period: 7, requests_per_minute: 5 },
        config: { region: "eu" },
      },
      headers,
    );
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      id: customer.tenantId,
      plan: "professional",
      subdomain: "acme-widgets",
      billing_email: "billing@acme.test",
      is_verified: true,
      limits: { credits_per_period: 7, requests_per_minute: 5 },
      config: { region: "eu" },
    });
    // The plan and the override bind at once: door 001 shows them.
    const me = await json(await call("GET", "/api/auth/me", { headers: customerHeaders }));
    expect(me.subscription).toMatchObject({ plan_id: "professional", status: "active", credits_limit: 7 });
    // null drops one override.
    const dropped = await json(
      await patch(customer.tenantId, { limits: { requests_per_minute: null } }, headers),
    );
    expect(dropped.limits).toEqual({ credits_per_period: 7 });
    const history = await tenantHistory(db(), customer.tenantId);
    expect(history).toHaveLength(2);
    expect(history.map((h) => h.actor_user_id)).toEqual([admin.userId, admin.userId]);
    const first = history.find((h) => "plan" in h.changes)!;
    expect(first.changes).toMatchObject({
      plan: { from: "starter", to: "professional" },
      subdomain: { from: null, to: "acme-widgets" },
      is_verified: { from: false, to: true },
    });
    // Nothing changed: nothing recorded.
    await patch(customer.tenantId, { is_verified: true }, headers);
    expect(await tenantHistory(db(), customer.tenantId)).toHaveLength(2);
  });

  it("suspending a tenant shuts its callers out", async () => {
    const { admin, headers } = await platformAdmin();
    const customer = Caller.newTenant();
    const customerHeaders = await customer.accessHeaders();
    expect((await call("GET", "/api/v1/auth/me", { headers: customerHeaders })).status).toBe(200);
    expect((await patch(customer.tenantId, { status: "suspended" }, headers)).status).toBe(200);
    const res = await call("GET", "/api/v1/auth/me", { headers: customerHeaders });
    expect(res.status).toBe(403);
  });

  it("refuses bad subdomains (422), a taken one (409), an unknown plan (422), no tenant (404), non-admins (403)", async () => {
    const { admin, headers } = await platformAdmin();
    const a = await Caller.newTenant().provision();
    const b = await Caller.newTenant().provision();
    for (const subdomain of ["Acme", "a", "-acme", "acme-", "www", "ac me", "a".repeat(64), "xn--acme"]) {
      const res = await patch(a.tenantId, { subdomain }, headers);
      expect(res.status, subdomain).toBe(422);
    }
    expect((await patch(a.tenantId, { subdomain: "taken-one" }, headers)).status).toBe(200);
    const taken = await patch(b.tenantId, { subdomain: "taken-one" }, headers);
    await expectError(taken, 409, "conflict");
    expect((await patch(a.tenantId, { plan: "platinum" }, headers)).status).toBe(422);
    expect((await patch(a.tenantId, {}, headers)).status).toBe(422);
    expect((await patch(a.tenantId, { colour: "red" }, headers)).status).toBe(422);
    expect((await patch(a.tenantId, { limits: { credits_per_period: -1 } }, headers)).status).toBe(422);
    await expectError(await patch("no-such-tenant", { is_verified: true }, headers), 404, "not_found");
    const ownerHeaders = await a.accessHeaders();
    await expectError(await patch(a.tenantId, { plan: "enterprise" }, ownerHeaders), 403, "forbidden");
    expect(await tenantHistory(db(), b.tenantId)).toHaveLength(0);
  });
});

describe("the plan catalogue", () => {
  it("a platform admin changes a plan's numbers without a deploy; they bind at once here", async () => {
    const { admin, headers } = await platformAdmin();
    const plans = await json(await call("GET", "/api/v1/admin/plans", { headers }));
    expect(plans.map((p: { id: string }) => p.id)).toEqual(["free", "starter", "professional", "enterprise"]);
    const starter = plans.find((p: { id: string }) => p.id === "starter");
    const res = await call("PATCH", "/api/v1/admin/plans/starter", {
      headers,
      json: { credits_per_period: 1234, limits: { requests_per_minute: 45 } },
    });
    expect(res.status).toBe(200);
    const changed = await json(res);
    expect(changed).toMatchObject({ id: "starter", credits_per_period: 1234 });
    expect(changed.limits).toEqual({ ...starter.limits, requests_per_minute: 45 });
    const row = await env.DB.prepare("SELECT updated_by, updated_at FROM plans WHERE id = 'starter'").first<{
      updated_by: string;
      updated_at: string;
    }>();
    expect(row!.updated_by).toBe(admin.userId);
    // A tenant on the starter trial sees the new credits.
    const customer = Caller.newTenant();
    const me = await json(await call("GET", "/api/auth/me", { headers: await customer.accessHeaders() }));
    expect(me.subscription.credits_limit).toBe(1234);
    // Put it back, for the other tests of this file.
    await call("PATCH", "/api/v1/admin/plans/starter", {
      headers,
      json: { credits_per_period: starter.credits_per_period, limits: starter.limits },
    });
  });

  it("refuses bad numbers (422), an unknown plan (404) and everyone but platform admins (403)", async () => {
    const { admin, headers } = await platformAdmin();
    const patch = (id: string, body: unknown, h = headers) =>
      call("PATCH", `/api/v1/admin/plans/${id}`, { headers: h, json: body });
    expect((await patch("free", { credits_per_period: -5 })).status).toBe(422);
    expect((await patch("free", { limits: { requests_per_minute: 0 } })).status).toBe(422);
    expect((await patch("free", { limits: { colour: 1 } })).status).toBe(422);
    expect((await patch("free", {})).status).toBe(422);
    await expectError(await patch("platinum", { name: "Platinum" }), 404, "not_found");
    const owner = Caller.newTenant();
    await expectError(
      await patch("free", { credits_per_period: 1 }, await owner.accessHeaders()),
      403,
      "forbidden",
    );
    const free = await env.DB.prepare("SELECT credits_per_period FROM plans WHERE id = 'free'").first<{
      credits_per_period: number;
    }>();
    expect(free!.credits_per_period).toBe(100);
  });
});
