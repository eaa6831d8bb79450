/** The engine's guarantees: the dispatch window (fairness) and the watchdog. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { createDatabase } from "../../../src/db/client.ts";
import { RUN_WINDOW } from "../../../src/services/runs/store.ts";
import { runWatchdog } from "../../../src/services/runs/watchdog.ts";
import { Caller, call, json } from "../helpers/api.ts";
import { consume, domainMessage, insertQuietRun, waitForRun } from "./helpers.ts";

const dispatched = async (runId: string) =>
  (await env.DB.prepare(
    "SELECT count(*) AS n FROM run_domains WHERE run_id = ? AND dispatched_at IS NOT NULL",
  )
    .bind(runId)
    .first<{ n: number }>())!.n;

describe("the dispatch window", () => {
  it("queues at most RUN_WINDOW domains of a run, and one more each time one finishes", async () => {
    const owner = Caller.newTenant();
    const domains = [
      "studio-lumiere.test",
      ...Array.from({ length: RUN_WINDOW + 2 }, (_, i) => `nowhere-${i}.test`),
    ];
    const runId = await insertQuietRun(owner, domains, { skip_verify: true });
    expect(await dispatched(runId)).toBe(RUN_WINDOW);
    await consume([{ body: domainMessage(owner, runId, "studio-lumiere.test") }]);
    expect(await dispatched(runId)).toBe(RUN_WINDOW + 1);
    const first = await env.DB.prepare(
      "SELECT domain FROM run_domains WHERE run_id = ? AND dispatched_at IS NOT NULL ORDER BY position DESC LIMIT 1",
    )
      .bind(runId)
      .first<{ domain: string }>();
    // In input order: the next waiting domain, not any.
    expect(first!.domain).toBe(domains[RUN_WINDOW]);
  });
});

describe("the watchdog", () => {
  it("re-sends a domain whose message was lost, fails a stalled one, and the run then finishes", async () => {
    const owner = Caller.newTenant();
    const runId = await insertQuietRun(owner, ["lost-message.test", "stalled-domain.test"], {
      skip_verify: true,
    });
    const old = new Date(Date.now() - 60 * 60_000).toISOString();
    await env.DB.batch([
      env.DB.prepare(
        "UPDATE run_domains SET dispatched_at = ? WHERE run_id = ? AND domain = 'lost-message.test'",
      ).bind(old, runId),
      env.DB.prepare(
        "UPDATE run_domains SET status = 'running', updated_at = ? WHERE run_id = ? AND domain = 'stalled-domain.test'",
      ).bind(old, runId),
      env.DB.prepare("UPDATE runs SET status = 'running' WHERE id = ?").bind(runId),
    ]);
    const published: string[] = [];
    const outcome = await runWatchdog(
      {
        db: createDatabase(env.DB),
        queue: env.RUNS_QUEUE,
        config: loadConfig(env),
        publish: async (e) => void published.push(e.kind),
      },
      owner.tenantId,
      runId,
    );
    expect(outcome).toMatchObject({ active: true, lost: 1, stalled: 1 });
    // The re-sent message is consumed by the real queue consumer; the run ends.
    const run = await waitForRun(owner, runId, 30_000);
    expect(run.status).toBe("succeeded");
    expect(run.progress).toMatchObject({ domains_completed: 2, domains_failed: 1 });
    const stalled = run.domain_details.find((d: { domain: string }) => d.domain === "stalled-domain.test");
    expect(stalled).toMatchObject({ status: "failed", error: "stalled: no progress for too long" });
    const lost = run.domain_details.find((d: { domain: string }) => d.domain === "lost-message.test");
    expect(lost.status).toBe("done");
    expect(lost.attempts).toBe(1);
    const again = await runWatchdog(
      { db: createDatabase(env.DB), queue: env.RUNS_QUEUE, config: loadConfig(env), publish: async () => {} },
      owner.tenantId,
      runId,
    );
    expect(again.active).toBe(false);
    const logs = await json(
      await call("GET", `/runs/${runId}/logs?level=error`, { headers: owner.devHeaders() }),
    );
    expect(logs.results.some((l: { message: string }) => l.message.includes("watchdog"))).toBe(true);
  }, 60_000);
});
