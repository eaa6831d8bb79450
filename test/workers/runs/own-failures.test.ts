/**
 * A failure on our side must not become everyone's answer (issue 16): when
 * the mail route is broken (a real sidecar whose SMTP connections are all
 * refused), a run's addresses come back unknown, are neither stored in the
 * shared verification cache nor served from it, and are tried again within
 * the run; once the route is mended, the next run, of any tenant, verifies
 * for real.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SidecarClient } from "../../../src/services/sidecar-client.ts";
import { TEST_SIDECAR_SECRET } from "../../test-secrets.ts";
import { Caller, call, json } from "../helpers/api.ts";
import { consume, domainMessage, insertQuietRun, keptQueue, results } from "./helpers.ts";

const brokenRoute = () =>
  new SidecarClient({ baseUrl: env.TEST_BROKEN_SIDECAR_URL }, { secret: TEST_SIDECAR_SECRET });

async function storedLead(owner: Caller, email: string) {
  await owner.provision();
  await env.DB.prepare(
    `INSERT INTO leads (id, tenant_id, email, type, first_name, last_name, full_name, company, company_domain,
       email_source, verify_status, verify_reason, icp_score, sources, alternatives)
     VALUES (?, ?, ?, 'personal', 'Anna', 'Strict', 'Anna Strict', 'Strict', 'strict.test',
       'published', 'unknown', 'not_verified', 0, '[]', '[]')`,
  )
    .bind(`lead-${crypto.randomUUID()}`, owner.tenantId, email)
    .run();
}

const cached = (email: string) =>
  env.DB.prepare("SELECT status, reason FROM email_verifications WHERE email = ?").bind(email).first();
const runOf = async (owner: Caller, runId: string) =>
  json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));

describe("a broken mail route", () => {
  it("is not cached: mended, the next run (another tenant's) verifies for real, and the first run's retry too", async () => {
    const email = "anna@strict.test";
    const first = Caller.newTenant();
    await storedLead(first, email);
    const firstRun = await insertQuietRun(first, ["strict.test"], { skip_crawl: true });
    const kept = keptQueue();
    await consume([{ body: domainMessage(first, firstRun, "strict.test") }], {
      overrides: { sidecar: brokenRoute(), queue: kept.queue },
    });
    expect((await results(first, firstRun)).results[0]).toMatchObject({
      email,
      verify_status: "unknown_no_connect",
      verify_reason: "connect_failed",
    });
    expect(await cached(email)).toBeNull();
    const waiting = await runOf(first, firstRun);
    expect(waiting.status).toBe("running");
    expect(waiting.domain_details[0]).toMatchObject({ status: "running", stage: "waiting_retry" });
    expect(kept.sent).toEqual([
      {
        body: {
          type: "reverify",
          run_id: firstRun,
          tenant_id: first.tenantId,
          domain: "strict.test",
          emails: [email],
          round: 1,
        },
        delaySeconds: 60,
      },
    ]);

    // Mended: another tenant's run verifies for real, not from a cached failure.
    const second = Caller.newTenant();
    await storedLead(second, email);
    const secondRun = await insertQuietRun(second, ["strict.test"], { skip_crawl: true });
    await consume([{ body: domainMessage(second, secondRun, "strict.test") }]);
    expect((await runOf(second, secondRun)).status).toBe("succeeded");
    expect((await results(second, secondRun)).results[0]).toMatchObject({ email, verify_status: "valid" });
    expect(await cached(email)).toMatchObject({ status: "valid" });

    // And the first run's retry, once the route is mended, gets the real answer too.
    await consume([{ body: kept.sent[0]!.body }]);
    expect((await runOf(first, firstRun)).status).toBe("succeeded");
    expect((await results(first, firstRun)).results[0]).toMatchObject({ email, verify_status: "valid" });
  }, 60_000);

  it("never overwrites a real verdict in the cache", async () => {
    const email = "ben@strict.test";
    const owner = Caller.newTenant();
    await storedLead(owner, email);
    const runId = await insertQuietRun(owner, ["strict.test"], { skip_crawl: true });
    await consume([{ body: domainMessage(owner, runId, "strict.test") }]);
    expect(await cached(email)).toMatchObject({ status: "valid" });
    // A verify-mode run (fresh probes) through the broken route: the lead says unknown, the cache keeps "valid".
    const again = await insertQuietRun(owner, ["strict.test"], { mode: "verify" });
    await consume([{ body: domainMessage(owner, again, "strict.test") }], {
      overrides: { sidecar: brokenRoute(), queue: keptQueue().queue },
    });
    expect(await cached(email)).toMatchObject({ status: "valid", reason: "rcpt_2xx_non_catchall" });
  }, 60_000);

  it("after the last retry round, finishes with the honest unknown and says why in the log", async () => {
    const email = "cara@strict.test";
    const owner = Caller.newTenant();
    await storedLead(owner, email);
    const runId = await insertQuietRun(owner, ["strict.test"], { skip_crawl: true });
    const kept = keptQueue();
    const broken = { sidecar: brokenRoute(), queue: kept.queue };
    await consume([{ body: domainMessage(owner, runId, "strict.test") }], { overrides: broken });
    for (let round = 1; round <= 3; round++) {
      expect(kept.sent).toHaveLength(round);
      await consume([{ body: kept.sent[round - 1]!.body }], { overrides: broken });
    }
    expect(kept.sent).toHaveLength(3);
    expect((await runOf(owner, runId)).status).toBe("succeeded");
    expect((await results(owner, runId)).results[0]).toMatchObject({
      email,
      verify_status: "unknown_no_connect",
    });
    const logs = await json(
      await call("GET", `/runs/${runId}/logs?level=warn`, { headers: owner.devHeaders() }),
    );
    expect(logs.results.map((l: { message: string }) => l.message)).toContainEqual(
      expect.stringMatching(/still 1 unverified through a failure on our side after 3 retries/),
    );
    expect(await cached(email)).toBeNull();
  }, 60_000);
});
