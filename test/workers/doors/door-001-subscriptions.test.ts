/**
 * Door 001's subscriptions (seed 001): the plan catalogue, a new tenant's
 * trial, plan changes (downgrades at the period's end, upgrades waiting for a
 * payment), the period's usage from the ledger, and `/api/auth/me`'s credits.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../../src/db/client.ts";
import { recordUsage } from "../../../src/services/billing/credits.ts";
import { currentSubscription, usageBetween } from "../../../src/services/billing/subscriptions.ts";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";

describeProtectedRoute({ method: "GET", path: "/api/subscriptions/current" });
describeProtectedRoute({ method: "GET", path: "/api/subscriptions/usage" });
describeProtectedRoute({ method: "POST", path: "/api/subscriptions/change-plan", body: { plan_id: "free" } });
describeProtectedRoute({ method: "GET", path: "/api/subscriptions/plans/{id}" });

const db = () => createDatabase(env.DB);
const owner = async () => {
  const caller = Caller.newTenant();
  return { caller, headers: await caller.accessHeaders() };
};
const get = (path: string, headers: Record<string, string>) => call("GET", path, { headers });
const change = (plan_id: unknown, headers: Record<string, string>) =>
  call("POST", "/api/subscriptions/change-plan", { json: { plan_id }, headers });

/** Moves the tenant's subscription to `plan`, active for a month from `start` (as a paid Stripe invoice will). */
async function activate(tenantId: string, plan: string, start = "2026-11-20T00:00:00.000Z") {
  await currentSubscription(db(), tenantId, 14);
  await env.DB.prepare(
    "UPDATE subscriptions SET plan_id = ?, status = 'active', current_period_start = ?, current_period_end = ? WHERE tenant_id = ?",
  )
    .bind(plan, start, new Date(new Date(start).getTime() + 31 * 86_400_000).toISOString(), tenantId)
    .run();
}

describe("GET /api/subscriptions/plans/{planId}", () => {
  it("answers the seed's body for each plan, `pro` for professional, any case", async () => {
    const { headers } = await owner();
    const res = await get("/api/subscriptions/plans/professional", headers);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      id: "professional",
      name: "Professional",
      price: 149,
      credits: 5000,
      features: ["All OSINT data sources", "API access", "Custom scoring models"],
    });
    expect(await json(await get("/api/subscriptions/plans/PRO", headers))).toMatchObject({
      id: "professional",
    });
    for (const [id, price, credits] of [
      ["free", 0, 100],
      ["starter", 49, 1000],
      ["enterprise", 499, 25000],
    ] as const)
      expect(await json(await get(`/api/subscriptions/plans/${id}`, headers))).toMatchObject({
        id,
        price,
        credits,
      });
  });

  it("404 in door 001's dialect for a plan that does not exist", async () => {
    const { headers } = await owner();
    const body = await expectError(await get("/api/subscriptions/plans/platinum", headers), 404, "not_found");
    expect(body.detail).toMatch(/platinum/);
  });
});

describe("GET /api/subscriptions/current", () => {
  it("starts a new tenant on the starter trial for TRIAL_DAYS", async () => {
    const { headers } = await owner();
    const res = await get("/api/subscriptions/current", headers);
    expect(res.status).toBe(200);
    const { subscription } = await json(res);
    expect(subscription).toEqual({
      plan_id: "starter",
      plan_name: "Starter",
      status: "trial",
      price: 49,
      credits_limit: 1000,
      features: ["core_osint_sources", "csv_xlsx_export", "email_verification"],
      current_period_start: expect.any(String),
      current_period_end: expect.any(String),
      pending_plan_id: null,
    });
    const days =
      (Date.parse(subscription.current_period_end) - Date.parse(subscription.current_period_start)) /
      86_400_000;
    expect(days).toBe(14);
  });

  it("puts a tenant whose trial ended on the free plan", async () => {
    const { caller, headers } = await owner();
    await env.DB.prepare("UPDATE tenants SET created_at = '2026-01-01T00:00:00.000Z' WHERE id = ?")
      .bind(caller.tenantId)
      .run();
    const { subscription } = await json(await get("/api/subscriptions/current", headers));
    expect(subscription).toMatchObject({ plan_id: "free", status: "active", credits_limit: 100 });
    expect(Date.parse(subscription.current_period_end)).toBeGreaterThan(Date.now());
  });

  it("/api/auth/me closes an ended period too (its one-query path falls back to the long way)", async () => {
    const { caller, headers } = await owner();
    await currentSubscription(db(), caller.tenantId, 14);
    await env.DB.prepare(
      "UPDATE subscriptions SET current_period_start = '2026-01-01T00:00:00.000Z', current_period_end = '2026-01-15T00:00:00.000Z' WHERE tenant_id = ?",
    )
      .bind(caller.tenantId)
      .run();
    const me = await json(await get("/api/auth/me", headers));
    expect(me.subscription).toEqual({
      plan_id: "free",
      status: "active",
      credits_limit: 100,
      credits_used: 0,
    });
    const again = await json(await get("/api/auth/me", headers));
    expect(again.subscription).toEqual(me.subscription);
  });

  it("shows each tenant its own subscription", async () => {
    const a = await owner();
    const b = await owner();
    await activate(a.caller.tenantId, "enterprise");
    expect((await json(await get("/api/subscriptions/current", a.headers))).subscription.plan_id).toBe(
      "enterprise",
    );
    expect((await json(await get("/api/subscriptions/current", b.headers))).subscription.plan_id).toBe(
      "starter",
    );
  });
});

describe("POST /api/subscriptions/change-plan", () => {
  it("answers payment_required for a paid plan during a trial, and changes nothing", async () => {
    const { headers } = await owner();
    const res = await change("enterprise", headers);
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({
      success: true,
      payment_required: true,
      message: "Plan change initiated. Payment required.",
      effective_at: null,
    });
    expect((await json(await get("/api/subscriptions/current", headers))).subscription).toMatchObject({
      plan_id: "starter",
      status: "trial",
    });
  });

  it("starts the free plan at once during a trial", async () => {
    const { headers } = await owner();
    const body = await json(await change("free", headers));
    expect(body).toMatchObject({ success: true, payment_required: false, effective_at: expect.any(String) });
    expect((await json(await get("/api/subscriptions/current", headers))).subscription).toMatchObject({
      plan_id: "free",
      status: "active",
    });
  });

  it("schedules a downgrade for the period's end; asking for the current plan again cancels it", async () => {
    const { caller, headers } = await owner();
    await activate(caller.tenantId, "enterprise");
    const before = (await json(await get("/api/subscriptions/current", headers))).subscription;
    const body = await json(await change("pro", headers));
    expect(body).toEqual({
      success: true,
      payment_required: false,
      message: "The Professional plan starts when the current period ends.",
      effective_at: before.current_period_end,
    });
    expect((await json(await get("/api/subscriptions/current", headers))).subscription).toMatchObject({
      plan_id: "enterprise",
      pending_plan_id: "professional",
    });
    expect(await json(await change("enterprise", headers))).toMatchObject({ payment_required: false });
    expect((await json(await get("/api/subscriptions/current", headers))).subscription).toMatchObject({
      plan_id: "enterprise",
      pending_plan_id: null,
    });
  });

  it("answers payment_required for an upgrade of an active plan", async () => {
    const { caller, headers } = await owner();
    await activate(caller.tenantId, "starter");
    expect(await json(await change("professional", headers))).toMatchObject({ payment_required: true });
    expect((await json(await get("/api/subscriptions/current", headers))).subscription.plan_id).toBe(
      "starter",
    );
  });

  it("refuses members (403), an unknown plan (404) and a bad body (400), changing nothing", async () => {
    const { caller } = await owner();
    const member = await caller.colleague().accessHeaders();
    await expectError(await change("free", member), 403, "forbidden");
    const headers = await caller.accessHeaders();
    await expectError(await change("platinum", headers), 404, "not_found");
    await expectError(await change(42, headers), 400, "validation_failed");
    expect((await json(await get("/api/subscriptions/current", headers))).subscription.status).toBe("trial");
  });
});

describe("usage and credits", () => {
  it("sums the period's ledger by day, for the caller's tenant only, and /api/auth/me shows it", async () => {
    const { caller, headers } = await owner();
    const other = await owner();
    const now = new Date().toISOString();
    const record = (tenantId: string, key: string, credits: number) =>
      recordUsage(db(), tenantId, {
        userId: caller.userId,
        resourceType: "domain",
        resourceId: "acme.test",
        amount: 1,
        unit: "domain",
        credits,
        description: "A domain discovered",
        idempotencyKey: key,
      });
    expect(await record(caller.tenantId, "run_1:acme.test", 3)).toBe(true);
    expect(await record(caller.tenantId, "run_1:beta.test", 2)).toBe(true);
    // A redelivered message: the same key charges nothing more.
    expect(await record(caller.tenantId, "run_1:acme.test", 3)).toBe(false);
    await record(other.caller.tenantId, "run_9:acme.test", 50);
    const res = await get("/api/subscriptions/usage", headers);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toEqual({
      credits_used: 5,
      credits_limit: 1000,
      period_start: expect.any(String),
      period_end: expect.any(String),
      usage_by_day: [{ date: now.slice(0, 10), credits: 5 }],
    });
    expect((await json(await get("/api/auth/me", headers))).subscription).toEqual({
      plan_id: "starter",
      status: "trial",
      credits_limit: 1000,
      credits_used: 5,
    });
  });

  it("counts only the current period's records", async () => {
    const { caller } = await owner();
    await env.DB.prepare(
      "INSERT INTO usage_records (id, tenant_id, resource_type, amount, unit, credits, idempotency_key, created_at) VALUES ('use_old', ?, 'domain', 1, 'domain', 7, 'k-old', '2020-01-05T00:00:00.000Z')",
    )
      .bind(caller.tenantId)
      .run();
    const s = await currentSubscription(db(), caller.tenantId, 14);
    expect(
      (await usageBetween(db(), caller.tenantId, s.current_period_start, s.current_period_end)).credits_used,
    ).toBe(0);
    expect(
      (await usageBetween(db(), caller.tenantId, "2020-01-01T00:00:00.000Z", "2020-02-01T00:00:00.000Z"))
        .credits_used,
    ).toBe(7);
  });

  it("a period's turn resets the credits counter to the new period's ledger, and keeps the old records", async () => {
    const { caller, headers } = await owner();
    await currentSubscription(db(), caller.tenantId, 14);
    const charge = (key: string, credits: number) =>
      recordUsage(db(), caller.tenantId, {
        userId: caller.userId,
        resourceType: "domain_discovered",
        resourceId: key,
        amount: 1,
        unit: "domain",
        credits,
        description: null,
        idempotencyKey: key,
      });
    await charge("before-the-turn", 4);
    expect((await json(await get("/api/auth/me", headers))).subscription.credits_used).toBe(4);
    // The period ends (as time passes): the next read turns it.
    await env.DB.prepare(
      "UPDATE subscriptions SET current_period_start = '2026-01-01T00:00:00.000Z', current_period_end = '2026-01-15T00:00:00.000Z' WHERE tenant_id = ?",
    )
      .bind(caller.tenantId)
      .run();
    const turned = await currentSubscription(db(), caller.tenantId, 14);
    // The record made "now" falls in the new period (it started on 15 January, a month at a time).
    const inNew = (
      await usageBetween(db(), caller.tenantId, turned.current_period_start, turned.current_period_end)
    ).credits_used;
    expect(turned.credits_used).toBe(inNew);
    await env.DB.prepare(
      "UPDATE usage_records SET created_at = '2026-01-10T00:00:00.000Z' WHERE tenant_id = ?",
    )
      .bind(caller.tenantId)
      .run();
    await env.DB.prepare(
      "UPDATE subscriptions SET current_period_start = '2026-01-01T00:00:00.000Z', current_period_end = '2026-01-15T00:00:00.000Z' WHERE tenant_id = ?",
    )
      .bind(caller.tenantId)
      .run();
    const again = await currentSubscription(db(), caller.tenantId, 14);
    expect(again.credits_used).toBe(0);
    expect((await json(await get("/api/auth/me", headers))).subscription.credits_used).toBe(0);
    await charge("after-the-turn", 2);
    expect((await json(await get("/api/auth/me", headers))).subscription.credits_used).toBe(2);
    const { results } = await env.DB.prepare("SELECT count(*) AS n FROM usage_records WHERE tenant_id = ?")
      .bind(caller.tenantId)
      .all<{ n: number }>();
    expect(results[0]!.n).toBe(2);
  });
});
