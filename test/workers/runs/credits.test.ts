/**
 * Credits on the engine (docs/plans.md, "Credits"): a run reserves a credit per domain before it
 * starts (402 credits_exhausted when the period cannot cover it), each finished domain is one
 * ledger record settled against the reservation, a failed domain is free, the run's end gives back
 * what it did not use, parallel submissions never overspend, and a redelivered message charges
 * nothing more. POST /verify charges an answered address and nothing for one it could not check.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../../src/db/client.ts";
import { currentSubscription } from "../../../src/services/billing/subscriptions.ts";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { consume, createRun, domainMessage, insertQuietRun, waitForRun } from "./helpers.ts";

/** Gives the tenant its own credits per period (an override over its plan, as a platform admin would). */
async function limitCredits(caller: Caller, credits: number) {
  await caller.provision();
  await env.DB.prepare("UPDATE tenants SET limits = ? WHERE id = ?")
    .bind(JSON.stringify({ credits_per_period: credits }), caller.tenantId)
    .run();
}

async function ledger(caller: Caller) {
  const { results } = await env.DB.prepare(
    "SELECT resource_type, resource_id, credits, run_id, reservation_id FROM usage_records WHERE tenant_id = ? ORDER BY resource_id",
  )
    .bind(caller.tenantId)
    .all<{
      resource_type: string;
      resource_id: string;
      credits: number;
      run_id: string | null;
      reservation_id: string | null;
    }>();
  return results;
}

async function reservations(caller: Caller) {
  const { results } = await env.DB.prepare(
    "SELECT run_id, credits, settled, status FROM credit_reservations WHERE tenant_id = ?",
  )
    .bind(caller.tenantId)
    .all<{ run_id: string | null; credits: number; settled: number; status: string }>();
  return results;
}

/** The period's credits as the subscription keeps them (made on this first read when the tenant had none). */
async function creditsUsed(caller: Caller): Promise<number> {
  return (await currentSubscription(createDatabase(env.DB), caller.tenantId, 14)).credits_used;
}

const quick = { skip_crawl: true, skip_verify: true };
const domains = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}-credits.com`);

describe("a run's credits", () => {
  it("are reserved up front, charged per finished domain, and the rest given back at the end", async () => {
    const owner = Caller.newTenant();
    await limitCredits(owner, 10);
    const res = await createRun(owner, { domains: domains(3, "a"), options: quick });
    expect(res.status).toBe(200);
    const { run_id: id } = await json(res);
    // Before any domain finished, the three are held.
    const held = await reservations(owner);
    expect(held).toEqual([
      { run_id: id, credits: 3, settled: expect.any(Number), status: expect.any(String) },
    ]);
    const run = await waitForRun(owner, id);
    expect(run.status).toBe("succeeded");
    const charged = await ledger(owner);
    expect(charged.map((r) => [r.resource_type, r.resource_id, r.credits, r.run_id])).toEqual([
      ["domain_discovered", "a0-credits.com", 1, id],
      ["domain_discovered", "a1-credits.com", 1, id],
      ["domain_discovered", "a2-credits.com", 1, id],
    ]);
    expect(new Set(charged.map((r) => r.reservation_id)).size).toBe(1);
    expect(charged[0]!.reservation_id).not.toBeNull();
    expect(await reservations(owner)).toEqual([{ run_id: id, credits: 3, settled: 3, status: "closed" }]);
    expect(await creditsUsed(owner)).toBe(3);
  });

  it("refuse a run the period cannot cover with 402 credits_exhausted, saying what is left, and create nothing", async () => {
    const owner = Caller.newTenant();
    await limitCredits(owner, 4);
    expect((await createRun(owner, { domains: domains(3, "b"), options: quick })).status).toBe(200);
    const res = await createRun(owner, { domains: domains(2, "c"), options: quick });
    const body = await expectError(res, 402, "credits_exhausted");
    expect(body).toMatchObject({ credits_required: 2, credits_remaining: 1, credits_limit: 4 });
    expect(body.detail).toContain("1 of this period's 4 are left");
    const { results } = await env.DB.prepare("SELECT count(*) AS n FROM runs WHERE tenant_id = ?")
      .bind(owner.tenantId)
      .all<{ n: number }>();
    expect(results[0]!.n).toBe(1);
    expect((await reservations(owner)).length).toBe(1);
  });

  it("never overspend under parallel submissions: 10 runs of 3 domains against 10 credits, exactly 3 start", async () => {
    const owner = Caller.newTenant();
    await limitCredits(owner, 10);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        createRun(owner, { domains: domains(3, `p${i}`), options: quick }),
      ),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 200, 200, 402, 402, 402, 402, 402, 402, 402]);
    const held = await reservations(owner);
    expect(held.reduce((n, r) => n + r.credits, 0)).toBe(9);
  });

  it("charge nothing for a failed domain, and nothing more when a message is redelivered", async () => {
    const owner = Caller.newTenant();
    const id = await insertQuietRun(owner, ["studio-lumiere.test", "northpeak.test"], { skip_verify: true });
    await consume([{ body: domainMessage(owner, id, "studio-lumiere.test") }]);
    await consume([{ body: domainMessage(owner, id, "studio-lumiere.test") }]); // a redelivery
    // The other domain fails for good on its last attempt.
    const boom = { crawl: async () => Promise.reject(new Error("crawler exploded")) };
    await consume([{ attempts: 4, body: domainMessage(owner, id, "northpeak.test") }], { overrides: boom });
    const run = await json(await call("GET", `/runs/${id}`, { headers: owner.devHeaders() }));
    expect(run.progress).toMatchObject({ domains_completed: 2, domains_failed: 1 });
    const charged = await ledger(owner);
    expect(charged.map((r) => r.resource_id)).toEqual(["studio-lumiere.test"]);
    expect(await creditsUsed(owner)).toBe(1);
  });

  it("held by a cancelled run go back", async () => {
    const owner = Caller.newTenant();
    await limitCredits(owner, 5);
    const { run_id: id } = await json(await createRun(owner, { domains: domains(5, "x"), options: quick }));
    const cancelled = await call("POST", `/runs/${id}/cancel`, { headers: owner.devHeaders() });
    expect([200, 409]).toContain(cancelled.status);
    await waitForRun(owner, id);
    const [held] = await reservations(owner);
    expect(held!.status).toBe("closed");
    // What the run did not use can be reserved again.
    const used = await creditsUsed(owner);
    const again = await createRun(owner, { domains: domains(5 - used, "y"), options: quick });
    expect(again.status).toBe(200);
  });
});

describe("POST /verify's credits", () => {
  it("charge one per answered address and refuse with 402 when none is left", async () => {
    const owner = Caller.newTenant();
    await limitCredits(owner, 1);
    const first = await call("POST", "/verify", {
      headers: owner.devHeaders(),
      json: { email: "someone@example.com" },
    });
    expect(first.status).toBe(200);
    const charged = await ledger(owner);
    expect(charged.map((r) => [r.resource_type, r.resource_id, r.credits])).toEqual([
      ["address_verified", "someone@example.com", 1],
    ]);
    expect((await reservations(owner)).map((r) => [r.settled, r.status])).toEqual([[1, "closed"]]);
    const second = await call("POST", "/verify", {
      headers: owner.devHeaders(),
      json: { email: "other@example.com" },
    });
    const body = await expectError(second, 402, "credits_exhausted");
    expect(body).toMatchObject({ credits_required: 1, credits_remaining: 0, credits_limit: 1 });
  });
});
