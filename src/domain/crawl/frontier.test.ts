import { describe, expect, it } from "vitest";
import { CrawlFrontier, type FrontierOptions } from "./frontier.ts";

const HOME = "https://acme.com/";

/** Hands out everything left, as "url@depth". */
function drain(frontier: CrawlFrontier): string[] {
  const out: string[] = [];
  for (let next = frontier.next(); next !== null; next = frontier.next())
    out.push(`${next.url}@${next.depth}`);
  return out;
}

function frontierWith(hrefs: string[], options: Partial<FrontierOptions> = {}): CrawlFrontier {
  const frontier = new CrawlFrontier({ domain: "acme.com", ...options });
  frontier.next(); // the home page
  frontier.addLinks(
    hrefs.map((href) => ({ href })),
    HOME,
    0,
  );
  return frontier;
}

describe("CrawlFrontier", () => {
  it("starts with the home page of the normalised domain", () => {
    const frontier = new CrawlFrontier({ domain: "https://www.Acme.com/about" });
    expect(frontier.pending).toBe(1);
    expect(frontier.next()).toEqual({ url: HOME, depth: 0 });
    expect(frontier.handedOut).toBe(1);
    expect(frontier.next()).toBeNull();
  });

  it("hands out by priority: people and contact pages first, then shallower, then discovery order", () => {
    const frontier = frontierWith([
      "/blog/2024/launch",
      "/products",
      "/privacy",
      "/impressum",
      "/some-page",
      "/about",
      "/team",
      "/other-page",
      "/careers",
    ]);
    expect(drain(frontier)).toEqual([
      "https://acme.com/team@1",
      "https://acme.com/impressum@1",
      "https://acme.com/about@1",
      "https://acme.com/careers@1",
      "https://acme.com/some-page@1",
      "https://acme.com/other-page@1",
      "https://acme.com/products@1",
      "https://acme.com/blog/2024/launch@1",
      "https://acme.com/privacy@1",
    ]);
  });

  it("prefers the shallower of two equally scored pages", () => {
    const frontier = frontierWith(["/x"]);
    frontier.addLinks([{ href: "/team" }], "https://acme.com/x", 1);
    frontier.addLinks([{ href: "/kontakt" }], HOME, 0);
    frontier.addLinks([{ href: "/contact" }], "https://acme.com/x", 1);
    expect(drain(frontier)).toEqual([
      "https://acme.com/team@2",
      "https://acme.com/kontakt@1",
      "https://acme.com/contact@2",
      "https://acme.com/x@1",
    ]);
  });

  it("never hands out the same page twice (fragments, tracking, slashes, case, www, http)", () => {
    const frontier = frontierWith([
      "/team",
      "/team/",
      "/team#jane",
      "/team?utm_source=newsletter&fbclid=x",
      "//ACME.com/team",
      "https://www.acme.com/team",
      "http://acme.com/team",
      "/team/index.html",
      "/",
      "https://www.acme.com/",
      "/index.html",
    ]);
    expect(drain(frontier)).toEqual(["https://acme.com/team@1"]);
    frontier.addLinks([{ href: "/team" }, { href: "/" }], "https://acme.com/team", 1);
    expect(frontier.pending).toBe(0);
  });

  it("refuses links outside the domain, non-http links and assets", () => {
    const frontier = frontierWith([
      "https://other.com/team",
      "https://acme.com.evil.net/team",
      "https://notacme.com/team",
      "mailto:jane@acme.com",
      "tel:+4912345",
      "javascript:void(0)",
      "https://user:pw@acme.com/team",
      "/brochure.pdf",
      "/img/team.jpg",
      "https://jobs.acme.com/careers",
      "https://www.acme.com/kontakt",
    ]);
    expect(drain(frontier)).toEqual(["https://www.acme.com/kontakt@1", "https://jobs.acme.com/careers@1"]);
  });

  it("applies the robots filter to every URL, the home page included", () => {
    const seenByRobots: string[] = [];
    const isAllowed = (url: string) => {
      seenByRobots.push(url);
      return !new URL(url).pathname.startsWith("/private");
    };
    const frontier = frontierWith(["/private/team", "/team", "/private"], { isAllowed });
    expect(drain(frontier)).toEqual(["https://acme.com/team@1"]);
    expect(seenByRobots).toContain(HOME);

    const blocked = new CrawlFrontier({ domain: "acme.com", isAllowed: () => false });
    expect(blocked.next()).toBeNull();
  });

  it.each([
    [undefined, 25],
    [3, 3],
    [0, 1],
    [-5, 1],
    [500, 100],
    [Number.NaN, 1],
  ])("maxPages %s hands out at most %s pages", (maxPages, expected) => {
    const hrefs = Array.from({ length: 150 }, (_, i) => `/page-${i}`);
    const frontier = new CrawlFrontier({ domain: "acme.com", maxPages });
    frontier.addLinks(
      hrefs.map((href) => ({ href })),
      HOME,
      0,
    );
    expect(drain(frontier)).toHaveLength(expected);
    expect(frontier.handedOut).toBe(expected);
    expect(frontier.next()).toBeNull();
  });

  it.each([
    [0, ["https://acme.com/@0"]],
    [1, ["https://acme.com/@0", "https://acme.com/a@1"]],
    [2, ["https://acme.com/@0", "https://acme.com/a@1", "https://acme.com/b@2"]],
    [
      undefined,
      ["https://acme.com/@0", "https://acme.com/a@1", "https://acme.com/b@2", "https://acme.com/c@3"],
    ],
  ])("maxDepth %s limits link hops", (maxDepth, expected) => {
    const frontier = new CrawlFrontier({ domain: "acme.com", maxDepth });
    const fetched: string[] = [];
    const chain: Record<string, string> = { "/": "/a", "/a": "/b", "/b": "/c", "/c": "/d", "/d": "/e" };
    for (let next = frontier.next(); next !== null; next = frontier.next()) {
      fetched.push(`${next.url}@${next.depth}`);
      const path = new URL(next.url).pathname;
      frontier.addLinks([{ href: chain[path] ?? "/" }], next.url, next.depth);
    }
    expect(fetched).toEqual(expected);
  });

  it("moves a queued page up when it is found again with better anchor text or closer to home", () => {
    const frontier = frontierWith(["/p/1", "/p/2"]);
    frontier.addLinks([{ href: "/p/2", text: "Unser Team" }], "https://acme.com/p/1", 1);
    expect(drain(frontier)).toEqual(["https://acme.com/p/2@1", "https://acme.com/p/1@1"]);
  });

  it("uses anchor text to rank opaque URLs", () => {
    const frontier = new CrawlFrontier({ domain: "acme.com" });
    frontier.next();
    frontier.addLinks(
      [
        { href: "/node/7", text: "Read more" },
        { href: "/node/8", text: "Ansprechpartner" },
      ],
      HOME,
      0,
    );
    expect(frontier.next()?.url).toBe("https://acme.com/node/8");
  });

  it("takes only people and contact pages from the sitemap, at depth 1", () => {
    const frontier = new CrawlFrontier({ domain: "acme.com" });
    frontier.addSitemapUrls([
      "https://acme.com/blog/post-1",
      "https://acme.com/de/impressum",
      "https://acme.com/products/widget",
      "https://acme.com/unternehmen/team",
      "https://other.com/team",
      "not a url",
      "https://acme.com/privacy",
    ]);
    expect(drain(frontier)).toEqual([
      "https://acme.com/@0",
      "https://acme.com/unternehmen/team@1",
      "https://acme.com/de/impressum@1",
    ]);
  });

  it("ignores sitemap hints when depth 1 is out of reach", () => {
    const frontier = new CrawlFrontier({ domain: "acme.com", maxDepth: 0 });
    frontier.addSitemapUrls(["https://acme.com/team"]);
    expect(frontier.pending).toBe(1);
  });

  it("keeps subdomains of the company in scope", () => {
    const frontier = new CrawlFrontier({ domain: "foo.co.uk" });
    frontier.next();
    frontier.addLinks([{ href: "https://www.foo.co.uk/team" }, { href: "https://bar.co.uk/team" }], HOME, 0);
    expect(drain(frontier)).toEqual(["https://www.foo.co.uk/team@1"]);
  });

  it("accepts reserved test domains only when asked", () => {
    expect(() => new CrawlFrontier({ domain: "acme.test" })).toThrow(/reserved/);
    expect(() => new CrawlFrontier({ domain: "co.uk" })).toThrow(/public suffix/);
    const frontier = new CrawlFrontier({ domain: "acme.test", allowReservedNames: true });
    expect(frontier.next()).toEqual({ url: "https://acme.test/", depth: 0 });
  });

  it("resolves relative links against the page they were found on", () => {
    const frontier = new CrawlFrontier({ domain: "acme.com" });
    frontier.next();
    frontier.addLinks([{ href: "../kontakt/" }, { href: "team" }], "https://acme.com/de/unternehmen/", 1);
    expect(drain(frontier)).toEqual([
      "https://acme.com/de/unternehmen/team@2",
      "https://acme.com/de/kontakt/@2",
    ]);
  });

  it("hands out URLs as the site spells them and normalises only to deduplicate", () => {
    const frontier = frontierWith([
      "/Team/index.html?utm_source=x#jane",
      "/Team",
      "/team/",
      "https://www.acme.com/kontakt/",
      "/kontakt",
    ]);
    expect(drain(frontier)).toEqual([
      "https://acme.com/Team/index.html?utm_source=x@1",
      "https://acme.com/team/@1",
      "https://www.acme.com/kontakt/@1",
    ]);
  });

  it("checks robots on the site's spelling, so an allowed spelling of a refused page still gets in", () => {
    const checked: string[] = [];
    const isAllowed = (url: string) => {
      checked.push(url);
      return !new URL(url).pathname.startsWith("/team/");
    };
    const frontier = new CrawlFrontier({ domain: "acme.com", isAllowed });
    frontier.next();
    expect(frontier.addLinks([{ href: "/team/" }, { href: "/team/" }, { href: "/team" }], HOME, 0)).toEqual([
      "https://acme.com/team/",
    ]);
    expect(checked).toContain("https://acme.com/team/");
    expect(drain(frontier)).toEqual(["https://acme.com/team@1"]);
    // Reported once per spelling, not each time the link is found again.
    expect(frontier.addLinks([{ href: "/team/" }], "https://acme.com/kontakt", 1)).toEqual([]);
    expect(frontier.addSitemapUrls(["https://acme.com/team/jane"])).toEqual(["https://acme.com/team/jane"]);
  });
});
