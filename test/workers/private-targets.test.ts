/**
 * ALLOW_PRIVATE_TARGETS, the other side of the SSRF guard: with it (development
 * only) the crawler reaches a real server on loopback, without it the same URL
 * is refused before any connection is made.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { fetchPage } from "../../src/crawler/fetch-page.ts";
import { DohResolver } from "../../src/crawler/resolver.ts";
import type { Env } from "../../src/env.ts";

const target = `${env.SIDECAR_URL}/health`;
const rules = (allowPrivate: boolean) => ({
  policy: { allowPrivate, resolver: new DohResolver() },
  userAgent: "ProspectorBot",
  inScope: () => true,
  accept: /json/,
});

describe("private targets", () => {
  it("are reachable on loopback when allowed", async () => {
    const page = await fetchPage(target, rules(true));
    expect(page.outcome).toBe("ok");
    expect(page.body).toContain('"ok":true');
  });

  it("are refused when not allowed", async () => {
    const page = await fetchPage(target, rules(false));
    expect(page.outcome).toBe("blocked");
  });

  it("ALLOW_PRIVATE_TARGETS is honoured only in development", () => {
    const dev = loadConfig({ ENVIRONMENT: "development", ALLOW_PRIVATE_TARGETS: "true" } as Env);
    const prod = loadConfig({
      ENVIRONMENT: "production",
      PUBLIC_ORIGIN: "https://prospector.example.com",
      ALLOW_PRIVATE_TARGETS: "true",
    } as Env);
    expect(dev.allowPrivateTargets).toBe(true);
    expect(prod.allowPrivateTargets).toBe(false);
  });
});
