/** Bad input, idempotency, cancellation, failures and redelivery: clear answers, nothing half-written, nothing twice. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SidecarClient } from "../../../src/services/sidecar-client.ts";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import {
  consume,
  createRun,
  domainMessage,
  insertQuietRun,
  keptQueue,
  results,
  waitForRun,
} from "./helpers.ts";

const runCount = async (caller: Caller) =>
  (await json(await call("GET", "/runs", { headers: caller.devHeaders() }))).results.length;

describe("creating a run", () => {
  it("lists every entry that is not a domain, with its reason, and creates nothing", async () => {
    const owner = Caller.newTenant();
    const res = await createRun(owner, {
      domains: ["acme.test", "not a domain", "co.uk", "192.168.1.1", "https://www.ok-too.test/x"],
    });
    const body = await expectError(res, 400, "validation_failed");
    expect(Object.keys(body.fields).sort()).toEqual(["domains.1", "domains.2", "domains.3"]);
    expect(body.fields["domains.2"]).toContain("co.uk");
    expect(body.detail).toContain("3 entries are not a domain");
    expect(await runCount(owner)).toBe(0);
  });

  it("refuses an empty list, more than 1,000 domains, unknown options and a bad mode", async () => {
    const owner = Caller.newTenant();
    await expectError(await createRun(owner, { domains: [] }), 400, "validation_failed");
    const many = Array.from({ length: 1001 }, (_, i) => `d${i}.test`);
    await expectError(await createRun(owner, { domains: many }), 400, "validation_failed");
    await expectError(
      await createRun(owner, { domains: ["a.test"], options: { turbo: true } }),
      400,
      "validation_failed",
    );
    await expectError(
      await createRun(owner, { domains: ["a.test"], options: { mode: "fast" } }),
      400,
      "validation_failed",
    );
    await expectError(
      await createRun(owner, { domains: ["a.test"], options: { max_pages_per_domain: 0 } }),
      400,
      "validation_failed",
    );
    expect(await runCount(owner)).toBe(0);
  });

  it("refuses a label holding a control character; tabs and line breaks in it are kept as spaces", async () => {
    const owner = Caller.newTenant();
    for (const label of ["Q1\u0000", "\u001b[31mred", "bell\u0007"]) {
      const body = await expectError(
        await createRun(owner, { domains: ["a.test"], label, options: { mode: "generate" } }),
        400,
        "validation_failed",
      );
      expect(body.fields.label, JSON.stringify(label)).toContain("control character");
    }
    expect(await runCount(owner)).toBe(0);
    const made = await json(
      await createRun(owner, {
        domains: ["nowhere-at-all.test"],
        label: "Q1\tprospects\r\nDACH",
        options: { mode: "generate" },
      }),
    );
    const run = await json(await call("GET", `/runs/${made.run_id}`, { headers: owner.devHeaders() }));
    expect(run.label).toBe("Q1 prospects  DACH");
  });

  it("returns the same run for a retried create with the same Idempotency-Key, 409 for a different body", async () => {
    const owner = Caller.newTenant();
    const body = { domains: ["nowhere-at-all.test"], options: { mode: "generate" } };
    const first = await json(await createRun(owner, body, { "Idempotency-Key": "create-1" }));
    const again = await json(await createRun(owner, body, { "Idempotency-Key": "create-1" }));
    expect(again.run_id).toBe(first.run_id);
    expect(await runCount(owner)).toBe(1);
    const other = await createRun(owner, { ...body, label: "changed" }, { "Idempotency-Key": "create-1" });
    await expectError(other, 409, "conflict");
    // Keys are per tenant: another tenant may use the same one.
    const stranger = Caller.newTenant();
    const theirs = await json(await createRun(stranger, body, { "Idempotency-Key": "create-1" }));
    expect(theirs.run_id).not.toBe(first.run_id);
  });

  it("answers 404 for a run that does not exist", async () => {
    const owner = Caller.newTenant();
    await expectError(
      await call("GET", `/runs/${crypto.randomUUID()}`, { headers: owner.devHeaders() }),
      404,
      "not_found",
    );
  });
});

describe("at-least-once delivery", () => {
  it("processes a redelivered domain message once: same leads, counted once", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["studio-lumiere.test"], { skip_verify: true });
    const message = domainMessage(owner, runId, "studio-lumiere.test");
    const first = await consume([{ body: message }]);
    expect(first.explicitAcks).toHaveLength(1);
    const once = await results(owner, runId);
    const again = await consume([{ body: message, attempts: 2 }]);
    expect(again.explicitAcks).toHaveLength(1);
    const twice = await results(owner, runId);
    expect(twice.total).toBe(once.total);
    expect(twice.results.map((r: { email: string }) => r.email)).toEqual(
      once.results.map((r: { email: string }) => r.email),
    );
    const run = await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));
    expect(run.status).toBe("succeeded");
    expect(run.progress.domains_completed).toBe(1);
    expect(run.domain_details[0].attempts).toBe(1);
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM leads WHERE tenant_id = ?")
      .bind(owner.tenantId)
      .first<{ n: number }>();
    expect(rows!.n).toBe(once.total);
  });

  it("retries a failing domain with backoff, fails it on the last attempt, and the run still finishes", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["studio-lumiere.test", "northpeak.test"], {
      skip_verify: true,
    });
    const boom = { crawl: async () => Promise.reject(new Error("crawler exploded")) };
    const retried = await consume([{ body: domainMessage(owner, runId, "northpeak.test") }], {
      overrides: boom,
    });
    expect(retried.retryMessages).toHaveLength(1);
    // (The test harness records that a message was retried, not its delay: 2^attempts s, at most 60.)
    const last = await consume([{ body: domainMessage(owner, runId, "northpeak.test"), attempts: 4 }], {
      overrides: boom,
    });
    expect(last.explicitAcks).toHaveLength(1);
    await consume([{ body: domainMessage(owner, runId, "studio-lumiere.test") }]);
    const run = await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));
    expect(run.status).toBe("succeeded");
    const failed = run.domain_details.find((d: { domain: string }) => d.domain === "northpeak.test");
    expect(failed).toMatchObject({ status: "failed", error: "crawler exploded" });
    expect(run.progress).toMatchObject({ domains_completed: 2, domains_failed: 1 });
  });

  it("fails a domain from the dead-letter queue, and a run whose every domain failed is failed", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["northpeak.test"]);
    const res = await consume([{ body: domainMessage(owner, runId, "northpeak.test") }], {
      queue: "prospector-runs-dlq",
    });
    expect(res.explicitAcks).toHaveLength(1);
    const run = await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));
    expect(run).toMatchObject({ status: "failed", error: "every domain failed" });
    expect(run.domain_details[0]).toMatchObject({
      status: "failed",
      error: "gave up after repeated failures",
    });
    const logs = await json(
      await call("GET", `/runs/${runId}/logs?level=error`, { headers: owner.devHeaders() }),
    );
    expect(logs.results[0]).toMatchObject({ level: "error", domain: "northpeak.test" });
  });
});

describe("the sidecar down", () => {
  it("gives leads unknown / verifier_unavailable and says so in the log, never an invented status", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["studio-lumiere.test"]);
    const down = new SidecarClient({ baseUrl: "http://127.0.0.1:9" }, { secret: "x".repeat(32) });
    const kept = keptQueue();
    const overrides = { sidecar: down, queue: kept.queue };
    await consume([{ body: domainMessage(owner, runId, "studio-lumiere.test") }], { overrides });
    // A failure on our side is tried again within the run (three rounds), then the run finishes.
    expect((await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }))).status).toBe(
      "running",
    );
    for (let round = 0; round < 3; round++) await consume([{ body: kept.sent[round]!.body }], { overrides });
    const body = await results(owner, runId);
    expect(body.total).toBeGreaterThan(0);
    for (const lead of body.results)
      expect(lead).toMatchObject({ verify_status: "unknown", verify_reason: "verifier_unavailable" });
    const logs = await json(await call("GET", `/runs/${runId}/logs`, { headers: owner.devHeaders() }));
    const run = await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));
    expect(run.status).toBe("succeeded");
    expect(run.progress.emails_verified).toBe(0);
    expect(logs.results).toContainEqual(
      expect.objectContaining({
        level: "warn",
        message: expect.stringContaining("verification unavailable"),
      }),
    );
  });
});

describe("cancelling", () => {
  it("stops a run mid-way: unfinished domains are cancelled, nothing more is written, a second cancel is 409", async () => {
    const owner = Caller.newTenant();
    const domains = [
      "meridian-health.test",
      "bergmann-maschinenbau.test",
      "northpeak.test",
      "brightforge.test",
    ];
    const created = await json(await createRun(owner, { domains, options: { skip_verify: true } }));
    const res = await call("POST", `/runs/${created.run_id}/cancel`, { headers: owner.devHeaders() });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ run_id: created.run_id, status: "cancelled" });
    const leadsAtCancel = (await results(owner, created.run_id)).total;
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const run = await waitForRun(owner, created.run_id);
    expect(run.status).toBe("cancelled");
    for (const d of run.domain_details) expect(["cancelled", "done"]).toContain(d.status);
    expect(run.domain_details.some((d: { status: string }) => d.status === "cancelled")).toBe(true);
    expect((await results(owner, created.run_id)).total).toBe(leadsAtCancel);
    await expectError(
      await call("POST", `/runs/${created.run_id}/cancel`, { headers: owner.devHeaders() }),
      409,
      "conflict",
    );
  }, 30_000);
});

describe("greylisting", () => {
  it("keeps the domain waiting, verifies again from a delayed message, then finishes with the real answer", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["greylist.test"], { skip_crawl: true });
    await env.DB.prepare(
      `INSERT INTO leads (id, tenant_id, email, type, first_name, last_name, full_name, company, company_domain,
         email_source, verify_status, verify_reason, icp_score, sources, alternatives)
       VALUES (?, ?, 'gina@greylist.test', 'personal', 'Gina', 'Grey', 'Gina Grey', 'Greylist', 'greylist.test',
         'published', 'unknown', 'not_verified', 0, '[]', '[]')`,
    )
      .bind(`lead-${crypto.randomUUID()}`, owner.tenantId)
      .run();
    await consume([{ body: domainMessage(owner, runId, "greylist.test") }]);
    let run = await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));
    expect(run.status).toBe("running");
    expect(run.domain_details[0]).toMatchObject({ status: "running", stage: "waiting_greylist" });
    let lead = (await results(owner, runId)).results[0];
    expect(lead).toMatchObject({ email: "gina@greylist.test", verify_status: "unknown_greylisted" });
    // The delayed message (sent with the server's retry time) arrives; here it is delivered by hand.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await consume([
      {
        body: {
          type: "reverify",
          run_id: runId,
          tenant_id: owner.tenantId,
          domain: "greylist.test",
          emails: ["gina@greylist.test"],
          round: 1,
        },
      },
    ]);
    run = await json(await call("GET", `/runs/${runId}`, { headers: owner.devHeaders() }));
    expect(run.status).toBe("succeeded");
    expect(run.domain_details[0]).toMatchObject({ status: "done" });
    lead = (await results(owner, runId)).results[0];
    expect(lead).toMatchObject({
      email: "gina@greylist.test",
      verify_status: "valid",
      verify_reason: "rcpt_2xx_non_catchall",
    });
  }, 60_000);
});
