/**
 * The MX target guard against a real mail world on loopback: with the guard
 * on (the default), a domain whose MX, implicit MX (A/AAAA) or part of an MX
 * host's answer is a loopback address gets `unknown` / `blocked_target` and
 * the SMTP server behind it sees no connection at all, directly or through
 * a SOCKS5 proxy; with ALLOW_PRIVATE_TARGETS the same probes work.
 * Loopback range 127.0.5.x.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLog } from "../src/log.ts";
import { openOutbound } from "../src/pool/outbound.ts";
import { BlockedTargetError } from "../src/pool/target-guard.ts";
import { type MailWorld, startMailWorld } from "./support/mail-world.ts";
import { byEmail, testApp, testConfig, verify } from "./support/sidecar.ts";
import { type Socks5Server, startSocks5Server } from "./support/socks5-server.ts";

const MX = "mx.loop.test";
const PUBLIC_IP = "93.184.216.34";

let world: MailWorld;
let proxy: Socks5Server;

beforeAll(async () => {
  world = await startMailWorld({
    hosts: [{ name: MX, ip: "127.0.5.10" }],
    domains: [
      { name: "loop.test", mx: [MX], mailboxes: ["jane"] },
      { name: "implicit-loop.test", a: ["127.0.5.10"], mailboxes: ["jane"] },
      // An MX host answering with a public address first, then the loopback one.
      { name: "mx.mixed.test", a: [PUBLIC_IP, "127.0.5.10"] },
      { name: "mixed.test", mx: ["mx.mixed.test"], mailboxes: ["jane"] },
      // The implicit MX: loopback first, then a public address.
      { name: "mixed-implicit.test", a: ["127.0.5.10", PUBLIC_IP], mailboxes: ["jane"] },
      { name: "mapped.test", aaaa: ["::ffff:127.0.5.10"], mailboxes: ["jane"] },
      { name: "metadata.test", a: ["169.254.169.254"] },
    ],
  });
  proxy = await startSocks5Server();
});

afterAll(async () => {
  await Promise.all([world.close(), proxy.close()]);
});

const blocked = {
  status: "unknown",
  reason: "blocked_target",
  mx: null,
  smtp_code: null,
  smtp_message: null,
  catch_all: null,
};

describe("the MX target guard", () => {
  it("refuses loopback, mixed, mapped and metadata mail hosts without connecting", async () => {
    const before = world.sessionsOf(MX).length;
    const app = testApp(testConfig(world, { allowPrivateTargets: false }));
    const emails = [
      "jane@loop.test",
      "jane@implicit-loop.test",
      "jane@mixed.test",
      "jane@mixed-implicit.test",
      "jane@mapped.test",
      "jane@metadata.test",
    ];
    const results = await verify(app, emails);
    expect(results).toHaveLength(emails.length);
    for (const result of results) expect(result).toMatchObject(blocked);
    expect(world.sessionsOf(MX).length).toBe(before);
  });

  it("refuses them through a SOCKS5 proxy too: the proxy is never asked", async () => {
    const before = world.sessionsOf(MX).length;
    const app = testApp(
      testConfig(world, {
        allowPrivateTargets: false,
        socksProxies: [{ host: "127.0.0.1", port: proxy.port }],
      }),
    );
    const [result] = await verify(app, ["jane@loop.test"]);
    expect(result).toMatchObject(blocked);
    expect(proxy.connects).toHaveLength(0);
    expect(world.sessionsOf(MX).length).toBe(before);
  });

  it("checks the address handed to the socket, on a direct and a SOCKS5 route", async () => {
    const before = world.sessionsOf(MX).length;
    const direct = { id: "local:default", kind: "local" as const, address: "default" };
    const socks = {
      id: `socks5:127.0.0.1:${proxy.port}`,
      kind: "socks5" as const,
      address: `127.0.0.1:${proxy.port}`,
      proxy: { host: "127.0.0.1", port: proxy.port },
    };
    for (const route of [direct, socks]) {
      for (const ip of ["127.0.5.10", "::ffff:127.0.5.10", "mx.loop.test"]) {
        const attempt = openOutbound(route, ip, world.smtpPort, 1000, { allowPrivateTargets: false });
        await expect(attempt).rejects.toBeInstanceOf(BlockedTargetError);
      }
    }
    expect(proxy.connects).toHaveLength(0);
    expect(world.sessionsOf(MX).length).toBe(before);
    const socket = await openOutbound(direct, "127.0.5.10", world.smtpPort, 1000, {
      allowPrivateTargets: true,
    });
    socket.destroy();
    expect(world.sessionsOf(MX).length).toBe(before + 1);
  });

  it("logs which host was refused and why", async () => {
    const lines: { msg: string; fields: Record<string, unknown> | undefined }[] = [];
    const app = testApp(testConfig(world, { allowPrivateTargets: false }), {
      log: (_level, msg, fields) => lines.push({ msg, fields }),
    });
    await verify(app, ["jane@mixed.test"]);
    expect(lines.find((l) => l.msg === "mx host refused")?.fields).toEqual({
      domain: "mixed.test",
      mx: "mx.mixed.test",
      ip: "127.0.5.10",
      class: "loopback",
    });
  });

  it("with ALLOW_PRIVATE_TARGETS probes the same hosts", async () => {
    const before = world.sessionsOf(MX).length;
    const app = testApp(testConfig(world, { allowPrivateTargets: true }), { log: silentLog });
    const results = byEmail(
      await verify(app, [
        "jane@loop.test",
        "nobody@loop.test",
        "jane@implicit-loop.test",
        "jane@mixed-implicit.test",
      ]),
    );
    expect(results["jane@loop.test"]).toMatchObject({ status: "valid", mx: MX, smtp_code: 250 });
    expect(results["nobody@loop.test"]).toMatchObject({ status: "invalid", reason: "rcpt_5xx_user_unknown" });
    expect(results["jane@implicit-loop.test"]).toMatchObject({ status: "valid", mx: "implicit-loop.test" });
    expect(results["jane@mixed-implicit.test"]).toMatchObject({ status: "valid" });
    expect(world.sessionsOf(MX).length).toBeGreaterThan(before);
  });
});
