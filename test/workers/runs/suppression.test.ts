/** The run pipeline never stores an address (or an address at a domain) the tenant suppressed. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, json } from "../helpers/api.ts";
import { consume, domainMessage, insertQuietRun, results } from "./helpers.ts";

const DOMAIN = "studio-lumiere.test";

const suppress = (owner: Caller, body: Record<string, unknown>) =>
  call("POST", "/suppressions", { headers: owner.devHeaders(), json: body });

async function runOnce(owner: Caller) {
  const runId = await insertQuietRun(owner, [DOMAIN], { skip_verify: true });
  const done = await consume([{ body: domainMessage(owner, runId, DOMAIN) }]);
  expect(done.explicitAcks).toHaveLength(1);
  return runId;
}

async function storedEmails(tenantId: string): Promise<string[]> {
  const { results: rows } = await env.DB.prepare("SELECT email, alternatives FROM leads WHERE tenant_id = ?")
    .bind(tenantId)
    .all<{ email: string; alternatives: string }>();
  return rows.flatMap((r) => [r.email, ...JSON.parse(r.alternatives).map((a: { email: string }) => a.email)]);
}

describe("runs and the suppression list", () => {
  it("skips a suppressed address and says so in the domain's log line", async () => {
    const baseline = Caller.newTenant();
    const all = await results(baseline, await runOnce(baseline));
    const emails = all.results.map((r: { email: string }) => r.email);
    const target: string = emails[0];
    expect(target).toMatch(/@studio-lumiere\.test$/);

    const owner = await Caller.newTenant().provision();
    expect((await suppress(owner, { email: target })).status).toBe(201);
    const runId = await runOnce(owner);
    const page = await results(owner, runId);
    expect(page.total).toBe(all.total - 1);
    expect(await storedEmails(owner.tenantId)).not.toContain(target);
    const run = await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));
    expect(run.status).toBe("succeeded");
    const log = await env.DB.prepare(
      "SELECT message FROM run_logs WHERE run_id = ? AND message LIKE 'done:%'",
    )
      .bind(runId)
      .first<{ message: string }>();
    expect(log!.message).toMatch(/1 suppressed/);
    expect(log!.message).not.toContain(target);
  });

  it("stores nothing for a suppressed domain", async () => {
    const owner = await Caller.newTenant().provision();
    expect((await suppress(owner, { domain: `https://www.${DOMAIN}/` })).status).toBe(201);
    const runId = await runOnce(owner);
    expect(await storedEmails(owner.tenantId)).toEqual([]);
    const run = await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));
    expect(run.status).toBe("succeeded");
  });

  it("never probes a suppressed address over SMTP, so no verdict about it is stored anywhere", async () => {
    const owner = await Caller.newTenant().provision();
    expect((await suppress(owner, { email: "camille@studio-lumiere.test" })).status).toBe(201);
    const runId = await insertQuietRun(owner, [DOMAIN]);
    await consume([{ body: domainMessage(owner, runId, DOMAIN) }]);
    const cached = async (email: string) =>
      (await env.DB.prepare("SELECT count(*) AS n FROM email_verifications WHERE email = ?")
        .bind(email)
        .first<{ n: number }>())!.n;
    expect(await cached("camille@studio-lumiere.test")).toBe(0);
    expect(await cached("elodie@studio-lumiere.test")).toBe(1);
    expect(await storedEmails(owner.tenantId)).not.toContain("camille@studio-lumiere.test");
  });

  it("does not probe again, after a greylist wait, an address suppressed meanwhile", async () => {
    const owner = await Caller.newTenant().provision();
    const runId = await insertQuietRun(owner, ["greylist.test"]);
    await env.DB.batch([
      env.DB.prepare("UPDATE runs SET status = 'running' WHERE id = ?").bind(runId),
      env.DB.prepare("UPDATE run_domains SET status = 'running' WHERE run_id = ?").bind(runId),
    ]);
    expect((await suppress(owner, { email: "gina@greylist.test" })).status).toBe(201);
    const reverify = {
      type: "reverify",
      run_id: runId,
      tenant_id: owner.tenantId,
      domain: "greylist.test",
      emails: ["gina@greylist.test"],
      round: 1,
    };
    const done = await consume([{ body: reverify }]);
    expect(done.explicitAcks).toHaveLength(1);
    const row = await env.DB.prepare("SELECT count(*) AS n FROM email_verifications WHERE email = ?")
      .bind("gina@greylist.test")
      .first<{ n: number }>();
    expect(row!.n).toBe(0);
    const run = await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));
    expect(run.domain_details[0].status).toBe("done");
  });
});
