/**
 * Small pure pieces: the SMTP reply reader, EHLO capabilities, MX record
 * interpretation, provider guesses, signatures, back-off, route health.
 */
import { describe, expect, it } from "vitest";
import { silentLog } from "../src/log.ts";
import { summarizeRouteHealth } from "../src/pool/route-health.ts";
import { SourcePool } from "../src/pool/source-pool.ts";
import {
  parseSidecarSignature,
  sidecarSignatureHex,
  signSidecarRequest,
  verifySidecarSignature,
} from "../src/signature.ts";
import { backoffDelay, Deadline } from "../src/verify/deadline.ts";
import { interpretMxRecords } from "../src/verify/mail-route.ts";
import { MxGates, PUSHBACK_PAUSE_MS } from "../src/verify/mx-gates.ts";
import { guessMailProvider } from "../src/verify/provider.ts";
import { ehloCapabilities, SmtpReplyReader } from "../src/verify/smtp-reply.ts";

describe("SmtpReplyReader", () => {
  it("assembles multi-line replies across chunk boundaries", () => {
    const reader = new SmtpReplyReader();
    expect(reader.push("220-mx.example ESMTP\r\n220-second li")).toEqual([]);
    const [greeting] = reader.push("ne\r\n220 ready\r\n");
    expect(greeting).toMatchObject({ code: 220, lines: ["mx.example ESMTP", "second line", "ready"] });
    const replies = reader.push(
      "250-mx.example\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 8BITMIME\r\n550 5.1.1 no\r\n",
    );
    expect(replies.map((r) => r.code)).toEqual([250, 550]);
    expect([...ehloCapabilities(replies[0]!)]).toEqual(["PIPELINING", "STARTTLS", "8BITMIME"]);
    expect(replies[1]).toMatchObject({ enhanced: "5.1.1", text: "5.1.1 no" });
  });

  it("accepts a bare code and LF-only line ends", () => {
    expect(new SmtpReplyReader().push("250\n")).toMatchObject([{ code: 250, lines: [""], enhanced: null }]);
  });

  it("rejects garbage and code changes inside a reply", () => {
    expect(() => new SmtpReplyReader().push("HTTP/1.1 400 Bad Request\r\n")).toThrow(/not an SMTP reply/);
    expect(() => new SmtpReplyReader().push("250-a\r\n251 b\r\n")).toThrow(/code changed/);
  });
});

describe("interpretMxRecords", () => {
  it("sorts by preference and recognises null MX", () => {
    expect(
      interpretMxRecords([
        { exchange: "b.example.", priority: 20 },
        { exchange: "A.example", priority: 10 },
      ]),
    ).toEqual({
      kind: "mx",
      hosts: [
        { name: "a.example", preference: 10 },
        { name: "b.example", preference: 20 },
      ],
    });
    expect(interpretMxRecords([{ exchange: "", priority: 0 }])).toEqual({ kind: "null_mx" });
    expect(interpretMxRecords([{ exchange: ".", priority: 0 }])).toEqual({ kind: "null_mx" });
    expect(interpretMxRecords([])).toEqual({ kind: "mx", hosts: [] });
  });
});

describe("guessMailProvider", () => {
  const cases: [string[], string | null][] = [
    [["aspmx.l.google.com", "alt1.aspmx.l.google.com"], "google"],
    [["contoso-com.mail.protection.outlook.com"], "microsoft"],
    [["mx0a-001.pphosted.com"], "proofpoint"],
    [["eu-smtp-inbound-1.mimecast.com"], "mimecast"],
    [["mx.zoho.eu"], "zoho"],
    [["mta5.am0.yahoodns.net"], "yahoo"],
    [["mail.example.org"], "other"],
    [["notgoogle.com"], "other"],
    [[], null],
  ];
  for (const [hosts, provider] of cases) {
    it(`${hosts.join(",") || "(none)"} -> ${provider}`, () =>
      expect(guessMailProvider(hosts)).toBe(provider));
  }
});

describe("signatures", () => {
  const post = { method: "POST", target: "/v1/verify", body: '{"a":1}' };
  const get = { method: "GET", target: "/v1/ip-rotation/status", body: "" };

  it('matches an independent HMAC-SHA256 of "<t>\\n<METHOD>\\n<path?query>\\n<body>"', async () => {
    const { createHmac } = await import("node:crypto");
    const expected = createHmac("sha256", "k".repeat(32))
      .update('1700000000\nPOST\n/v1/verify\n{"a":1}')
      .digest("hex");
    expect(await sidecarSignatureHex("k".repeat(32), 1700000000, post)).toBe(expected);
    expect(await signSidecarRequest("k".repeat(32), post, 1700000000.9)).toBe(`t=1700000000,v2=${expected}`);
  });

  it("parses and verifies", async () => {
    const header = await signSidecarRequest("s".repeat(32), get, 1000);
    expect(parseSidecarSignature(header)).toMatchObject({ t: 1000 });
    expect(await verifySidecarSignature("s".repeat(32), header, get, 1100)).toMatchObject({ ok: true });
    expect(await verifySidecarSignature("s".repeat(32), header, get, 1301)).toEqual({
      ok: false,
      problem: "stale",
    });
    expect(await verifySidecarSignature("", header, get, 1000)).toEqual({ ok: false, problem: "mismatch" });
    expect(await verifySidecarSignature("s".repeat(32), undefined, get, 1000)).toEqual({
      ok: false,
      problem: "missing",
    });
  });

  it("covers the method, the path, the query and the body", async () => {
    const secret = "s".repeat(32);
    const header = await signSidecarRequest(secret, get, 1000);
    for (const other of [
      { ...get, method: "POST" },
      { ...get, target: "/metrics" },
      { ...get, target: "/v1/ip-rotation/status?x=1" },
      { ...get, body: "x" },
    ]) {
      expect(await verifySidecarSignature(secret, header, other, 1000)).toEqual({
        ok: false,
        problem: "mismatch",
      });
    }
    expect(await verifySidecarSignature(secret, header, { ...get, method: "get" }, 1000)).toMatchObject({
      ok: true,
    });
  });

  it("cannot move a field boundary: path and body are told apart", async () => {
    const secret = "s".repeat(32);
    const header = await signSidecarRequest(secret, { method: "POST", target: "/a.b", body: "c" }, 1000);
    const shifted = { method: "POST", target: "/a", body: "b.c" };
    expect(await verifySidecarSignature(secret, header, shifted, 1000)).toMatchObject({ ok: false });
  });

  it("no longer accepts the v1 header (time and body only)", async () => {
    const { createHmac } = await import("node:crypto");
    const v1 = createHmac("sha256", "s".repeat(32)).update("1000.").digest("hex");
    expect(await verifySidecarSignature("s".repeat(32), `t=1000,v1=${v1}`, get, 1000)).toEqual({
      ok: false,
      problem: "malformed",
    });
  });
});

describe("backoffDelay", () => {
  it("doubles per attempt, jitters between 50 and 100 %, caps at 30 s", () => {
    expect(backoffDelay(100, 0, () => 0)).toBe(50);
    expect(backoffDelay(100, 0, () => 1)).toBe(100);
    expect(backoffDelay(100, 3, () => 1)).toBe(800);
    expect(backoffDelay(1000, 10, () => 1)).toBe(30_000);
  });
});

describe("route health", () => {
  const outcome = (at: number, extra: Partial<Parameters<typeof summarizeRouteHealth>[0][number]> = {}) => ({
    at,
    ok: true,
    latencyMs: 10,
    blocklistReplies: 0,
    routeFault: false,
    ...extra,
  });

  it("summarises the window only", () => {
    const outcomes = [
      outcome(0, { blocklistReplies: 5, ok: false }),
      outcome(900, { latencyMs: 30 }),
      outcome(950, { ok: false, latencyMs: 50, blocklistReplies: 2 }),
    ];
    expect(summarizeRouteHealth(outcomes, 1000, 500, 3)).toEqual({
      healthy: true,
      successRate: 0.5,
      medianLatencyMs: 40,
      recentBlocklistReplies: 2,
      recentRouteFaults: 0,
    });
    expect(summarizeRouteHealth(outcomes, 1000, 2000, 3).healthy).toBe(false);
  });

  it("refuses a manual rotation onto an unhealthy address unless forced", () => {
    let now = 0;
    const pool = new SourcePool(
      {
        sourceIps: ["127.0.0.2", "127.0.0.3"],
        socksProxies: [],
        blocklistRotateAfter: 3,
        blocklistWindowS: 60,
      },
      () => now,
      silentLog,
    );
    pool.record("local:127.0.0.3", { ok: false, latencyMs: null, blocklistReplies: 3, routeFault: false });
    expect(pool.current.id).toBe("local:127.0.0.2");
    expect(() => pool.rotate("try", false)).toThrow(/no other outbound address is healthy/);
    expect(pool.rotate("try", true)).toMatchObject({ new_pool: "local:127.0.0.3" });
    // Once the window has passed, the address is healthy again.
    now = 61_000;
    expect(pool.health("local:127.0.0.3").healthy).toBe(true);
  });
});

describe("MxGates", () => {
  const deadline = () => new Deadline(performance.now() + 5_000, () => performance.now());
  const gates = (maxSessions = 100) =>
    new MxGates(
      { maxConnPerMx: 1, maxSessions, mxSessionsPerSecond: 1000, mxPoliteness: "fixed", mxMemoryS: 3600 },
      () => performance.now(),
    );

  it("lets a greylist retry go ahead of the sessions already waiting for the host", async () => {
    const g = gates();
    const holder = await g.acquire("mx.test", deadline());
    const order: string[] = [];
    const wait = (name: string, first: boolean) =>
      g.acquire("mx.test", deadline(), first).then((slot) => {
        order.push(name);
        slot?.release();
      });
    const waiting = [wait("plain-1", false), wait("plain-2", false), wait("retry", true)];
    holder!.release();
    await Promise.all(waiting);
    expect(order).toEqual(["retry", "plain-1", "plain-2"]);
  });

  it("caps sessions overall with MAX_SESSIONS, across hosts", async () => {
    const g = gates(2);
    const a = await g.acquire("a.test", deadline());
    const b = await g.acquire("b.test", deadline());
    const short = new Deadline(performance.now() + 50, () => performance.now());
    expect(await g.acquire("c.test", short)).toBeNull();
    a!.release();
    const c = await g.acquire("c.test", deadline());
    expect(c).not.toBeNull();
    b!.release();
    c!.release();
  });

  it("after a push-back starts no session for PUSHBACK_PAUSE_MS, though the lowered pace alone would", async () => {
    // An adaptive host already raised to 10 sessions a second: a 421 about halves that (some 200 ms
    // apart), but the host's window still holds the refused attempt, so the next session waits out the pause.
    const clock = () => performance.now();
    const g = new MxGates(
      {
        maxConnPerMx: 20,
        maxSessions: 100,
        mxSessionsPerSecond: 10,
        mxPoliteness: "adaptive",
        mxMemoryS: 3600,
      },
      clock,
    );
    const host = "mx.pause.test";
    for (let i = 0; i < 6; i++) {
      const slot = await g.acquire(host, deadline());
      const waiting = g.acquire(host, deadline()); // work waits: the answer raises the pace
      g.report(host, slot!, { kind: "answered" });
      slot!.release();
      (await waiting)!.release();
    }
    expect(g.paceOf(host).rate).toBe(10);
    const refused = await g.acquire(host, deadline());
    g.report(host, refused!, { kind: "pushback", cause: "busy" });
    const reportedAt = clock();
    refused!.release();
    // Lowered, but to a pace whose interval alone would be well under the pause.
    expect(1000 / g.paceOf(host).rate).toBeLessThan(PUSHBACK_PAUSE_MS / 2);
    const next = await g.acquire(host, deadline());
    expect(next!.grantedAt - reportedAt).toBeGreaterThanOrEqual(PUSHBACK_PAUSE_MS - 1);
    next!.release();
  });
});
