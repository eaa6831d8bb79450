/** Runs end to end: create, the queue pipeline over the fixture web and the real sidecar, results, events, export. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { truth } from "../crawler/helpers.ts";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { createRun, insertHeldRun, insertQuietRun, results, waitForRun } from "./helpers.ts";

type Lead = Record<string, unknown> & { email: string; full_name: string | null };
const byName = (leads: Lead[], name: string) => leads.find((l) => l.full_name === name);

describe("a run", () => {
  it("crawls its domains, finds the people and their addresses, and finishes (skip_verify)", async () => {
    const owner = Caller.newTenant();
    const res = await createRun(owner, {
      domains: [
        "https://www.bergmann-maschinenbau.test/impressum",
        "studio-lumiere.test",
        "STUDIO-LUMIERE.test",
      ],
      label: "first",
      options: { skip_verify: true },
    });
    expect(res.status).toBe(200);
    const created = await json(res);
    expect(created).toMatchObject({
      status: "queued",
      tenant_id: owner.tenantId,
      domains_total: 2,
      duplicates_dropped: 1,
    });
    const run = await waitForRun(owner, created.run_id);
    expect(run).toMatchObject({ status: "succeeded", label: "first", user_id: owner.userId });
    expect(run.domains).toEqual(["bergmann-maschinenbau.test", "studio-lumiere.test"]);
    expect(run.progress.domains_completed).toBe(2);
    expect(run.domain_details.every((d: { pages_crawled: number }) => d.pages_crawled > 0)).toBe(true);
    const body = await results(owner, created.run_id);
    const emails = new Set(body.results.map((r: Lead) => r.email));
    for (const domain of ["bergmann-maschinenbau.test", "studio-lumiere.test"]) {
      for (const p of truth[domain]!.people.filter((p) => p.email)) expect(emails).toContain(p.email);
    }
    expect(body.total).toBe(body.results.length);
    expect(run.progress.leads_found).toBe(body.total);
    for (const lead of body.results) {
      expect(lead).toMatchObject({ verify_status: "unknown", verify_reason: "not_verified" });
      expect(lead.icp_score).toBeGreaterThanOrEqual(0);
      expect(lead.icp_score).toBeLessThanOrEqual(100);
    }
    const list = await json(await call("GET", "/runs?limit=5", { headers: owner.devHeaders() }));
    expect(list.limit).toBe(5);
    expect(list.results[0]).toMatchObject({ id: created.run_id, status: "succeeded" });
    expect(JSON.parse(list.results[0].domains_json)).toEqual(run.domains);
    const logs = await json(
      await call("GET", `/runs/${created.run_id}/logs`, { headers: owner.devHeaders() }),
    );
    expect(logs.results.some((l: { message: string }) => l.message.startsWith("done:"))).toBe(true);
    // Each crawled company is enriched and its leads point at it.
    const company = await env.DB.prepare("SELECT id FROM companies WHERE domain = ?")
      .bind("studio-lumiere.test")
      .first<{ id: number }>();
    expect(company).not.toBeNull();
    const linked = await env.DB.prepare(
      "SELECT count(*) AS n FROM leads WHERE tenant_id = ? AND company_domain = ? AND company_id = ?",
    )
      .bind(owner.tenantId, "studio-lumiere.test", company!.id)
      .first<{ n: number }>();
    expect(linked!.n).toBe(
      body.results.filter((r: Lead) => r.company_domain === "studio-lumiere.test").length,
    );
  }, 90_000);

  it("writes a large domain's leads in chunks under D1's parameter limit (150 people)", async () => {
    const owner = Caller.newTenant();
    const created = await json(
      await createRun(owner, { domains: ["meridian-health.test"], options: { skip_verify: true } }),
    );
    const run = await waitForRun(owner, created.run_id);
    expect(run.status).toBe("succeeded");
    const body = await results(owner, created.run_id, "limit=500");
    expect(body.total).toBeGreaterThanOrEqual(truth["meridian-health.test"]!.people.length);
    expect(new Set(body.results.map((l: Lead) => l.email)).size).toBe(body.total);
  }, 90_000);

  it("in full mode verifies published and guessed addresses through the sidecar: one lead per person", async () => {
    const owner = Caller.newTenant();
    const created = await json(await createRun(owner, { domains: ["studio-lumiere.test"] }));
    const run = await waitForRun(owner, created.run_id);
    expect(run.status).toBe("succeeded");
    expect(run.progress.emails_verified).toBeGreaterThan(0);
    const leads: Lead[] = (await results(owner, created.run_id)).results;
    // Published: valid as published.
    expect(byName(leads, "Camille Nguyen")).toMatchObject({
      email: "camille@studio-lumiere.test",
      type: "personal",
      email_source: "published",
      verify_status: "valid",
      verify_reason: "rcpt_2xx_non_catchall",
      company_domain: "studio-lumiere.test",
      title: "Designer graphique",
    });
    // Not published: the domain's pattern (first) guessed, verified, the other candidates kept as alternatives.
    const ines = byName(leads, "Inès Benali")!;
    expect(ines).toMatchObject({
      email: "ines@studio-lumiere.test",
      email_source: "generated",
      pattern: "first",
      verify_status: "valid",
    });
    expect((ines.alternatives as { verify_status: string }[]).length).toBeGreaterThan(0);
    expect(
      (ines.alternatives as { verify_status: string }[]).every((a) => a.verify_status === "invalid"),
    ).toBe(true);
    expect(leads.filter((l) => l.full_name === "Inès Benali")).toHaveLength(1);
    // Generic mailboxes are leads too, without a person.
    expect(leads.find((l) => l.email === "bonjour@studio-lumiere.test")).toMatchObject({
      type: "generic",
      first_name: null,
      verify_status: "valid",
    });
    const valid = leads.filter((l) => l.verify_status === "valid");
    expect(valid.length).toBe(leads.length);
    // The verification cache is shared: every address the run verified is in it.
    const cached = await env.DB.prepare("SELECT count(*) AS n FROM email_verifications WHERE domain = ?")
      .bind("studio-lumiere.test")
      .first<{ n: number }>();
    expect(cached!.n).toBeGreaterThanOrEqual(leads.length);
  }, 90_000);

  it("in autodiscovery mode makes leads of published addresses only; in generate mode guesses without SMTP", async () => {
    const owner = Caller.newTenant();
    const auto = await json(
      await createRun(owner, { domains: ["studio-lumiere.test"], options: { mode: "autodiscovery" } }),
    );
    const gen = await json(
      await createRun(owner, { domains: ["studio-lumiere.test"], options: { mode: "generate" } }),
    );
    await waitForRun(owner, auto.run_id);
    await waitForRun(owner, gen.run_id);
    const autoLeads: Lead[] = (await results(owner, auto.run_id)).results;
    expect(autoLeads.every((l) => l.email_source === "published")).toBe(true);
    expect(byName(autoLeads, "Inès Benali")).toBeUndefined();
    const genLeads: Lead[] = (await results(owner, gen.run_id)).results;
    expect(byName(genLeads, "Inès Benali")).toMatchObject({
      email: "ines@studio-lumiere.test",
      email_source: "generated",
      verify_status: "unknown",
      verify_reason: "not_verified",
    });
  }, 90_000);

  it("re-running a domain updates its leads in place and keeps the history of sources", async () => {
    const owner = Caller.newTenant();
    const one = await json(
      await createRun(owner, { domains: ["studio-lumiere.test"], options: { skip_verify: true } }),
    );
    await waitForRun(owner, one.run_id);
    const two = await json(
      await createRun(owner, { domains: ["studio-lumiere.test"], options: { skip_verify: true } }),
    );
    await waitForRun(owner, two.run_id);
    const first: Lead[] = (await results(owner, one.run_id)).results;
    const second: Lead[] = (await results(owner, two.run_id)).results;
    expect(second.map((l) => l.email).sort()).toEqual(first.map((l) => l.email).sort());
    const rows = await env.DB.prepare("SELECT count(*) AS n FROM leads WHERE tenant_id = ?")
      .bind(owner.tenantId)
      .first<{ n: number }>();
    expect(rows!.n).toBe(first.length);
    const camille = byName(second, "Camille Nguyen")!;
    const sources = camille.sources as { first_seen_at: string; last_seen_at: string }[];
    const earlier = (byName(first, "Camille Nguyen")!.sources as { first_seen_at: string }[])[0]!;
    expect(sources[0]!.first_seen_at).toBe(earlier.first_seen_at);
    expect(sources.some((s) => s.last_seen_at > earlier.first_seen_at)).toBe(true);
  }, 90_000);

  it("with skip_crawl works from the people stored for the domain", async () => {
    const owner = Caller.newTenant();
    const crawled = await json(
      await createRun(owner, { domains: ["studio-lumiere.test"], options: { skip_verify: true } }),
    );
    await waitForRun(owner, crawled.run_id);
    const stored = await json(
      await createRun(owner, {
        domains: ["studio-lumiere.test"],
        options: { skip_crawl: true, skip_verify: true },
      }),
    );
    const run = await waitForRun(owner, stored.run_id);
    expect(run.domain_details[0]).toMatchObject({ status: "done", pages_crawled: 0 });
    const leads: Lead[] = (await results(owner, stored.run_id)).results;
    expect(byName(leads, "Camille Nguyen")).toMatchObject({ email: "camille@studio-lumiere.test" });
    expect(byName(leads, "Inès Benali")).toMatchObject({ email: "ines@studio-lumiere.test" });
  }, 90_000);

  it("in verify mode re-verifies the stored leads of its domains", async () => {
    const owner = Caller.newTenant();
    const crawled = await json(
      await createRun(owner, { domains: ["studio-lumiere.test"], options: { mode: "generate" } }),
    );
    await waitForRun(owner, crawled.run_id);
    const verified = await json(
      await createRun(owner, { domains: ["studio-lumiere.test"], options: { mode: "verify" } }),
    );
    const run = await waitForRun(owner, verified.run_id);
    expect(run.status).toBe("succeeded");
    const leads: Lead[] = (await results(owner, verified.run_id)).results;
    expect(leads.length).toBeGreaterThan(0);
    expect(leads.every((l) => l.verify_status === "valid")).toBe(true);
  }, 90_000);
});

describe("live events", () => {
  it("sends a snapshot, then progress, then job:complete, to a socket opened with a ticket", async () => {
    const owner = Caller.newTenant();
    // Held until the socket is open, so it sees the whole run; and without crawling (the events are
    // what is tested here, not the crawler): a crawl took 11 s alone and, with the browser shared by
    // the whole suite, sometimes more than a minute.
    const held = await insertHeldRun(owner, ["ashford-lowe.test", "brightforge.test"], {
      skip_crawl: true,
      skip_verify: true,
    });
    const created = { run_id: held.id };
    const ticket = await json(
      await call("POST", `/runs/${created.run_id}/events/ticket`, { headers: owner.devHeaders() }),
    );
    expect(ticket.url).toBe(`/runs/${created.run_id}/events?ticket=${ticket.ticket}`);
    const res = await call("GET", ticket.url, { headers: { Upgrade: "websocket" } });
    expect(res.status).toBe(101);
    const socket = res.webSocket!;
    const frames: { event: string; data: Record<string, unknown> }[] = [];
    const closed = new Promise<void>((resolve) => socket.addEventListener("close", () => resolve()));
    socket.addEventListener("message", (e) => frames.push(JSON.parse(e.data as string)));
    socket.accept();
    await held.start();
    // A bound only (the run's close ends the wait): generous, for a loaded machine.
    await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 75_000))]);
    expect(frames[0]!.event).toBe("snapshot");
    expect(frames[0]!.data).toMatchObject({ run_id: created.run_id });
    const last = frames.at(-1)!;
    expect(last.event).toBe("job:complete");
    expect(last.data).toMatchObject({ jobId: created.run_id, status: "succeeded" });
    const progress = frames
      .filter((f) => f.event === "job:progress")
      .map((f) => f.data.processedLeads as number);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Every line the log keeps is announced too (the dashboard's log tail shows them as they come).
    const logged = frames.filter((f) => f.event === "job:log").map((f) => f.data.message as string);
    for (const domain of ["ashford-lowe.test", "brightforge.test"])
      expect(logged.some((m) => m.startsWith(`${domain}: done:`))).toBe(true);
    // The ticket was single-use.
    const again = await call("GET", ticket.url, { headers: { Upgrade: "websocket" } });
    expect(again.status).toBe(401);
  }, 90_000);

  it("authenticates the upgrade like any request, needs the upgrade, and caps sockets per user across runs", async () => {
    const owner = Caller.newTenant();
    const runA = await insertQuietRun(owner, ["quiet-one.test"]);
    const runB = await insertQuietRun(owner, ["quiet-two.test"]);
    const open = (runId: string, caller: Caller) =>
      call("GET", `/runs/${runId}/events`, { headers: { ...caller.devHeaders(), Upgrade: "websocket" } });
    expect((await call("GET", `/runs/${runA}/events`, { headers: { Upgrade: "websocket" } })).status).toBe(
      401,
    );
    expect((await call("GET", `/runs/${runA}/events`, { headers: owner.devHeaders() })).status).toBe(426);
    expect((await open(runA, Caller.newTenant())).status).toBe(404);
    const sockets: WebSocket[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await open(i % 2 === 0 ? runA : runB, owner);
      expect(res.status).toBe(101);
      res.webSocket!.accept();
      sockets.push(res.webSocket!);
    }
    // The eleventh, on either run, is refused: the cap counts the user's sockets across runs.
    await expectError(await open(runA, owner), 429, "rate_limited");
    await expectError(await open(runB, owner), 429, "rate_limited");
    // A colleague has their own allowance.
    const theirs = await open(runA, owner.colleague());
    expect(theirs.status).toBe(101);
    theirs.webSocket!.accept();
    theirs.webSocket!.close();
    // Closing one gives its slot back.
    sockets.pop()!.close(1000, "done");
    let reopened = 0;
    for (let attempt = 0; attempt < 50 && reopened !== 101; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const res = await open(runB, owner);
      reopened = res.status;
      if (res.status === 101) {
        res.webSocket!.accept();
        sockets.push(res.webSocket!);
      }
    }
    expect(reopened).toBe(101);
    for (const s of sockets) s.close();
  });
});
