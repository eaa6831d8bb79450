/**
 * Runs in Node before the Workers tests: starts the real SMTP sidecar on a
 * free loopback port and hands its URL to the Worker's bindings, so the
 * Worker's health checks talk to the real thing over HTTP.
 */
import { serve } from "@hono/node-server";
import type { TestProject } from "vitest/node";
import { createSidecarApp } from "../../../workers/smtp-sidecar/src/app.ts";

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
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
