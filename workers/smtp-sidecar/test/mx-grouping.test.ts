/**
 * Domains that share their MX hosts share sessions: one session carries
 * the RCPTs of several domains, one transaction per domain, each domain
 * with its own catch-all probe and its own verdicts; domains on other hosts
 * keep their own sessions; fallback works for the whole group. And the
 * pure pieces: grouping by host names, and the DNS waves (a slow lookup
 * does not hold the others). Loopback range 127.0.7.x.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MailHost } from "../src/verify/mail-route.ts";
import { groupByMailHosts, inWaves, splitAtDomains } from "../src/verify/mx-groups.ts";
import { type MailWorld, startMailWorld } from "./support/mail-world.ts";
import { byEmail, testApp, testConfig, verify } from "./support/sidecar.ts";

let world: MailWorld;
const PROBE = /^[a-z]{24}@/;

beforeAll(async () => {
  world = await startMailWorld({
    hosts: [
      { name: "mx.provider.test", ip: "127.0.7.10" },
      { name: "mx.serial.test", ip: "127.0.7.11", pipelining: false },
      { name: "mx.own.test", ip: "127.0.7.12" },
      { name: "mx-down.group.test", ip: "127.0.7.13", listen: false },
      { name: "mx-up.group.test", ip: "127.0.7.14" },
      { name: "mx.mixed.test", ip: "127.0.7.15" },
    ],
    domains: [
      { name: "alpha.test", mx: ["mx.provider.test"], mailboxes: ["ann"] },
      { name: "bravo.test", mx: ["mx.provider.test"], acceptAll: true },
      {
        name: "charlie.test",
        mx: ["mx.provider.test"],
        mailboxes: ["ann"],
        fullMailboxes: ["full"],
        disabledMailboxes: ["gone"],
      },
      { name: "delta.test", mx: ["mx.provider.test"], mailboxes: ["dee"] },
      { name: "echo.test", mx: ["mx.serial.test"], mailboxes: ["ann"] },
      { name: "foxtrot.test", mx: ["mx.serial.test"], mailboxes: ["ann"] },
      { name: "golf.test", mx: ["mx.own.test"], mailboxes: ["ann"] },
      { name: "hotel.test", mx: ["mx-down.group.test", "mx-up.group.test"], mailboxes: ["ann"] },
      { name: "india.test", mx: ["mx-down.group.test", "mx-up.group.test"], mailboxes: ["ann"] },
      { name: "kilo.test", mx: ["mx.mixed.test"], mailboxes: ["ann"], greylist: { minDelayMs: 300 } },
      { name: "lima.test", mx: ["mx.mixed.test"], mailboxes: ["ann"] },
    ],
  });
});

afterAll(async () => {
  await world.close();
});

describe("domains sharing an MX host", () => {
  it("share one session, a transaction and a catch-all probe per domain, verdicts per domain", async () => {
    const app = testApp(testConfig(world));
    const emails = [
      "ann@alpha.test",
      "zed@alpha.test",
      "x@bravo.test",
      "y@bravo.test",
      "full@charlie.test",
      "gone@charlie.test",
      "ann@charlie.test",
      "dee@delta.test",
      "nobody@delta.test",
      "ann@golf.test",
    ];
    const r = byEmail(await verify(app, emails));
    expect(Object.keys(r)).toHaveLength(emails.length);
    const shared = world.sessionsOf("mx.provider.test");
    expect(shared).toHaveLength(1);
    expect(shared[0]!.transactions).toBe(4);
    expect(shared[0]!.rcpts).toHaveLength(9 + 4);
    const probes = shared[0]!.rcpts.filter((rcpt) => PROBE.test(rcpt));
    expect(probes.map((p) => p.split("@")[1]).sort()).toEqual([
      "alpha.test",
      "bravo.test",
      "charlie.test",
      "delta.test",
    ]);
    // Another host's domain keeps its own session.
    expect(world.sessionsOf("mx.own.test")).toHaveLength(1);
    const want: Record<string, [string, string, boolean]> = {
      "ann@alpha.test": ["valid", "rcpt_2xx_non_catchall", false],
      "zed@alpha.test": ["invalid", "rcpt_5xx_user_unknown", false],
      "x@bravo.test": ["risky_catch_all", "rcpt_2xx_catchall", true],
      "y@bravo.test": ["risky_catch_all", "rcpt_2xx_catchall", true],
      "full@charlie.test": ["risky_full_inbox", "over_quota", false],
      "gone@charlie.test": ["invalid", "mailbox_disabled", false],
      "ann@charlie.test": ["valid", "rcpt_2xx_non_catchall", false],
      "dee@delta.test": ["valid", "rcpt_2xx_non_catchall", false],
      "nobody@delta.test": ["invalid", "rcpt_5xx_user_unknown", false],
      "ann@golf.test": ["valid", "rcpt_2xx_non_catchall", false],
    };
    for (const [email, [status, reason, catchAll]] of Object.entries(want)) {
      expect([email, r[email]]).toEqual([
        email,
        expect.objectContaining({ status, reason, catch_all: catchAll }),
      ]);
    }
    expect(r["ann@golf.test"]!.mx).toBe("mx.own.test");
    for (const email of emails.slice(0, 9)) expect(r[email]!.mx).toBe("mx.provider.test");
  });

  it("share one session on a host without PIPELINING too, RSET between the domains", async () => {
    const app = testApp(testConfig(world));
    const r = byEmail(await verify(app, ["ann@echo.test", "bob@echo.test", "ann@foxtrot.test"]));
    expect(r["ann@echo.test"]!.status).toBe("valid");
    expect(r["bob@echo.test"]!.status).toBe("invalid");
    expect(r["ann@foxtrot.test"]!.status).toBe("valid");
    const sessions = world.sessionsOf("mx.serial.test");
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ transactions: 2, maxRcptsPerRead: 1 });
  });

  it("fall back together to the next MX host", async () => {
    const app = testApp(testConfig(world));
    const r = byEmail(await verify(app, ["ann@hotel.test", "ann@india.test", "bob@india.test"]));
    expect(r["ann@hotel.test"]).toMatchObject({ status: "valid", mx: "mx-up.group.test" });
    expect(r["ann@india.test"]).toMatchObject({ status: "valid", mx: "mx-up.group.test" });
    expect(r["bob@india.test"]).toMatchObject({ status: "invalid", mx: "mx-up.group.test" });
    expect(world.sessionsOf("mx-up.group.test")).toHaveLength(1);
  });

  it("answer each domain when its own addresses are done, not when a greylisting neighbour's are", async () => {
    const app = testApp(testConfig(world, { greylistRetryMs: 300 }));
    const r = byEmail(await verify(app, ["ann@kilo.test", "ann@lima.test"]));
    expect(r["ann@kilo.test"]).toMatchObject({ status: "valid", mx: "mx.mixed.test" });
    expect(r["ann@lima.test"]).toMatchObject({ status: "valid", mx: "mx.mixed.test" });
    // The greylisted address is answered on a retry 300 ms after its 450; its neighbour before that.
    expect(r["ann@kilo.test"]!.duration_ms - r["ann@lima.test"]!.duration_ms).toBeGreaterThanOrEqual(150);
    expect(world.sessionsOf("mx.mixed.test")[0]!.transactions).toBe(2);
  });

  it("reuse each domain's cached catch-all answer: no probe for a domain already known", async () => {
    const app = testApp(testConfig(world));
    await verify(app, ["ann@alpha.test", "x@bravo.test"]);
    const seen = world.sessionsOf("mx.provider.test").length;
    const r = byEmail(await verify(app, ["zed@alpha.test", "q@bravo.test", "dee@delta.test"]));
    expect(r["q@bravo.test"]).toMatchObject({ status: "risky_catch_all", catch_all: true });
    expect(r["zed@alpha.test"]).toMatchObject({ status: "invalid", catch_all: false });
    const later = world.sessionsOf("mx.provider.test").slice(seen);
    expect(later).toHaveLength(1);
    expect(later[0]!.rcpts.filter((rcpt) => PROBE.test(rcpt)).map((p) => p.split("@")[1])).toEqual([
      "delta.test",
    ]);
  });
});

describe("groupByMailHosts", () => {
  const host = (name: string): MailHost => ({ name, preference: 10, addresses: ["192.0.2.1"] });
  it("groups by the MX host names in preference order", () => {
    const items = [
      { id: 1, hosts: [host("a"), host("b")] },
      { id: 2, hosts: [host("c")] },
      { id: 3, hosts: [host("a"), host("b")] },
      { id: 4, hosts: [host("b"), host("a")] },
    ];
    expect(groupByMailHosts(items).map((g) => g.map((i) => i.id))).toEqual([[1, 3], [2], [4]]);
  });
});

describe("splitAtDomains", () => {
  const of = (spec: Record<string, number>) =>
    Object.entries(spec).flatMap(([domain, n]) => Array.from({ length: n }, (_, i) => `u${i}@${domain}`));
  const sizes = (slices: string[][]) => slices.map((slice) => slice.length);
  it.each([
    ["cuts at the domain boundary nearest the even cut", of({ a: 3, b: 1, c: 4 }), 2, [4, 4]],
    ["keeps whole domains when they are about a slice each", of({ a: 90, b: 85, c: 95 }), 3, [90, 85, 95]],
    ["splits one domain evenly", of({ a: 60 }), 3, [20, 20, 20]],
    ["cuts inside a domain when no boundary is near", of({ a: 10, b: 2 }), 2, [6, 6]],
    ["never makes more slices than addresses", of({ a: 2 }), 5, [1, 1]],
    ["makes no slice of nothing", [], 3, []],
  ])("%s", (_, addresses, parts, want) => {
    const slices = splitAtDomains(addresses, parts);
    expect(sizes(slices)).toEqual(want);
    expect(slices.flat()).toEqual(addresses);
  });
});

describe("inWaves", () => {
  it("takes every lookup in one wave when they all come back together", async () => {
    const waves: string[][] = [];
    await inWaves([Promise.resolve("a"), Promise.resolve("b"), Promise.resolve("c")], 1000, async (w) => {
      waves.push(w);
    });
    expect(waves).toEqual([["a", "b", "c"]]);
  });

  it("does not hold the first wave for a slow lookup, which comes in a wave of its own", async () => {
    let answer!: (value: string) => void;
    const slow = new Promise<string>((resolve) => {
      answer = resolve;
    });
    const waves: string[][] = [];
    await inWaves([Promise.resolve("a"), slow, Promise.resolve("b")], 10, async (w) => {
      waves.push(w);
      // The slow lookup answers only once the first wave is under way.
      if (waves.length === 1) answer("c");
    });
    expect(waves).toEqual([["a", "b"], ["c"]]);
  });
});
