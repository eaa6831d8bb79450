/**
 * CRAWL_ORIGIN_OVERRIDE: sample sites on loopback reachable by their own
 * names in local development, and nowhere else.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseOriginOverrides } from "../config.ts";
import type { Env } from "../env.ts";
import { fetchPage, routeFetch } from "./fetch-page.ts";

const overrides = parseOriginOverrides("*.test=http://127.0.0.1:8790, shop.example=http://127.0.0.1:8791/");

describe("parseOriginOverrides", () => {
  it("reads suffix and exact rules, origins without a trailing slash", () => {
    expect(overrides).toEqual([
      { hosts: "*.test", origin: "http://127.0.0.1:8790" },
      { hosts: "shop.example", origin: "http://127.0.0.1:8791" },
    ]);
    expect(parseOriginOverrides("")).toEqual([]);
  });

  it.each([
    "*.test",
    "*.test=ftp://127.0.0.1:21",
    "*.test=http://127.0.0.1:8790/sites",
    "*.test=http://user:pw@127.0.0.1:8790",
    "a b=http://127.0.0.1:1",
  ])("refuses %j", (text) => {
    expect(() => parseOriginOverrides(text)).toThrow(ConfigError);
  });
});

describe("loadConfig: CRAWL_ORIGIN_OVERRIDE", () => {
  const override = "*.test=http://127.0.0.1:8790";
  it("is honoured only in development with ALLOW_PRIVATE_TARGETS", () => {
    const dev = {
      ENVIRONMENT: "development",
      ALLOW_PRIVATE_TARGETS: "true",
      CRAWL_ORIGIN_OVERRIDE: override,
    };
    expect(loadConfig(dev as Env).crawlOriginOverrides).toHaveLength(1);
    expect(loadConfig({ ...dev, ALLOW_PRIVATE_TARGETS: "false" } as Env).crawlOriginOverrides).toEqual([]);
    expect(
      loadConfig({ ...dev, ENVIRONMENT: "production", PUBLIC_ORIGIN: "https://p.example" } as Env)
        .crawlOriginOverrides,
    ).toEqual([]);
  });

  it("is still checked in production: a bad value is a deployment error", () => {
    expect(() => loadConfig({ CRAWL_ORIGIN_OVERRIDE: "nonsense" } as Env)).toThrow(/CRAWL_ORIGIN_OVERRIDE/);
  });
});

describe("routeFetch", () => {
  it("sends matching hosts to the origin with the site's host and scheme forwarded", () => {
    expect(routeFetch(new URL("https://www.acme.test/team/?p=2"), overrides)).toEqual({
      url: "http://127.0.0.1:8790/team/?p=2",
      headers: { "X-Forwarded-Host": "www.acme.test", "X-Forwarded-Proto": "https" },
    });
    expect(routeFetch(new URL("http://test/"), overrides).url).toBe("http://127.0.0.1:8790/");
    expect(routeFetch(new URL("http://shop.example/a"), overrides).url).toBe("http://127.0.0.1:8791/a");
  });

  it("leaves every other host alone", () => {
    for (const url of [
      "https://acme.com/",
      "https://notatest/",
      "https://sub.shop.example/",
      "https://a.testing/",
    ]) {
      expect(routeFetch(new URL(url), overrides)).toEqual({ url, headers: {} });
    }
  });
});

describe("fetchPage with origin overrides", () => {
  const seen: { url: string; host: string | null }[] = [];
  const origin: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    seen.push({ url: String(input), host: headers.get("X-Forwarded-Host") });
    if (String(input).endsWith("/old"))
      return new Response(null, { status: 301, headers: { Location: "/new" } });
    return new Response("<p>hello</p>", { headers: { "Content-Type": "text/html" } });
  };
  const rules = (allowPrivate: boolean) => ({
    policy: { allowPrivate, resolver: { resolve: async () => ["93.184.216.34"] } },
    userAgent: "ProspectorBot",
    inScope: () => true,
    fetcher: origin,
    originOverrides: overrides,
  });

  it("fetches from the origin but reports the site's own URLs", async () => {
    seen.length = 0;
    const page = await fetchPage("https://acme.test/old", rules(true));
    expect(page).toMatchObject({
      outcome: "ok",
      finalUrl: "https://acme.test/new",
      redirects: ["https://acme.test/new"],
    });
    expect(seen).toEqual([
      { url: "http://127.0.0.1:8790/old", host: "acme.test" },
      { url: "http://127.0.0.1:8790/new", host: "acme.test" },
    ]);
  });

  it("is ignored unless private targets are allowed", async () => {
    seen.length = 0;
    await fetchPage("https://acme.test/", rules(false));
    expect(seen).toEqual([{ url: "https://acme.test/", host: null }]);
  });
});
