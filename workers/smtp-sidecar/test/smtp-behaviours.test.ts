/**
 * Server behaviours the prober must cope with: greylisting, tarpits, 421
 * connection limits, per-session recipient limits, STARTTLS, PIPELINING and
 * the per-MX concurrency cap. Loopback range 127.0.2.x.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MailWorld, startMailWorld } from "./support/mail-world.ts";
import { byEmail, testApp, testConfig, verify } from "./support/sidecar.ts";
import { selfSignedCertificate } from "./support/tls-cert.ts";

let world: MailWorld;
const sharedDomains = Array.from({ length: 6 }, (_, i) => `shared${i}.test`);

beforeAll(async () => {
  world = await startMailWorld({
    hosts: [
      { name: "mx.grey.test", ip: "127.0.2.10" },
      { name: "mx.tarpit.test", ip: "127.0.2.11", greetingDelayMs: 5000 },
      { name: "mx.busy.test", ip: "127.0.2.12", maxConnectionsPerClient: 1, replyLatencyMs: 15 },
      { name: "mx.limited.test", ip: "127.0.2.13", maxRecipientsPerSession: 3 },
      { name: "mx.tls.test", ip: "127.0.2.14", tls: selfSignedCertificate("mx.tls.test") },
      { name: "mx.pipe.test", ip: "127.0.2.15" },
      { name: "mx.nopipe.test", ip: "127.0.2.16", pipelining: false },
      { name: "mx.shared.test", ip: "127.0.2.17", replyLatencyMs: 30 },
      {
        name: "mx.rbl-greeting.test",
        ip: "127.0.2.18",
        greetingReply:
          "554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org",
      },
      { name: "mx.closed.test", ip: "127.0.2.19", greetingReply: "554 No SMTP service here" },
    ],
    domains: [
      { name: "grey.test", mx: ["mx.grey.test"], mailboxes: ["ann"], greylist: { minDelayMs: 100 } },
      { name: "tarpit.test", mx: ["mx.tarpit.test"], mailboxes: ["ann"] },
      { name: "busy.test", mx: ["mx.busy.test"], mailboxes: Array.from({ length: 30 }, (_, i) => `u${i}`) },
      { name: "limited.test", mx: ["mx.limited.test"], mailboxes: ["a", "b", "c", "d"] },
      { name: "tls.test", mx: ["mx.tls.test"], mailboxes: ["ann"] },
      { name: "pipe.test", mx: ["mx.pipe.test"], mailboxes: ["a", "b"] },
      { name: "nopipe.test", mx: ["mx.nopipe.test"], mailboxes: ["a", "b"] },
      { name: "rbl-greeting.test", mx: ["mx.rbl-greeting.test"], mailboxes: ["ann"] },
      { name: "closed.test", mx: ["mx.closed.test"], mailboxes: ["ann"] },
      ...sharedDomains.map((name) => ({ name, mx: ["mx.shared.test"], mailboxes: ["a"] })),
    ],
  });
});

afterAll(async () => {
  await world.close();
});

describe("server behaviours", () => {
  it("retries greylisted addresses after GREYLIST_RETRY_MS and gets the real answer", async () => {
    const app = testApp(testConfig(world, { greylistRetryMs: 200 }));
    const r = byEmail(await verify(app, ["ann@grey.test", "bob@grey.test"]));
    expect(r["ann@grey.test"]).toMatchObject({ status: "valid", reason: "rcpt_2xx_non_catchall" });
    expect(r["bob@grey.test"]).toMatchObject({ status: "invalid", reason: "rcpt_5xx_user_unknown" });
    expect(world.sessionsOf("mx.grey.test").length).toBeGreaterThanOrEqual(2);
  });

  it("answers unknown_greylisted with retry_after_s when the retry would pass the deadline", async () => {
    const app = testApp(testConfig(world, { greylistRetryMs: 30_000 }));
    const [result] = await verify(app, ["carl@grey.test"], 1500);
    expect(result).toMatchObject({
      status: "unknown_greylisted",
      reason: "greylisted",
      smtp_code: 450,
      retry_after_s: 30,
      mx: "mx.grey.test",
    });
  });

  it("bounds a tarpit greeting by the request deadline", async () => {
    const app = testApp(testConfig(world, { commandTimeoutMs: 10_000 }));
    const started = Date.now();
    const [result] = await verify(app, ["ann@tarpit.test"], 700);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result).toMatchObject({ status: "unknown_timeout", reason: "timeout" });
  });

  it("backs off after 421 too many connections and then gets every answer", async () => {
    const app = testApp(testConfig(world, { maxConnPerMx: 3, backoffBaseMs: 40 }));
    const emails = Array.from({ length: 30 }, (_, i) => `u${i}@busy.test`);
    const results = await verify(app, emails);
    expect(results.every((r) => r.status === "valid")).toBe(true);
    const sessions = world.sessionsOf("mx.busy.test");
    expect(sessions.some((s) => s.refused === "421")).toBe(true);
  });

  it("continues on a new session after 452 too many recipients", async () => {
    const app = testApp(testConfig(world, { maxConnPerMx: 1 }));
    const emails = [
      "a@limited.test",
      "b@limited.test",
      "c@limited.test",
      "d@limited.test",
      "x@limited.test",
      "y@limited.test",
    ];
    const r = byEmail(await verify(app, emails));
    for (const email of emails.slice(0, 4)) expect(r[email]!.status).toBe("valid");
    for (const email of emails.slice(4)) expect(r[email]!.status).toBe("invalid");
    const sessions = world.sessionsOf("mx.limited.test").filter((s) => s.rcpts.length > 0);
    expect(sessions.length).toBeGreaterThan(1);
  });

  it("upgrades with STARTTLS when offered, even with a self-signed certificate", async () => {
    const app = testApp(testConfig(world));
    const [result] = await verify(app, ["ann@tls.test"]);
    expect(result).toMatchObject({ status: "valid" });
    expect(world.sessionsOf("mx.tls.test").at(-1)).toMatchObject({ secure: true });
  });

  it("stays in plain text with STARTTLS=off", async () => {
    const app = testApp(testConfig(world, { startTls: "off" }));
    const [result] = await verify(app, ["ann@tls.test"]);
    expect(result).toMatchObject({ status: "valid" });
    expect(world.sessionsOf("mx.tls.test").at(-1)).toMatchObject({ secure: false });
  });

  it("pipelines RCPTs when PIPELINING is advertised, one by one otherwise", async () => {
    const app = testApp(testConfig(world));
    await verify(app, [
      "a@pipe.test",
      "b@pipe.test",
      "c@pipe.test",
      "a@nopipe.test",
      "b@nopipe.test",
      "c@nopipe.test",
    ]);
    expect(world.sessionsOf("mx.pipe.test").at(-1)!.maxRcptsPerRead).toBeGreaterThan(1);
    expect(world.sessionsOf("mx.nopipe.test").at(-1)!.maxRcptsPerRead).toBe(1);
  });

  it("reads a refused greeting: blocklisted as unknown_blocked, anything else as unknown", async () => {
    const app = testApp(testConfig(world));
    const r = byEmail(await verify(app, ["ann@rbl-greeting.test", "ann@closed.test"]));
    expect(r["ann@rbl-greeting.test"]).toMatchObject({
      status: "unknown_blocked",
      reason: "ip_blocklisted",
      smtp_code: 554,
      mx: "mx.rbl-greeting.test",
    });
    expect(r["ann@closed.test"]).toMatchObject({
      status: "unknown",
      reason: "session_rejected",
      smtp_code: 554,
    });
  });

  it("keeps at most MAX_CONN_PER_MX sessions open on one MX host", async () => {
    const app = testApp(testConfig(world, { maxConnPerMx: 2 }));
    const results = await verify(
      app,
      sharedDomains.map((d) => `a@${d}`),
    );
    expect(results.every((r) => r.status === "valid")).toBe(true);
    expect(world.maxConcurrent("mx.shared.test")).toBe(2);
  });
});
