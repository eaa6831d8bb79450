/**
 * The adaptive pace per MX host (pure): where a host starts, what raises
 * and lowers it, the ceiling a push-back leaves, the memory's bounds and
 * expiry, and how a session report reads as a signal. No network.
 */
import { describe, expect, it } from "vitest";
import type { OutboundRoute } from "../src/pool/outbound.ts";
import {
  type HostPace,
  MIN_RATE,
  type PaceFeedback,
  PaceMemory,
  type PaceSettings,
  paceAfter,
  type SessionSignal,
  startingPace,
} from "../src/verify/mx-pace.ts";
import { type MxSessionEnd, paceSignal, unopened } from "../src/verify/session-report.ts";
import type { SmtpReply } from "../src/verify/smtp-reply.ts";

const settings: PaceSettings = {
  maxConnPerMx: 20,
  mxSessionsPerSecond: 20,
  mxPoliteness: "adaptive",
  mxMemoryS: 3600,
};
const HOUR = 3_600_000;
const answered: SessionSignal = { kind: "answered" };
const busy: SessionSignal = { kind: "pushback", cause: "busy" };
const refused: SessionSignal = { kind: "pushback", cause: "refused" };
const timeout: SessionSignal = { kind: "pushback", cause: "timeout" };
const feedback = (signal: SessionSignal, extra: Partial<PaceFeedback> = {}): PaceFeedback => ({
  signal,
  openSessions: 1,
  grantedAt: 0,
  recentStarts: 100,
  backlogged: true,
  ...extra,
});
const pace = (extra: Partial<HostPace> = {}): HostPace => ({ ...startingPace(settings, 0), ...extra });
const route: OutboundRoute = { id: "local:default", kind: "local", address: "default" };
const limits = (p: HostPace) => ({ concurrency: p.concurrency, rate: p.rate });

describe("startingPace", () => {
  it.each([
    ["the polite start under the caps", settings, { concurrency: 3, rate: 2 }],
    [
      "the caps when they are lower",
      { ...settings, maxConnPerMx: 2, mxSessionsPerSecond: 1 },
      { concurrency: 2, rate: 1 },
    ],
    [
      "the caps with MX_POLITENESS=fixed",
      { ...settings, mxPoliteness: "fixed" as const },
      { concurrency: 20, rate: 20 },
    ],
  ])("is %s", (_, given, want) => {
    expect(limits(startingPace(given, 0))).toEqual(want);
  });
});

describe("paceAfter", () => {
  const cases: [string, HostPace, PaceFeedback, { concurrency: number; rate: number }][] = [
    ["an answer while work waits raises both", pace(), feedback(answered), { concurrency: 4, rate: 3 }],
    [
      "an answer with nothing waiting proves nothing",
      pace(),
      feedback(answered, { backlogged: false }),
      { concurrency: 3, rate: 2 },
    ],
    [
      "raises stop at the caps",
      pace({ concurrency: 20, rate: 16 }),
      feedback(answered),
      { concurrency: 20, rate: 20 },
    ],
    [
      "a busy reply lowers both at once",
      pace({ concurrency: 8, rate: 10 }),
      feedback(busy, { openSessions: 6 }),
      { concurrency: 5, rate: 5 },
    ],
    [
      "concurrency never goes below 1",
      pace({ concurrency: 3, rate: 2 }),
      feedback(busy, { openSessions: 1 }),
      { concurrency: 1, rate: 1 },
    ],
    [
      "nor the rate below the floor",
      pace({ concurrency: 1, rate: 0.6 }),
      feedback(busy),
      { concurrency: 1, rate: MIN_RATE },
    ],
    [
      "to half the sessions started in the last second, when fewer than the pace",
      pace({ concurrency: 5, rate: 4.5 }),
      feedback(busy, { recentStarts: 3 }),
      { concurrency: 1, rate: 1.5 },
    ],
    [
      "a refusal from a host that answered before lowers",
      pace({ answered: true }),
      feedback(refused, { openSessions: 3 }),
      { concurrency: 2, rate: 1 },
    ],
    [
      "a timeout from a host that answered before lowers",
      pace({ answered: true }),
      feedback(timeout, { openSessions: 2 }),
      { concurrency: 1, rate: 1 },
    ],
    [
      "a refusal from a host that never answered is a host down",
      pace(),
      feedback(refused, { openSessions: 3 }),
      { concurrency: 3, rate: 2 },
    ],
    ["a timeout from a host that never answered too", pace(), feedback(timeout), { concurrency: 3, rate: 2 }],
    [
      "news from before the last lowering is old",
      pace({ loweredAt: 10 }),
      feedback(busy, { grantedAt: 5 }),
      { concurrency: 3, rate: 2 },
    ],
    [
      "and raises nothing either",
      pace({ loweredAt: 10 }),
      feedback(answered, { grantedAt: 5 }),
      { concurrency: 3, rate: 2 },
    ],
    [
      "an answer from a session let in before the last raise proves only the old pace",
      pace({ concurrency: 4, rate: 3, raisedAt: 10 }),
      feedback(answered, { grantedAt: 5 }),
      { concurrency: 4, rate: 3 },
    ],
    [
      "one let in at the raised pace raises again",
      pace({ concurrency: 4, rate: 3, raisedAt: 10 }),
      feedback(answered, { grantedAt: 10 }),
      { concurrency: 5, rate: 4.5 },
    ],
    ["a neutral session changes nothing", pace(), feedback({ kind: "neutral" }), { concurrency: 3, rate: 2 }],
    [
      "raises stop at a push-back's ceiling",
      pace({ concurrency: 4, rate: 3, ceiling: { concurrency: 4, rate: 3, until: HOUR } }),
      feedback(answered),
      { concurrency: 4, rate: 3 },
    ],
  ];
  it.each(cases)("%s", (_, before, given, want) => {
    expect(limits(paceAfter(before, given, settings, 100))).toEqual(want);
  });

  it("leaves a ceiling for MX_MEMORY_S after a push-back, then raises past it", () => {
    const lowered = paceAfter(
      pace({ concurrency: 6, rate: 8 }),
      feedback(busy, { openSessions: 5 }),
      settings,
      1000,
    );
    expect(lowered).toMatchObject({
      loweredAt: 1000,
      ceiling: { concurrency: 4, rate: 4, until: 1000 + HOUR },
    });
    const regrown = paceAfter(lowered, feedback(answered, { grantedAt: 2000 }), settings, 2000);
    expect(limits(regrown)).toEqual({ concurrency: 4, rate: 4 });
    const later = paceAfter(regrown, feedback(answered, { grantedAt: 2000 + HOUR }), settings, 2000 + HOUR);
    expect(later.ceiling).toBeNull();
    expect(limits(later)).toEqual({ concurrency: 5, rate: 6 });
  });

  it("raises one step per session let in at the new pace: a volley of answers from the old pace is one step", () => {
    // Three sessions let in at the start answer one after another: one raise, not three.
    let now = 0;
    let current = startingPace(settings, now);
    for (const at of [100, 150, 200])
      current = paceAfter(current, feedback(answered, { grantedAt: 0 }), settings, at);
    expect(limits(current)).toEqual({ concurrency: 4, rate: 3 });
    expect(current.raisedAt).toBe(100);
    // The first session let in after that raise proves the raised pace.
    now = 400;
    current = paceAfter(current, feedback(answered, { grantedAt: 300 }), settings, now);
    expect(limits(current)).toEqual({ concurrency: 5, rate: 4.5 });
  });

  it("moves nothing with MX_POLITENESS=fixed", () => {
    const fixed = { ...settings, mxPoliteness: "fixed" as const };
    const start = startingPace(fixed, 0);
    for (const signal of [answered, busy, refused, timeout]) {
      expect(limits(paceAfter(start, feedback(signal, { openSessions: 4 }), fixed, 1))).toEqual({
        concurrency: 20,
        rate: 20,
      });
    }
  });
});

describe("PaceMemory", () => {
  it("remembers a host's pace, and forgets it after MX_MEMORY_S of silence", () => {
    let now = 0;
    const memory = new PaceMemory(settings, () => now);
    memory.record("mx.test", feedback(busy, { openSessions: 3 }));
    expect(limits(memory.get("mx.test"))).toEqual({ concurrency: 2, rate: 1 });
    now = HOUR - 1;
    expect(limits(memory.get("mx.test"))).toEqual({ concurrency: 2, rate: 1 });
    now = HOUR;
    expect(limits(memory.get("mx.test"))).toEqual({ concurrency: 3, rate: 2 });
    expect(memory.size).toBe(0);
  });

  it("holds at most its bound, forgetting the longest silent host first", () => {
    let now = 0;
    const memory = new PaceMemory(settings, () => now, 2);
    for (const host of ["a.test", "b.test", "c.test"]) {
      now += 1;
      memory.record(host, feedback(busy, { openSessions: 2 }));
    }
    expect(memory.size).toBe(2);
    expect(memory.get("a.test").rate).toBe(2);
    expect(memory.get("c.test").rate).toBe(1);
  });
});

describe("paceSignal", () => {
  const reply = (code: number, text: string): SmtpReply => ({
    code,
    lines: [text],
    text,
    enhanced: /^\d\.\d+\.\d+/.exec(text)?.[0] ?? null,
  });
  const report = (end: MxSessionEnd, replies: SmtpReply[] = []) => ({
    ...unopened(route, end, 0),
    replies: new Map(replies.map((r, i) => [`u${i}@x.test`, r])),
  });
  const greeting = (r: SmtpReply): MxSessionEnd => ({
    kind: "refused",
    stage: "greeting",
    reply: r,
    action: r.code === 421 ? { kind: "busy" } : { kind: "final", reason: "session_rejected" },
  });
  const cases: [string, ReturnType<typeof report>, SessionSignal][] = [
    ["answers", report({ kind: "completed" }, [reply(250, "2.1.5 ok"), reply(550, "5.1.1 no")]), answered],
    [
      "a closing 421 among the RCPT replies",
      report({ kind: "completed" }, [reply(250, "ok"), reply(421, "4.7.0 bye")]),
      busy,
    ],
    [
      "a session closed for its own errors (Postfix's error limit), not for load",
      report({ kind: "completed" }, [
        reply(550, "5.1.1 no"),
        reply(421, "4.7.0 mx.example Error: too many errors"),
      ]),
      { kind: "neutral" },
    ],
    ["a 421 greeting", report(greeting(reply(421, "4.7.0 too many connections"))), busy],
    ["another 4xx greeting", report(greeting(reply(450, "4.3.2 not now"))), busy],
    ["a 5xx greeting", report(greeting(reply(554, "5.7.1 go away"))), { kind: "neutral" }],
    [
      "a refused connection",
      report({ kind: "connect_failed", timedOut: false, routeFault: false, detail: "" }),
      refused,
    ],
    [
      "a connect timeout",
      report({ kind: "connect_failed", timedOut: true, routeFault: false, detail: "" }),
      timeout,
    ],
    [
      "our own route failing",
      report({ kind: "connect_failed", timedOut: false, routeFault: true, detail: "" }),
      { kind: "neutral" },
    ],
    [
      "a connection dropped before the greeting",
      report({ kind: "lost", detail: "", tlsFailed: false, greeted: false }),
      refused,
    ],
    [
      "a connection dropped later",
      report({ kind: "lost", detail: "", tlsFailed: false, greeted: true }),
      { kind: "neutral" },
    ],
    ["a timeout", report({ kind: "timeout", stage: "greeting", detail: "" }), timeout],
    ["the target guard", report({ kind: "blocked", detail: "" }), { kind: "neutral" }],
  ];
  it.each(cases)("reads %s", (_, given, want) => {
    expect(paceSignal(given)).toEqual(want);
  });
});
