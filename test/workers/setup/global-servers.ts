/**
 * Runs in Node before the Workers tests: starts a mail world (real DNS and
 * SMTP servers on loopback) and the real SMTP sidecar pointed at it, and
 * hands the sidecar's URL to the Worker's bindings, so verification and
 * health go Worker -> signed HTTP -> sidecar -> SMTP for real. It also serves
 * the fixture web on loopback for the browser behind Browser Rendering,
 * which maps every `.test` host there.
 */
import { type AddressInfo, createServer } from "node:net";
import { serve } from "@hono/node-server";
import type { TestProject } from "vitest/node";
import { setTestHostRule } from "../../../scripts/browser-setup.ts";
import { createSidecarApp } from "../../../workers/smtp-sidecar/src/app.ts";
import { defaultSidecarConfig } from "../../../workers/smtp-sidecar/src/config.ts";
import { silentLog } from "../../../workers/smtp-sidecar/src/log.ts";
import { startMailWorld } from "../../../workers/smtp-sidecar/test/support/mail-world.ts";
import { chromeHostRules, serveFixtureWeb } from "../../fixtures/serve-fixture-web.ts";
import { TEST_SIDECAR_SECRET } from "../../test-secrets.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sidecarUrl: string;
    /** A second real sidecar whose route to the mail world is broken: every SMTP connection is refused. */
    brokenSidecarUrl: string;
    /** The loopback port of the fixture web (HTTP and HTTPS, routed by Host), for clients with their own sockets. */
    fixtureWebPort: number;
  }
}

/**
 * The mail world the Worker's verification tests probe through the real
 * sidecar (loopback range 127.0.50.x, apart from the sidecar's own tests).
 */
export const workerMailWorld = {
  hosts: [
    { name: "mx.strict.test", ip: "127.0.50.1" },
    { name: "mx.catchall.test", ip: "127.0.50.2" },
    { name: "mx.full.test", ip: "127.0.50.3" },
    { name: "mx.studio-lumiere.test", ip: "127.0.50.4" },
    { name: "mx.greylist.test", ip: "127.0.50.5" },
  ],
  domains: [
    {
      name: "strict.test",
      mx: ["mx.strict.test"],
      mailboxes: ["anna", "ben", "cara"],
      disabledMailboxes: ["old"],
    },
    { name: "catchall.test", mx: ["mx.catchall.test"], acceptAll: true },
    { name: "full.test", mx: ["mx.full.test"], mailboxes: ["dan"], fullMailboxes: ["dan"] },
    { name: "nomail.test", nullMx: true },
    // The fixture web's studio-lumiere.test (pattern `first`): its published addresses, and the two
    // people it publishes none for, so full runs verify guessed addresses against a real server.
    {
      name: "studio-lumiere.test",
      mx: ["mx.studio-lumiere.test"],
      mailboxes: [
        "elodie",
        "jean-baptiste",
        "camille",
        "hugo",
        "bonjour",
        "projets",
        "presse",
        "ines",
        "lea",
      ],
    },
    // Greylists every new address for half a second (the sidecar's own retry, 60 s, is past its deadline).
    { name: "greylist.test", mx: ["mx.greylist.test"], mailboxes: ["gina"], greylist: { minDelayMs: 500 } },
  ],
};

/** A TCP port that was free a moment ago and is closed now: connections to it are refused. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export default async function setup(project: TestProject) {
  const world = await startMailWorld(workerMailWorld);
  const config = defaultSidecarConfig({
    secret: TEST_SIDECAR_SECRET,
    heloName: "verifier.prospector.test",
    mailFrom: "probe@verifier.prospector.test",
    smtpPort: world.smtpPort,
    dnsServers: [world.dnsServer],
    sourceIps: ["127.0.0.2", "127.0.0.3"],
    dnsTimeoutMs: 1000,
    connectTimeoutMs: 2000,
    commandTimeoutMs: 3000,
    verifyDeadlineMs: 15_000,
    // The mail world is on loopback: lift the MX target guard (as ALLOW_PRIVATE_TARGETS does in development).
    allowPrivateTargets: true,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      { fetch: createSidecarApp({ config, log: silentLog }).fetch, port: 0, hostname: "127.0.0.1" },
      () => resolve(s),
    );
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("sidecar did not bind");
  project.provide("sidecarUrl", `http://127.0.0.1:${address.port}`);
  // The same sidecar, but its SMTP port is one nothing listens on: a broken mail route (port 25 blocked).
  const refusedPort = await closedPort();
  const broken = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const app = createSidecarApp({ config: { ...config, smtpPort: refusedPort }, log: silentLog });
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const brokenAddress = broken.address();
  if (!brokenAddress || typeof brokenAddress === "string") throw new Error("broken sidecar did not bind");
  project.provide("brokenSidecarUrl", `http://127.0.0.1:${brokenAddress.port}`);
  const web = await serveFixtureWeb();
  project.provide("fixtureWebPort", web.port);
  setTestHostRule(chromeHostRules(web.port));
  return async () => {
    setTestHostRule(null);
    await web.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => broken.close(() => resolve()));
    await world.close();
  };
}
