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
const many = Array.from({ length: 60 }, (_, i) => `m${i}`);

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
      { name: "mx.slowgrey.test", ip: "127.0.2.20", greetingDelayMs: 100 },
      { name: "mx.manypipe.test", ip: "127.0.2.21" },
      { name: "mx.manyserial.test", ip: "127.0.2.22", pipelining: false },
      {
        name: "mx.refuse-sender.test",
        ip: "127.0.2.23",
        refuseMailFrom: "553 5.7.1 Sender address rejected",
      },
    ],
    domains: [
      { name: "grey.test", mx: ["mx.grey.test"], mailboxes: ["ann"], greylist: { minDelayMs: 100 } },
      { name: "grey2.test", mx: ["mx.grey.test"], mailboxes: ["ann"], greylist: { minDelayMs: 100 } },
      { name: "tarpit.test", mx: ["mx.tarpit.test"], mailboxes: ["ann"] },
      { name: "busy.test", mx: ["mx.busy.test"], mailboxes: Array.from({ length: 30 }, (_, i) => `u${i}`) },
      { name: "limited.test", mx: ["mx.limited.test"], mailboxes: ["a", "b", "c", "d"] },
      { name: "tls.test", mx: ["mx.tls.test"], mailboxes: ["ann"] },
      { name: "pipe.test", mx: ["mx.pipe.test"], mailboxes: ["a", "b"] },
      { name: "nopipe.test", mx: ["mx.nopipe.test"], mailboxes: ["a", "b"] },
      { name: "rbl-greeting.test", mx: ["mx.rbl-greeting.test"], mailboxes: ["ann"] },
      { name: "closed.test", mx: ["mx.closed.test"], mailboxes: ["ann"] },
      ...sharedDomains.map((name) => ({ name, mx: ["mx.shared.test"], mailboxes: ["a"] })),
      { name: "slowgrey.test", mx: ["mx.slowgrey.test"], mailboxes: ["ann"], greylist: { minDelayMs: 100 } },
      { name: "manypipe.test", mx: ["mx.manypipe.test"], mailboxes: many },
      { name: "manyserial.test", mx: ["mx.manyserial.test"], mailboxes: many },
      { name: "refuse-sender.test", mx: ["mx.refuse-sender.test"], mailboxes: ["ann"] },
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

  it("sends a greylisted RCPT again GREYLIST_RETRY_MS after its 450, on a session opened ahead of time", async () => {
    // The host greets about 200 ms after a connection (100 ms of its own, 100 of smtp-server's):
    // a retry session opened only when the wait is over would send its RCPT 200 ms late; one
    // opened ahead holds it until the moment comes.
    const app = testApp(testConfig(world, { greylistRetryMs: 400 }));
    const [result] = await verify(app, ["ann@slowgrey.test"]);
    expect(result).toMatchObject({ status: "valid", reason: "rcpt_2xx_non_catchall" });
    const attempts = world
      .sessionsOf("mx.slowgrey.test")
      .flatMap((s) => s.rcpts.map((rcpt, i) => ({ rcpt, at: s.rcptAt[i]! })))
      .filter((a) => a.rcpt === "ann@slowgrey.test");
    expect(attempts).toHaveLength(2);
    const gap = attempts[1]!.at - attempts[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(399);
    expect(gap).toBeLessThan(400 + 120);
  });

  it("asks a greylisting server about the same catch-all probe again on a later request", async () => {
    // Greylisting remembers each recipient: a new random probe per request would be greylisted forever.
    const app = testApp(testConfig(world, { greylistRetryMs: 30_000 }));
    const [first] = await verify(app, ["ann@grey2.test"], 2000);
    expect(first).toMatchObject({ status: "unknown_greylisted", catch_all: null });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [second] = await verify(app, ["ann@grey2.test"], 2000, { fresh: true });
    expect(second).toMatchObject({ status: "valid", reason: "rcpt_2xx_non_catchall", catch_all: false });
    const probes = world
      .sessionsOf("mx.grey.test")
      .flatMap((s) => s.rcpts)
      .filter((r) => r.endsWith("@grey2.test") && r !== "ann@grey2.test");
    expect(probes).toHaveLength(2);
    expect(new Set(probes).size).toBe(1);
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
    // Three requests at once: three sessions (a pipelining host gets up to 100 addresses in one), one allowed.
    const emails = Array.from({ length: 30 }, (_, i) => `u${i}@busy.test`);
    const parts = [emails.slice(0, 10), emails.slice(10, 20), emails.slice(20)];
    const results = (await Promise.all(parts.map((part) => verify(app, part)))).flat();
    expect(results).toHaveLength(30);
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
    expect(world.sessionsOf("mx.pipe.test").at(-1)!.mailWithRcpts).toBe(true);
    expect(world.sessionsOf("mx.nopipe.test").at(-1)!.maxRcptsPerRead).toBe(1);
    expect(world.sessionsOf("mx.nopipe.test").at(-1)!.mailWithRcpts).toBe(false);
  });

  it("carries up to 100 addresses in one session on a pipelining host, 10 where the host does not pipeline", async () => {
    const app = testApp(testConfig(world, { maxConnPerMx: 3 }));
    const emails = (domain: string) => many.map((m) => `${m}@${domain}`);
    const first = await verify(app, [...emails("manypipe.test"), ...emails("manyserial.test")]);
    expect(first.every((r) => r.status === "valid")).toBe(true);
    // Hosts are assumed to pipeline until one shows it does not: one session each, the first time.
    expect(world.sessionsOf("mx.manypipe.test")).toHaveLength(1);
    expect(world.sessionsOf("mx.manyserial.test")).toHaveLength(1);
    await verify(app, [...emails("manypipe.test"), ...emails("manyserial.test")], undefined, { fresh: true });
    expect(world.sessionsOf("mx.manypipe.test")).toHaveLength(2);
    // Now known as serial: 60 addresses over three sessions in parallel.
    const serial = world.sessionsOf("mx.manyserial.test").slice(1);
    expect(serial).toHaveLength(3);
    expect(serial.map((s) => s.rcpts.length)).toEqual([20, 20, 20]);
  });

  it("reads a refused MAIL FROM sent in one write with its RCPTs", async () => {
    const app = testApp(testConfig(world));
    const [result] = await verify(app, ["ann@refuse-sender.test"]);
    expect(result).toMatchObject({ smtp_code: 553, mx: "mx.refuse-sender.test" });
    expect(result!.status).not.toBe("valid");
    expect(world.sessionsOf("mx.refuse-sender.test").at(-1)!.mailWithRcpts).toBe(true);
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
    // One request per domain: six sessions (one request's domains on one host would share one).
    const results = (await Promise.all(sharedDomains.map((d) => verify(app, [`a@${d}`])))).flat();
    expect(results).toHaveLength(sharedDomains.length);
    expect(results.every((r) => r.status === "valid")).toBe(true);
    expect(world.sessionsOf("mx.shared.test")).toHaveLength(sharedDomains.length);
    expect(world.maxConcurrent("mx.shared.test")).toBe(2);
  });
});
