/**
 * CRAWL_CONNECT_CHECKED_ADDRESS in the Workers runtime: each request (every redirect hop) goes to
 * the address the SSRF guard checked, over a real socket, with the site's name in Host. The checked
 * address is the recorded public one; the socket is then pointed at the fixture web on loopback,
 * which serves sites by their Host header, so a page coming back proves the Host that was sent.
 * There it speaks plain HTTP even for https targets: the fixture web's certificate is self-signed,
 * and workerd verifies certificates against its own trust store (TLS itself is left untested here).
 */
import { env } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import { crawlDomain } from "../../../src/crawler/crawl-domain.ts";
import { type FetchRules, fetchPage } from "../../../src/crawler/fetch-page.ts";
import { fetchPinned, type PinnedTarget, pinnedTarget } from "../../../src/crawler/pinned-connection.ts";
import { DohResolver } from "../../../src/crawler/resolver.ts";
import { createDatabase } from "../../../src/db/client.ts";

const fixturePort = inject("fixtureWebPort");
const toFixtureWeb = (target: PinnedTarget): PinnedTarget => ({
  ...target,
  address: "127.0.0.1",
  port: fixturePort,
  tls: false,
});

function pinnedRules(connectCheckedAddress: boolean) {
  const fetched: string[] = [];
  const pinned: PinnedTarget[] = [];
  const rules: FetchRules = {
    policy: { allowPrivate: false, resolver: new DohResolver(), connectCheckedAddress },
    userAgent: "ProspectorBot",
    inScope: () => true,
    fetcher: (input, init) => {
      fetched.push(String(input));
      return fetch(input, init);
    },
    pinnedFetcher: (target, init) => {
      pinned.push(target);
      return fetchPinned(toFixtureWeb(target), init);
    },
  };
  return { rules, fetched, pinned };
}

describe("connecting to the checked address", () => {
  it("sends the request over a socket with the site's name in Host", async () => {
    const target = pinnedTarget(new URL("http://bergmann-maschinenbau.test/kontakt/"), "127.0.0.1");
    const res = await fetchPinned(
      { ...target, port: fixturePort },
      { headers: { "User-Agent": "ProspectorBot" } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(await res.text()).toContain("bergmann-maschinenbau.test");
  });

  it("pins every hop of a redirect chain to the address checked for it", async () => {
    const { rules, fetched, pinned } = pinnedRules(true);
    const page = await fetchPage("http://www.vandenberg-installatie.test/team", rules);
    expect(page.outcome).toBe("ok");
    expect(page.body).toContain("Ons team");
    expect(fetched).toEqual([]);
    expect(pinned.map((t) => `${t.address}:${t.port} ${t.hostHeader}${t.requestTarget}`)).toEqual([
      "93.184.215.14:80 www.vandenberg-installatie.test/team",
      "93.184.215.14:80 www.vandenberg-installatie.test/over-ons/team",
      "93.184.215.14:80 www.vandenberg-installatie.test/over-ons/ons-team",
      "93.184.215.14:443 www.vandenberg-installatie.test/ons-team/",
    ]);
    expect(pinned.at(-1)).toMatchObject({ tls: true, serverName: "www.vandenberg-installatie.test" });
  });

  it("is off by default: fetch() goes to the name", async () => {
    const { rules, fetched, pinned } = pinnedRules(false);
    const page = await fetchPage("https://bergmann-maschinenbau.test/kontakt/", rules);
    expect(page.outcome).toBe("ok");
    expect(fetched).toEqual(["https://bergmann-maschinenbau.test/kontakt/"]);
    expect(pinned).toEqual([]);
  });

  it("crawls a whole site pinned, robots.txt and the home page's headers included", async () => {
    const pinned: PinnedTarget[] = [];
    const result = await crawlDomain(
      {
        domain: "rossi-advisory.test",
        userAgent: "ProspectorBot",
        policy: { allowPrivate: false, resolver: new DohResolver(), connectCheckedAddress: true },
        allowReservedNames: true,
      },
      {
        db: createDatabase(env.DB),
        renderer: null,
        fetcher: () => Promise.reject(new Error("fetch() must not be used when pinned")),
        pinnedFetcher: (target, init) => {
          pinned.push(target);
          return fetchPinned(toFixtureWeb(target), init);
        },
      },
    );
    expect(result.status).toBe("done");
    expect(result.findings.emails.map((e) => e.email)).toContain("office@rossi-advisory.test");
    expect(result.site.home?.headers["content-type"]).toMatch(/text\/html/);
    expect(pinned.map((t) => t.requestTarget)).toContain("/robots.txt");
    expect(new Set(pinned.map((t) => t.address))).toEqual(new Set(["93.184.215.14"]));
  });
});
