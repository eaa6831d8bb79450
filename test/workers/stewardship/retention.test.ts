import { createScheduledController, env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../../src/index.ts";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { seedLeads } from "../leads/helpers.ts";
import { leadEmails, memberOf } from "./helpers.ts";

afterEach(() => vi.restoreAllMocks());

const setRetention = (caller: Caller, body: unknown) =>
  call("PUT", "/settings/retention", { headers: caller.devHeaders(), json: body });

const NOW = Date.parse("2026-11-25T03:17:00.000Z");
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();

async function age(tenantId: string, email: string, refreshed: string | null, created: string) {
  await env.DB.prepare("UPDATE leads SET refreshed_at = ?, created_at = ? WHERE tenant_id = ? AND email = ?")
    .bind(refreshed, created, tenantId, email)
    .run();
}

async function runCron() {
  const controller = createScheduledController({ scheduledTime: new Date(NOW), cron: "17 3 * * *" });
  await worker.scheduled(controller, { ...env, LOG_LEVEL: "info" });
}

describe("GET/PUT /settings/retention", () => {
  it("is null until set, then keeps what was put (and null again)", async () => {
    const owner = await Caller.newTenant().provision();
    const get = async () => json(await call("GET", "/settings/retention", { headers: owner.devHeaders() }));
    expect(await get()).toEqual({ retention_days: null });
    const put = await setRetention(owner, { retention_days: 90 });
    expect(put.status).toBe(200);
    expect(await json(put)).toEqual({ retention_days: 90 });
    expect(await get()).toEqual({ retention_days: 90 });
    expect(await json(await setRetention(owner, { retention_days: null }))).toEqual({ retention_days: null });
    expect(await get()).toEqual({ retention_days: null });
  });

  it.each([
    [{ retention_days: 0 }],
    [{ retention_days: 3651 }],
    [{ retention_days: 1.5 }],
    [
      {
        retention_days: "30",
      },
    ],
    [{}],
    [{ retention_days: 30, extra: true }],
  ])("refuses %j (400)", async (body) => {
    const owner = await Caller.newTenant().provision();
    await expectError(await setRetention(owner, body), 400, "validation_failed");
  });

  it("is for owners and admins only (403 for members)", async () => {
    const owner = await Caller.newTenant().provision();
    const member = await memberOf(owner);
    await expectError(
      await call("GET", "/settings/retention", { headers: member.devHeaders() }),
      403,
      "forbidden",
    );
    await expectError(await setRetention(member, { retention_days: 1 }), 403, "forbidden");
  });
});

describe("the scheduled retention purge", () => {
  it("deletes leads not refreshed within the tenant's retention, and only those", async () => {
    const logs: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void logs.push(String(line)));
    const owner = Caller.newTenant();
    const keeper = Caller.newTenant();
    await seedLeads(owner, [
      { email: "stale@acme.com" },
      { email: "fresh@acme.com" },
      { email: "old-never-refreshed@acme.com" },
      { email: "new-never-refreshed@acme.com" },
      { email: "edited@acme.com" },
    ]);
    await seedLeads(keeper, [{ email: "ancient@acme.com" }]);
    await age(owner.tenantId, "stale@acme.com", daysAgo(31), daysAgo(400));
    await age(owner.tenantId, "fresh@acme.com", daysAgo(29), daysAgo(400));
    await age(owner.tenantId, "old-never-refreshed@acme.com", null, daysAgo(31));
    await age(owner.tenantId, "new-never-refreshed@acme.com", null, daysAgo(1));
    // An edit (updated_at) does not extend retention.
    await age(owner.tenantId, "edited@acme.com", daysAgo(45), daysAgo(400));
    await env.DB.prepare("UPDATE leads SET updated_at = ? WHERE email = 'edited@acme.com'")
      .bind(daysAgo(0))
      .run();
    await age(keeper.tenantId, "ancient@acme.com", daysAgo(3000), daysAgo(3000));
    expect((await setRetention(owner, { retention_days: 30 })).status).toBe(200);
    await keeper.provision();

    await runCron();
    expect(await leadEmails(owner.tenantId)).toEqual(["fresh@acme.com", "new-never-refreshed@acme.com"]);
    expect(await leadEmails(keeper.tenantId)).toEqual(["ancient@acme.com"]);
    const line = logs.find((l) => l.includes("expired leads purged") && l.includes(owner.tenantId));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ deleted: 3, retention_days: 30 });
    expect(logs.join("\n")).not.toContain("@acme.com");
  });

  it("works off a backlog in chunks, bounded per invocation", async () => {
    const { purgeExpiredLeads } = await import("../../../src/services/stewardship/retention.ts");
    const { createDatabase } = await import("../../../src/db/client.ts");
    const { createLogger } = await import("../../../src/lib/logger.ts");
    const owner = Caller.newTenant();
    const emails = Array.from({ length: 25 }, (_, i) => `p${String(i).padStart(2, "0")}@acme.com`);
    await seedLeads(
      owner,
      emails.map((email) => ({ email })),
    );
    await env.DB.prepare("UPDATE leads SET refreshed_at = ? WHERE tenant_id = ?")
      .bind(daysAgo(10), owner.tenantId)
      .run();
    await setRetention(owner, { retention_days: 5 });
    const db = createDatabase(env.DB);
    const log = createLogger({}, "error");
    const options = { now: new Date(NOW), chunkSize: 4, maxLeads: 10 };
    const first = await purgeExpiredLeads(db, log, options);
    expect(first).toMatchObject({ deleted: 10, truncated: true });
    expect(await leadEmails(owner.tenantId)).toHaveLength(15);
    await purgeExpiredLeads(db, log, options);
    const last = await purgeExpiredLeads(db, log, options);
    expect(last).toMatchObject({ deleted: 5, truncated: false });
    expect(await leadEmails(owner.tenantId)).toEqual([]);
  });
});
