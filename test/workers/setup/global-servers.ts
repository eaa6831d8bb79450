/**
 * Runs in Node before the Workers tests: starts the real SMTP sidecar on a
 * free loopback port and hands its URL to the Worker's bindings (so health
 * checks talk to the real thing over HTTP), and serves the fixture web on
 * loopback for the browser behind Browser Rendering, which maps every
 * `.test` host there.
 */
import { serve } from "@hono/node-server";
import type { TestProject } from "vitest/node";
import { setTestHostRule } from "../../../scripts/browser-setup.ts";
import { createSidecarApp } from "../../../workers/smtp-sidecar/src/app.ts";
import { chromeHostRules, serveFixtureWeb } from "../../fixtures/serve-fixture-web.ts";

declare module "vitest" {
  export interface ProvidedContext {
    sidecarUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: createSidecarApp().fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("sidecar did not bind");
  project.provide("sidecarUrl", `http://127.0.0.1:${address.port}`);
  const web = await serveFixtureWeb();
  setTestHostRule(chromeHostRules(web.port));
  return async () => {
    setTestHostRule(null);
    await web.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
