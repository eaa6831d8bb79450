/**
 * Outbound routes seen from the MX side: binding to a source address,
 * sessions through a SOCKS5 proxy (with and without authentication), and
 * automatic rotation away from a blocklisted address. Loopback range 127.0.3.x;
 * 127.0.0.2 and 127.0.0.3 are the source addresses.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectThroughSocks5 } from "../src/pool/socks5.ts";
import type { IpRotationStatus } from "../src/pool/source-pool.ts";
import { type MailWorld, startMailWorld } from "./support/mail-world.ts";
import { byEmail, signed, testApp, testConfig, verify } from "./support/sidecar.ts";
import { type Socks5Server, startSocks5Server } from "./support/socks5-server.ts";

let world: MailWorld;
let proxy: Socks5Server;
let authProxy: Socks5Server;

beforeAll(async () => {
  world = await startMailWorld({
    hosts: [
      { name: "mx.plain.test", ip: "127.0.3.10" },
      { name: "mx.strict-rbl.test", ip: "127.0.3.11", blockedClients: ["127.0.0.2"] },
    ],
    domains: [
      { name: "plain.test", mx: ["mx.plain.test"], mailboxes: ["ann", "bob"] },
      { name: "rbl.test", mx: ["mx.strict-rbl.test"], mailboxes: ["ann", "bob", "cat"] },
    ],
  });
  proxy = await startSocks5Server({ outboundAddress: "127.0.0.3" });
  authProxy = await startSocks5Server({ credentials: { username: "probe", password: "s3cret:pw" } });
});

afterAll(async () => {
  await Promise.all([world.close(), proxy.close(), authProxy.close()]);
});

describe("outbound routes", () => {
  it("binds outbound sessions to SOURCE_IPS", async () => {
    const app = testApp(testConfig(world, { sourceIps: ["127.0.0.2"] }));
    const [result] = await verify(app, ["ann@plain.test"]);
    expect(result).toMatchObject({ status: "valid" });
    expect(world.sessionsOf("mx.plain.test").at(-1)!.client).toBe("127.0.0.2");
  });

  it("goes through a SOCKS5 proxy without authentication", async () => {
    const app = testApp(testConfig(world, { socksProxies: [{ host: "127.0.0.1", port: proxy.port }] }));
    const [result] = await verify(app, ["bob@plain.test"]);
    expect(result).toMatchObject({ status: "valid" });
    expect(proxy.connects.at(-1)).toMatchObject({ host: "127.0.3.10", port: world.smtpPort, username: null });
    // The proxy connects from 127.0.0.3: that is the address the MX sees.
    expect(world.sessionsOf("mx.plain.test").at(-1)!.client).toBe("127.0.0.3");
  });

  it("authenticates to a SOCKS5 proxy with user name and password", async () => {
    const app = testApp(
      testConfig(world, {
        socksProxies: [{ host: "127.0.0.1", port: authProxy.port, username: "probe", password: "s3cret:pw" }],
      }),
    );
    const [result] = await verify(app, ["nobody@plain.test"]);
    expect(result).toMatchObject({ status: "invalid", reason: "rcpt_5xx_user_unknown" });
    expect(authProxy.connects.at(-1)).toMatchObject({ username: "probe" });
    const status = (await (await signed(app, "GET", "/v1/ip-rotation/status")).json()) as IpRotationStatus;
    expect(status.pools[0]).toMatchObject({ kind: "socks5", address: `127.0.0.1:${authProxy.port}` });
  });

  it("reports a refused proxy login as a proxy failure", async () => {
    const attempt = connectThroughSocks5(
      { host: "127.0.0.1", port: authProxy.port, username: "probe", password: "wrong" },
      "127.0.3.10",
      world.smtpPort,
      1000,
    );
    await expect(attempt).rejects.toMatchObject({ name: "Socks5Error", proxyFault: true });
    expect(authProxy.refusedLogins).toBeGreaterThan(0);
  });

  it("answers unknown_blocked on blocklist replies, counts them, and rotates to the other address", async () => {
    const app = testApp(
      testConfig(world, { sourceIps: ["127.0.0.2", "127.0.0.3"], blocklistRotateAfter: 3 }),
    );
    const first = byEmail(await verify(app, ["ann@rbl.test", "bob@rbl.test", "nobody@rbl.test"]));
    for (const result of Object.values(first)) {
      expect(result).toMatchObject({ status: "unknown_blocked", reason: "ip_blocklisted", smtp_code: 554 });
    }
    const status = (await (await signed(app, "GET", "/v1/ip-rotation/status")).json()) as IpRotationStatus;
    expect(status.current_pool).toBe("local:127.0.0.3");
    expect(status.current_ip).toBe("127.0.0.3");
    expect(status.last_rotation).not.toBeNull();
    const blocked = status.pools.find((p) => p.address === "127.0.0.2")!;
    expect(blocked.blocklist_replies).toBeGreaterThanOrEqual(3);
    expect(blocked.healthy).toBe(false);

    const second = byEmail(await verify(app, ["ann@rbl.test", "nobody@rbl.test"]));
    expect(second["ann@rbl.test"]).toMatchObject({ status: "valid" });
    expect(second["nobody@rbl.test"]).toMatchObject({ status: "invalid" });
    expect(world.sessionsOf("mx.strict-rbl.test").at(-1)!.client).toBe("127.0.0.3");
  });
});
