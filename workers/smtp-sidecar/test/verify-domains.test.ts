/**
 * Verification against a mail world of ordinary domains: strict servers,
 * catch-all and Microsoft-365-style accept-all, full and disabled
 * mailboxes, DNS edge cases (null MX, implicit MX, NXDOMAIN, SERVFAIL) and
 * MX fallback. Loopback range 127.0.1.x.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MailWorld, startMailWorld } from "./support/mail-world.ts";
import { byEmail, signed, testApp, testConfig, verify } from "./support/sidecar.ts";

let world: MailWorld;
let app: ReturnType<typeof testApp>;

beforeAll(async () => {
  world = await startMailWorld({
    hosts: [
      {
        name: "mx1.strict.test",
        ip: "127.0.1.10",
        greetingLines: ["mx1.strict.test ESMTP", "multi-line greeting"],
      },
      { name: "mx.catchall.test", ip: "127.0.1.11" },
      { name: "contoso-test.mail.protection.outlook.com", ip: "127.0.1.12" },
      { name: "mx-down.fallback.test", ip: "127.0.1.13", listen: false },
      { name: "mx-up.fallback.test", ip: "127.0.1.14" },
      { name: "aspmx.l.google.com", ip: "127.0.1.16", ehlo: false },
      { name: "mx.dead.test", ip: "127.0.1.17", listen: false },
      { name: "mx.big.test", ip: "127.0.1.18" },
    ],
    domains: [
      {
        name: "strict.test",
        mx: ["mx1.strict.test"],
        mailboxes: ["jane.doe", "John"],
        fullMailboxes: ["full"],
        disabledMailboxes: ["gone"],
      },
      { name: "catchall.test", mx: ["mx.catchall.test"], acceptAll: true },
      { name: "contoso.test", mx: ["contoso-test.mail.protection.outlook.com"], acceptAll: true },
      { name: "fallback.test", mx: ["mx-down.fallback.test", "mx-up.fallback.test"], mailboxes: ["ops"] },
      { name: "nullmx.test", nullMx: true },
      { name: "implicit.test", a: ["127.0.1.14"] },
      { name: "fallback-host.test", a: [] },
      { name: "broken.test", servfail: true },
      { name: "helo-only.test", mx: ["aspmx.l.google.com"], mailboxes: ["sam"] },
      { name: "dead.test", mx: ["mx.dead.test"] },
      { name: "big.test", mx: ["mx.big.test"], mailboxes: Array.from({ length: 150 }, (_, i) => `u${i}`) },
    ],
  });
  app = testApp(testConfig(world));
});

afterAll(async () => {
  await world.close();
});

describe("verifying addresses of ordinary domains", () => {
  it("tells existing from unknown mailboxes on a strict server, in input order", async () => {
    const emails = [
      "jane.doe@strict.test",
      "nobody@strict.test",
      "JOHN@Strict.Test",
      "full@strict.test",
      "gone@strict.test",
    ];
    const results = await verify(app, emails);
    expect(results.map((r) => r.email)).toEqual(emails);
    const r = byEmail(results);
    expect(r["jane.doe@strict.test"]).toMatchObject({
      status: "valid",
      reason: "rcpt_2xx_non_catchall",
      mx: "mx1.strict.test",
      smtp_code: 250,
      catch_all: false,
      provider: "other",
    });
    expect(r["nobody@strict.test"]).toMatchObject({
      status: "invalid",
      reason: "rcpt_5xx_user_unknown",
      smtp_code: 550,
    });
    expect(r["nobody@strict.test"]!.smtp_message).toMatch(/5\.1\.1/);
    expect(r["JOHN@Strict.Test"]).toMatchObject({ status: "valid" });
    expect(r["full@strict.test"]).toMatchObject({
      status: "risky_full_inbox",
      reason: "over_quota",
      smtp_code: 552,
    });
    expect(r["gone@strict.test"]).toMatchObject({ status: "invalid", reason: "mailbox_disabled" });
    for (const result of results) expect(result.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it("verifies duplicates once and answers each occurrence", async () => {
    const before = world.sessionsOf("mx1.strict.test").flatMap((s) => s.rcpts).length;
    const results = await verify(app, ["dup@strict.test", "DUP@strict.test", "dup@strict.test"]);
    expect(results).toHaveLength(3);
    expect(results.map((r) => r.email)).toEqual(["dup@strict.test", "DUP@strict.test", "dup@strict.test"]);
    const rcpts = world
      .sessionsOf("mx1.strict.test")
      .flatMap((s) => s.rcpts)
      .slice(before);
    expect(rcpts.filter((a) => a.toLowerCase() === "dup@strict.test")).toHaveLength(1);
  });

  it("never calls a catch-all domain's addresses valid", async () => {
    const r = byEmail(await verify(app, ["anyone@catchall.test", "someone@catchall.test"]));
    for (const email of ["anyone@catchall.test", "someone@catchall.test"]) {
      expect(r[email]).toMatchObject({
        status: "risky_catch_all",
        reason: "rcpt_2xx_catchall",
        catch_all: true,
      });
    }
  });

  it("probes a domain's catch-all once and reuses the answer for CATCHALL_TTL_S", async () => {
    const probes = () =>
      world.sessionsOf("mx.catchall.test").flatMap((s) => s.rcpts.filter((a) => /^[a-z]{24}@/.test(a)))
        .length;
    const before = probes();
    await verify(app, ["third@catchall.test"]);
    await verify(app, ["fourth@catchall.test"]);
    expect(probes()).toBe(before === 0 ? 1 : before);
  });

  it("catches Microsoft-365-style accept-all hosts with the random-address probe", async () => {
    const [result] = await verify(app, ["ceo@contoso.test"]);
    expect(result).toMatchObject({
      status: "risky_catch_all",
      provider: "microsoft",
      mx: "contoso-test.mail.protection.outlook.com",
      catch_all: true,
    });
    const probed = world.sessionsOf("contoso-test.mail.protection.outlook.com").flatMap((s) => s.rcpts);
    expect(probed.some((a) => /^[a-z]{24}@contoso\.test$/.test(a))).toBe(true);
  });

  it("falls back to the next MX host when the preferred one refuses connections", async () => {
    const [result] = await verify(app, ["ops@fallback.test"]);
    expect(result).toMatchObject({ status: "valid", mx: "mx-up.fallback.test" });
  });

  it("answers unknown_no_connect when no MX host accepts a connection", async () => {
    const [result] = await verify(app, ["ops@dead.test"]);
    expect(result).toMatchObject({
      status: "unknown_no_connect",
      reason: "connect_failed",
      mx: null,
      smtp_code: null,
    });
  });

  it("runs transactions of at most 100 recipients, with RSET between them", async () => {
    const single = testApp(testConfig(world, { maxConnPerMx: 1 }));
    const emails = Array.from({ length: 150 }, (_, i) => `u${i}@big.test`);
    const results = await verify(single, emails);
    expect(results.every((r) => r.status === "valid")).toBe(true);
    const sessions = world.sessionsOf("mx.big.test");
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ transactions: 2 });
    expect(sessions[0]!.rcpts).toHaveLength(151);
  });

  it("falls back to HELO when EHLO is refused", async () => {
    const [result] = await verify(app, ["sam@helo-only.test"]);
    expect(result).toMatchObject({ status: "valid", provider: "google" });
  });

  it("handles the DNS edge cases", async () => {
    const r = byEmail(
      await verify(app, [
        "a@nullmx.test",
        "b@nxdomain.test",
        "c@broken.test",
        "d@fallback-host.test",
        "e@implicit.test",
      ]),
    );
    expect(r["a@nullmx.test"]).toMatchObject({
      status: "invalid",
      reason: "null_mx",
      mx: null,
      provider: null,
    });
    expect(r["b@nxdomain.test"]).toMatchObject({ status: "invalid", reason: "no_mx_no_a" });
    expect(r["c@broken.test"]).toMatchObject({ status: "unknown", reason: "dns_error" });
    expect(r["d@fallback-host.test"]).toMatchObject({ status: "invalid", reason: "no_mx_no_a" });
    // implicit.test has no MX: its own A record (the fallback host's server) is the mail host.
    expect(r["e@implicit.test"]).toMatchObject({
      status: "invalid",
      reason: "rcpt_5xx_user_unknown",
      mx: "implicit.test",
    });
  });

  it("refuses bad syntax before any network traffic", async () => {
    const r = byEmail(await verify(app, ["not-an-address", "a..b@strict.test", "x@localhost"]));
    for (const result of Object.values(r))
      expect(result).toMatchObject({ status: "invalid", reason: "syntax", mx: null });
  });
});

describe("the result cache", () => {
  it("answers a repeated address without a new session, unless `fresh` is asked for", async () => {
    const sessions = () => world.sessionsOf("mx1.strict.test").length;
    const [first] = await verify(app, ["John@strict.test"]);
    expect(first?.status).toBe("valid");
    const before = sessions();
    const [again] = await verify(app, ["john@strict.test"]);
    expect(again).toMatchObject({ status: "valid", email: "john@strict.test" });
    expect(sessions()).toBe(before);

    const res = await signed(app, "POST", "/v1/verify", { emails: ["john@strict.test"], fresh: true });
    expect(res.status).toBe(200);
    expect(sessions()).toBeGreaterThan(before);
    const bad = await signed(app, "POST", "/v1/verify", { emails: ["john@strict.test"], fresh: "yes" });
    expect(bad.status).toBe(400);
  });
});
