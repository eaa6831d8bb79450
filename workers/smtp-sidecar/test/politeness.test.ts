/**
 * Adaptive politeness against real SMTP servers: the pace of a healthy
 * host rises, a 421 or a dropped connection lowers it at once, the lowered
 * pace is remembered by later requests, and a host that never answers is
 * not slowed down. Assertions are on counts and on the sidecar's "mx pace"
 * log events, never on speed; sessions that must overlap are held open by
 * the server until the overlap has happened. Loopback range 127.0.6.x.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SidecarLog } from "../src/log.ts";
import { PUSHBACK_PAUSE_MS } from "../src/verify/mx-gates.ts";
import { type MailWorld, startMailWorld } from "./support/mail-world.ts";
import { testApp, testConfig, verify } from "./support/sidecar.ts";

let world: MailWorld;
/** While set, the held hosts' greetings wait for it. */
let hold: Promise<void> | undefined;
const healthyDomains = Array.from({ length: 8 }, (_, i) => `h${i}.test`);

beforeAll(async () => {
  world = await startMailWorld({
    hosts: [
      { name: "mx.healthy.test", ip: "127.0.6.10" },
      { name: "mx.tight.test", ip: "127.0.6.11", maxConnectionsPerClient: 1, holdGreeting: () => hold },
      {
        name: "mx.dropping.test",
        ip: "127.0.6.12",
        maxConnectionsPerClient: 1,
        overLimit: "drop",
        holdGreeting: () => hold,
      },
      { name: "mx.down.test", ip: "127.0.6.13", listen: false },
    ],
    domains: [
      ...healthyDomains.map((name) => ({ name, mx: ["mx.healthy.test"], mailboxes: ["ann"] })),
      ...["t0.test", "t1.test"].map((name) => ({ name, mx: ["mx.tight.test"], mailboxes: ["ann"] })),
      ...["r0.test", "r1.test", "r2.test"].map((name) => ({
        name,
        mx: ["mx.dropping.test"],
        mailboxes: ["ann"],
      })),
      { name: "down.test", mx: ["mx.down.test"], mailboxes: ["ann"] },
    ],
  });
});

afterAll(async () => {
  await world.close();
});

type PaceEvent = {
  mx: string;
  change: "raised" | "lowered";
  cause?: string;
  concurrency: number;
  sessions_per_second: number;
};

/** An adaptive app (caps 10 sessions, 50 a second) and the "mx pace" events it logs. */
function adaptiveApp() {
  const events: PaceEvent[] = [];
  const log: SidecarLog = (_level, msg, fields) => {
    if (msg === "mx pace") events.push(fields as PaceEvent);
  };
  const config = testConfig(world, {
    mxPoliteness: "adaptive",
    maxConnPerMx: 10,
    mxSessionsPerSecond: 50,
    commandTimeoutMs: 10_000,
    verifyDeadlineMs: 20_000,
  });
  return { app: testApp(config, { log }), events };
}

/** Waits until `done()` holds (checked every 10 ms; fails after 10 s). */
async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10_000) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Holds the greetings of held hosts until the returned function is called. */
function holdGreetings(): () => void {
  let release!: () => void;
  hold = new Promise<void>((resolve) => {
    release = resolve;
  });
  return () => {
    hold = undefined;
    release();
  };
}

describe("adaptive politeness", () => {
  it("raises the pace of a host that answers well while work waits for it", async () => {
    const { app, events } = adaptiveApp();
    // Eight requests at once, one session each: at the starting 2 a second, seven wait.
    const results = (
      await Promise.all(healthyDomains.map((d) => verify(app, [`ann@${d}`, `bob@${d}`])))
    ).flat();
    expect(results).toHaveLength(16);
    for (const r of results) expect(r.status).toBe(r.email.startsWith("ann@") ? "valid" : "invalid");
    const sessions = world.sessionsOf("mx.healthy.test");
    expect(sessions).toHaveLength(8);
    expect(sessions.filter((s) => s.refused !== null)).toHaveLength(0);
    expect(events.filter((e) => e.change === "lowered")).toHaveLength(0);
    const raised = events.filter((e) => e.change === "raised");
    expect(raised.length).toBeGreaterThan(0);
    expect(raised.every((e) => e.mx === "mx.healthy.test")).toBe(true);
    expect(raised.at(-1)!.concurrency).toBeGreaterThan(3);
    expect(raised.at(-1)!.sessions_per_second).toBeGreaterThan(2);
  });

  it("backs off at once on a 421, gets every answer, and remembers the host's limit", async () => {
    const { app, events } = adaptiveApp();
    const host = "mx.tight.test";
    const release = holdGreetings();
    // The first session is held before its greeting; the second one, half a second later, gets 421.
    const first = Promise.all([verify(app, ["ann@t0.test"]), verify(app, ["ann@t1.test"])]);
    await until(() => world.sessionsOf(host).some((s) => s.refused === "421"));
    release();
    const results = (await first).flat();
    expect(results.map((r) => r.status)).toEqual(["valid", "valid"]);
    const lowered = events.filter((e) => e.change === "lowered");
    expect(lowered).toEqual([
      { mx: host, change: "lowered", cause: "busy", concurrency: 1, sessions_per_second: 1 },
    ]);
    // The retry waited out the host's window: no session starts within PUSHBACK_PAUSE_MS of the refusal.
    const sessions = world.sessionsOf(host);
    const refusal = sessions.findIndex((s) => s.refused === "421");
    const after = sessions.slice(refusal + 1);
    expect(after.length).toBeGreaterThan(0);
    for (const s of after)
      expect(s.connectedAt - sessions[refusal]!.connectedAt).toBeGreaterThanOrEqual(PUSHBACK_PAUSE_MS - 5);
    // A later batch keeps to what the host bore: one session at a time, no 421.
    const seen = world.sessionsOf(host).length;
    const again = (
      await Promise.all([
        verify(app, ["ann@t0.test"], undefined, { fresh: true }),
        verify(app, ["ann@t1.test"], undefined, { fresh: true }),
      ])
    ).flat();
    expect(again.map((r) => r.status)).toEqual(["valid", "valid"]);
    const later = world.sessionsOf(host).slice(seen);
    expect(later).toHaveLength(2);
    expect(later.filter((s) => s.refused !== null)).toHaveLength(0);
    expect(events.filter((e) => e.change === "lowered")).toHaveLength(1);
    expect(events.filter((e) => e.change === "raised")).toHaveLength(0);
  });

  it("backs off when a host that answered before drops a connection unanswered", async () => {
    const { app, events } = adaptiveApp();
    const host = "mx.dropping.test";
    const [known] = await verify(app, ["ann@r0.test"]);
    expect(known!.status).toBe("valid");
    const release = holdGreetings();
    const run = Promise.all([verify(app, ["ann@r1.test"]), verify(app, ["ann@r2.test"])]);
    await until(() => world.sessionsOf(host).some((s) => s.refused === "drop"));
    release();
    expect((await run).flat().map((r) => r.status)).toEqual(["valid", "valid"]);
    expect(events.filter((e) => e.change === "lowered")).toEqual([
      { mx: host, change: "lowered", cause: "refused", concurrency: 1, sessions_per_second: 1 },
    ]);
  });

  it("does not slow down a host that has never answered (down, not busy)", async () => {
    const { app, events } = adaptiveApp();
    for (const email of ["ann@down.test", "bob@down.test"]) {
      const [result] = await verify(app, [email]);
      expect(result).toMatchObject({ status: "unknown_no_connect", reason: "connect_failed" });
    }
    expect(events).toHaveLength(0);
  });
});
