/** The SSRF guard on crawler fetches, with DNS answers recorded for private, loopback and metadata targets. */
import { describe, expect, it } from "vitest";
import { fetchPage } from "../../../src/crawler/fetch-page.ts";
import { DohResolver } from "../../../src/crawler/resolver.ts";
import { crawl } from "./helpers.ts";

const rules = (fetcher?: typeof fetch) => ({
  policy: { allowPrivate: false, resolver: new DohResolver() },
  userAgent: "ProspectorBot",
  inScope: () => true,
  ...(fetcher ? { fetcher } : {}),
});

describe("SSRF guard", () => {
  it.each([
    ["intranet-leak.test", /private/],
    ["loopback-leak.test", /loopback/],
    ["metadata-leak.test", /metadata/],
    ["cgnat-leak.test", /cgnat/],
    ["v6-leak.test", /private/],
    ["mapped-leak.test", /private/],
    ["mixed-leak.test", /private/],
    ["nowhere.test", /does not resolve/],
  ])("refuses %s, whose name resolves to a non-public address", async (domain, reason) => {
    const result = await crawl(domain);
    expect(result.status).not.toBe("done");
    expect(result.log.map((l) => l.message).join("\n")).toMatch(reason);
  });

  it.each([
    ["http://127.0.0.1/", /IP-address/],
    ["http://[::1]/", /IP-address/],
    ["http://2130706433/", /IP-address/],
    ["http://localhost/", /internal name/],
    ["http://metadata.google.internal/", /internal name/],
    ["http://bergmann-maschinenbau.test:8080/", /port 8080/],
    ["http://user:secret@bergmann-maschinenbau.test/", /credentials/],
    ["ftp://bergmann-maschinenbau.test/", /only http and https/],
  ])("refuses %s", async (url, reason) => {
    const page = await fetchPage(url, rules());
    expect(page.outcome).toBe("blocked");
    expect(page.detail).toMatch(reason);
  });

  it("checks every redirect hop again", async () => {
    const redirecting: typeof fetch = async (input) =>
      String(input).includes("bergmann")
        ? new Response(null, {
            status: 302,
            headers: { Location: "http://metadata-leak.test/latest/meta-data/" },
          })
        : new Response("secret", { headers: { "Content-Type": "text/html" } });
    const page = await fetchPage("https://bergmann-maschinenbau.test/", rules(redirecting));
    expect(page).toMatchObject({
      outcome: "blocked",
      redirects: ["http://metadata-leak.test/latest/meta-data/"],
    });
  });

  it("lets public sites through", async () => {
    const page = await fetchPage("https://bergmann-maschinenbau.test/", rules());
    expect(page.outcome).toBe("ok");
  });
});
