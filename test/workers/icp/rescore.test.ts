/**
 * Re-scoring runs driven message by message through the real consumer:
 * duplicates are no-ops, cancelled and superseded runs stop, and a message
 * that gives up fails its run.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../../src/db/client.ts";
import { IcpProfileSchema } from "../../../src/domain/icp/score.ts";
import { putIcpProfile } from "../../../src/services/icp/profiles.ts";
import { RESCORE_UPDATE_SQL } from "../../../src/services/icp/rescore.ts";
import { insertRun } from "../../../src/services/runs/store.ts";
import { Caller, call, json } from "../helpers/api.ts";
import { seedLeads } from "../leads/helpers.ts";
import { consume } from "../runs/helpers.ts";
import { putIcp, scores, waitForRun } from "./helpers.ts";

const db = () => createDatabase(env.DB);

/** A tenant with leads, a stored profile (version 1) and a re-scoring run nobody has sent a message for. */
async function quietRescore(leadCount = 3) {
  const owner = Caller.newTenant();
  await seedLeads(
    owner,
    Array.from({ length: leadCount }, (_, i) => ({
      email: `p${i}@quiet.test`,
      seniority: "vp",
      icp_score: 50,
    })),
  );
  const profile = IcpProfileSchema.parse({ seniorities: ["vp"], weights: { deliverability: 0 } });
  const { version } = await putIcpProfile(db(), owner.tenantId, profile, owner.userId);
  const runId = crypto.randomUUID();
  await insertRun(db(), {
    id: runId,
    tenantId: owner.tenantId,
    userId: owner.userId,
    label: "quiet rescore",
    options: { mode: "rescore", profile_version: version, leads_total: leadCount },
    domains: [],
    idempotencyKey: null,
    requestHash: null,
  });
  const message = { type: "rescore", run_id: runId, tenant_id: owner.tenantId };
  return { owner, runId, message };
}

// biome-ignore lint/suspicious/noExplicitAny: assertion convenience
const getRun = async (owner: Caller, runId: string): Promise<any> =>
  json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));

describe("re-scoring runs", () => {
  it("scores every lead once, and a duplicate delivery changes nothing", async () => {
    const { owner, runId, message } = await quietRescore();
    const first = await consume([{ body: message }]);
    expect(first.explicitAcks).toHaveLength(1);
    const run = await getRun(owner, runId);
    expect(run).toMatchObject({ status: "succeeded", progress: { leads_found: 3, leads_total: 3 } });
    for (const lead of (await scores(owner.tenantId)).values()) expect(lead.icp_score).toBe(100);

    await env.DB.prepare("UPDATE leads SET icp_score = 7 WHERE tenant_id = ?").bind(owner.tenantId).run();
    const again = await consume([{ body: message }]);
    expect(again.explicitAcks).toHaveLength(1);
    for (const lead of (await scores(owner.tenantId)).values()) expect(lead.icp_score).toBe(7);
    const logs = await env.DB.prepare("SELECT message FROM run_logs WHERE run_id = ?").bind(runId).all();
    expect(logs.results).toEqual([{ message: "re-scored every lead" }]);
  });

  it("goes on from its cursor in the next message, counting every lead once", async () => {
    const { owner, runId, message } = await quietRescore(7);
    await consume([{ body: message }], { overrides: { rescore: { pageSize: 2, maxPages: 2 } } });
    const partway = await getRun(owner, runId);
    expect(partway.status).toBe("running");
    expect(partway.progress.leads_found).toBe(4);
    const rescored = [...(await scores(owner.tenantId)).values()].filter((l) => l.icp_score === 100);
    expect(rescored).toHaveLength(4);
    // The message it sent goes through the real queue; the rest is done there.
    const done = await waitForRun(owner, runId);
    expect(done).toMatchObject({ status: "succeeded", progress: { leads_found: 7, leads_total: 7 } });
    for (const lead of (await scores(owner.tenantId)).values()) expect(lead.icp_score).toBe(100);
  });

  it("counts each lead once when two deliveries of a message work at the same time", async () => {
    const { owner, runId, message } = await quietRescore(9);
    await consume([{ body: message }, { body: message }], {
      overrides: { rescore: { pageSize: 2, maxPages: 10 } },
    });
    expect(await getRun(owner, runId)).toMatchObject({
      status: "succeeded",
      progress: { leads_found: 9, leads_total: 9 },
    });
  });

  it("stops when the run was cancelled", async () => {
    const { owner, runId, message } = await quietRescore();
    const cancel = await call("POST", `/runs/${runId}/cancel`, { headers: owner.devHeaders() });
    expect(cancel.status).toBe(200);
    await consume([{ body: message }]);
    expect((await getRun(owner, runId)).status).toBe("cancelled");
    for (const lead of (await scores(owner.tenantId)).values()) expect(lead.icp_score).toBe(50);
  });

  it("is cancelled as superseded when a newer profile is saved", async () => {
    const { owner, runId, message } = await quietRescore();
    const saved = await json(await putIcp(owner, { seniorities: ["c_suite"] }));
    expect(saved.version).toBe(2);
    const old = await getRun(owner, runId);
    expect(old).toMatchObject({ status: "cancelled", error: "superseded by ICP profile version 2" });
    await consume([{ body: message }]);
    expect((await getRun(owner, runId)).status).toBe("cancelled");
  });

  it("notices a profile changed behind its back and stops", async () => {
    const { owner, runId, message } = await quietRescore();
    await putIcpProfile(db(), owner.tenantId, IcpProfileSchema.parse({}), null);
    await consume([{ body: message }]);
    expect(await getRun(owner, runId)).toMatchObject({
      status: "cancelled",
      error: "superseded by a newer ICP profile",
    });
  });

  it("fails the run when its message gives up (dead-letter queue)", async () => {
    const { owner, runId, message } = await quietRescore();
    await consume([{ body: message }], { queue: "prospector-runs-dlq" });
    expect(await getRun(owner, runId)).toMatchObject({
      status: "failed",
      error: "gave up after repeated failures",
    });
  });

  it("finishes at once for a tenant without leads", async () => {
    const { owner, runId, message } = await quietRescore(0);
    await consume([{ body: message }]);
    expect(await getRun(owner, runId)).toMatchObject({
      status: "succeeded",
      progress: { leads_found: 0, leads_total: 0 },
    });
  });

  it("ignores another tenant's run id (tenant scoped)", async () => {
    const { owner, runId, message } = await quietRescore();
    const intruder = Caller.newTenant();
    await consume([{ body: { ...message, tenant_id: intruder.tenantId } }]);
    expect((await getRun(owner, runId)).status).toBe("queued");
  });
});

describe("re-scoring queries", () => {
  it("drive the score update from the page's rows (a primary-key lookup each), not the tenant's leads", async () => {
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${RESCORE_UPDATE_SQL}`)
      .bind("t", "[]")
      .all();
    const plan = results.map((r) => String(r.detail));
    expect(plan[0]).toMatch(/^SCAN json_each/);
    expect(plan[1]).toMatch(/^SEARCH leads USING INDEX sqlite_autoindex_leads_1 \(id=\?\)/);
  });
});
