import { describe, expect, it } from "vitest";
import {
  isAllowedByRobots,
  isPathAllowed,
  MAX_ROBOTS_BYTES,
  parseRobots,
  robotsFromFetch,
} from "./robots.ts";

// RFC 9309 section 5.1.
const RFC_EXAMPLE = `User-Agent: *
Disallow: *.gif$
Disallow: /example/
Allow: /publications/

User-Agent: foobot
Disallow:/
Allow:/example/page.html
Allow:/example/allowed.gif

User-Agent: barbot
User-Agent: bazbot
Disallow: /example/page.html

User-Agent: quxbot

EOF`;

const allowed = (robots: string, agent: string, path: string) =>
  isPathAllowed(parseRobots(robots), agent, path);

describe("parseRobots", () => {
  it("groups consecutive user-agent lines and drops lines before the first group", () => {
    const rules = parseRobots(`Disallow: /orphan\nSitemap: https://acme.com/sitemap.xml\n${RFC_EXAMPLE}`);
    expect(rules.sitemaps).toEqual(["https://acme.com/sitemap.xml"]);
    expect(rules.groups).toEqual([
      {
        agents: ["*"],
        rules: [
          { allow: false, path: "*.gif$" },
          { allow: false, path: "/example/" },
          { allow: true, path: "/publications/" },
        ],
      },
      {
        agents: ["foobot"],
        rules: [
          { allow: false, path: "/" },
          { allow: true, path: "/example/page.html" },
          { allow: true, path: "/example/allowed.gif" },
        ],
      },
      { agents: ["barbot", "bazbot"], rules: [{ allow: false, path: "/example/page.html" }] },
      { agents: ["quxbot"], rules: [] },
    ]);
  });

  it("tolerates BOM, CRLF, CR, comments, unknown directives, typos and missing colons", () => {
    const text =
      "\uFEFFUser-agent: ProspectorBot/1.0 # our bot\r\n" +
      "Crawl-delay: 5\r\n" +
      "Disalow: /typo\r" +
      "Disallow /no-colon\r\n" +
      "  ALLOW :  /open  \r\n" +
      "# just a comment\r\n" +
      "Noindex: /x\r\n" +
      "Disallow: relative\r\n" +
      "Site-map: https://acme.com/s.xml\r\n";
    expect(parseRobots(text)).toEqual({
      groups: [
        {
          agents: ["prospectorbot"],
          rules: [
            { allow: false, path: "/typo" },
            { allow: false, path: "/no-colon" },
            { allow: true, path: "/open" },
            { allow: false, path: "/relative" },
          ],
        },
      ],
      sitemaps: ["https://acme.com/s.xml"],
    });
  });

  it("ignores everything past 500 KiB, including the cut-off line", () => {
    const filler = `# ${"x".repeat(1000)}\n`.repeat(Math.ceil(MAX_ROBOTS_BYTES / 1003));
    const rules = parseRobots(`User-agent: *\nDisallow: /early\n${filler}Disallow: /late\n`);
    expect(rules.groups[0]?.rules).toEqual([{ allow: false, path: "/early" }]);
  });

  it("returns no groups for an empty or garbage file", () => {
    expect(parseRobots("")).toEqual({ groups: [], sitemaps: [] });
    expect(parseRobots("<html><body>Not found</body></html>")).toEqual({ groups: [], sitemaps: [] });
  });
});

describe("isPathAllowed: RFC 9309 example", () => {
  it.each([
    ["foobot", "/example/page.html", true],
    ["foobot", "/example/allowed.gif", true],
    ["foobot", "/example/other.html", false],
    ["foobot", "/", false],
    ["FooBot/2.1 (+https://foo.example)", "/example/page.html", true],
    ["barbot", "/example/page.html", false],
    ["bazbot", "/example/page.html", false],
    ["barbot", "/example/", true], // barbot has its own group, so the "*" rules do not apply
    ["barbot", "/image.gif", true],
    ["quxbot", "/example/", true], // an empty group allows everything
    ["otherbot", "/example/", false],
    ["otherbot", "/example/anything", false],
    ["otherbot", "/image.gif", false],
    ["otherbot", "/image.gif?size=2", true], // "$" anchors the end of the path with query
    ["otherbot", "/publications/", true],
    ["otherbot", "/", true],
    ["otherbot", "/robots.txt", true],
  ])("%s %s -> %s", (agent, path, expected) => {
    expect(allowed(RFC_EXAMPLE, agent, path)).toBe(expected);
  });
});

describe("isPathAllowed: precedence and patterns", () => {
  it.each([
    // longest match wins (RFC 9309 5.2)
    ["Allow: /example/page/\nDisallow: /example/page/disallowed.gif", "/example/page/", true],
    ["Allow: /example/page/\nDisallow: /example/page/disallowed.gif", "/example/page/disallowed.gif", false],
    ["Disallow: /\nAllow: /team", "/team/jane", true],
    ["Disallow: /\nAllow: /team", "/contact", false],
    ["Allow: /\nDisallow: /private", "/private/x", false],
    // ties: Allow wins
    ["Disallow: /page\nAllow: /page", "/page", true],
    ["Allow: /page\nDisallow: /page", "/page", true],
    ["Disallow: /*.php\nAllow: /page.php", "/page.php", true],
    // empty disallow allows everything; no rules allow everything
    ["Disallow:", "/anything", true],
    ["Disallow: \nAllow:", "/anything", true],
    // wildcards
    ["Disallow: /path/file-with-a-*.html", "/path/file-with-a-wildcard.html", false],
    ["Disallow: /path/file-with-a-*.html", "/path/file-with-a-.html", false],
    ["Disallow: /*/private", "/en/private/x", false],
    ["Disallow: /*/private", "/private", true],
    ["Disallow: /**x", "/abcx", false],
    ["Disallow: /*?session=", "/team?session=1", false],
    ["Disallow: /*?session=", "/team", true],
    // end anchors
    ["Disallow: /path/foo-$", "/path/foo-", false],
    ["Disallow: /path/foo-$", "/path/foo-bar", true],
    ["Disallow: /$", "/", false],
    ["Disallow: /$", "/team", true],
    ["Disallow: /a$b", "/a$b", false], // "$" is only special at the end
    // percent-encoding compared normalised
    ["Disallow: /~joe", "/%7Ejoe/index.html", false],
    ["Disallow: /%7ejoe", "/~joe", false],
    ["Disallow: /foo/bar?baz=quz", "/foo/bar?baz=quz", false],
    ["Disallow: /fööbar", "/f%C3%B6%C3%B6bar", false],
    ["Disallow: /f%c3%b6%c3%b6bar", "/fööbar", false],
    ["Disallow: /path/file-with-a-%2A.html", "/path/file-with-a-*.html", false],
    ["Disallow: /path/file-with-a-%2A.html", "/path/file-with-a-x.html", true],
    ["Disallow: /path/foo-%24", "/path/foo-$", false],
    ["Disallow: /path/foo-%24", "/path/foo-", true],
    // RFC 9309 2.2.2: escaped unreserved characters are decoded, escaped reserved ones are not
    ["Disallow: /foo/bar/%62%61%7A", "/foo/bar/baz", false],
    ["Disallow: /foo/bar/baz", "/foo/bar/%62%61%7a", false],
    ["Disallow: /foo/bar/ツ", "/foo/bar/%E3%83%84", false],
    ["Disallow: /a%2Fb", "/a/b", true],
    ["Disallow: /a/b", "/a%2Fb", true],
    ["Disallow: /a%2fb", "/a%2Fb", false],
    ["Disallow: /search?q=a%26b", "/search?q=a&b", true],
    ["Disallow: /search?q=a%26b", "/search?q=a%26b", false],
    // characters a URL must escape match their escapes (the URL parser writes "{" as "%7B")
    ["Disallow: /a{b}", "/a%7Bb%7D", false],
    ["Disallow: /a b", "/a%20b", false],
    ["Disallow: /100%", "/100%25", false],
    // case-sensitive paths
    ["Disallow: /Private", "/private", true],
    // robots.txt itself is always reachable
    ["Disallow: /", "/robots.txt", true],
    ["Disallow: /", "/robots.txt?x=1", true],
    ["Disallow: /", "", false],
  ])("%j on %s -> %s", (rules, path, expected) => {
    expect(allowed(`User-agent: *\n${rules}`, "prospectorbot", path)).toBe(expected);
  });
});

describe("isPathAllowed: user-agent matching", () => {
  const FILE = `User-agent: *
Disallow: /

User-agent: ProspectorBot
Disallow: /private

User-agent: Prospector
Disallow: /other

user-agent: PROSPECTORBOT/2.0
Disallow: /secret
`;

  it.each([
    ["ProspectorBot", "/team", true],
    ["prospectorbot/1.0", "/team", true],
    ["ProspectorBot/1.0 (+https://prospector.dev/bot)", "/team", true],
    ["prospectorbot", "/private", false],
    ["prospectorbot", "/secret", false], // groups naming the same agent are merged
    ["prospectorbot", "/other", true], // "prospector" is a different product token
    ["Prospector/3", "/other", false],
    ["Prospector/3", "/private", true],
    ["SomeOtherBot/1.0", "/team", false],
    ["", "/team", false],
  ])("%s %s -> %s", (agent, path, expected) => {
    expect(allowed(FILE, agent, path)).toBe(expected);
  });

  it("merges several * groups and allows everything without any matching group", () => {
    const merged =
      "User-agent: *\nDisallow: /a\n\nUser-agent: x\nDisallow: /\n\nUser-agent: *\nDisallow: /b\n";
    expect(allowed(merged, "prospectorbot", "/a")).toBe(false);
    expect(allowed(merged, "prospectorbot", "/b")).toBe(false);
    expect(allowed(merged, "prospectorbot", "/c")).toBe(true);
    expect(allowed("User-agent: googlebot\nDisallow: /\n", "prospectorbot", "/c")).toBe(true);
  });

  it("stays fast on pathological wildcard patterns", () => {
    const rules = parseRobots(`User-agent: *\nDisallow: /${"*a".repeat(200)}b\n`);
    const start = Date.now();
    expect(isPathAllowed(rules, "prospectorbot", `/${"a".repeat(5000)}`)).toBe(true);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});

describe("robotsFromFetch", () => {
  it.each([
    [{ status: 200, body: "User-agent: *\nDisallow: /x" }, "parsed"],
    [{ status: 204 }, "parsed"],
    [{ status: 301 }, "allow_all"],
    [{ status: 102 }, "disallow_all"],
    [{ status: 400 }, "allow_all"],
    [{ status: 401 }, "allow_all"],
    [{ status: 403 }, "allow_all"],
    [{ status: 404 }, "allow_all"],
    [{ status: 410 }, "allow_all"],
    [{ status: 429 }, "disallow_all"],
    [{ status: 500 }, "disallow_all"],
    [{ status: 503 }, "disallow_all"],
    [{ error: "DNS lookup failed" }, "disallow_all"],
  ] as const)("%j -> %s", (outcome, mode) => {
    const decision = robotsFromFetch(outcome);
    expect(decision.mode).toBe(mode);
    expect(decision.rules === null).toBe(mode !== "parsed");
    if (mode !== "parsed") expect(decision.reason).toBeTruthy();
  });

  it("explains failures in the reason", () => {
    expect(robotsFromFetch({ status: 503 }).reason).toMatch(/503/);
    expect(robotsFromFetch({ error: "timeout" }).reason).toMatch(/timeout/);
  });

  it.each([
    [robotsFromFetch({ status: 200, body: "User-agent: *\nDisallow: /x" }), "/x", false],
    [robotsFromFetch({ status: 200, body: "User-agent: *\nDisallow: /x" }), "/y", true],
    [robotsFromFetch({ status: 404 }), "/x", true],
    [robotsFromFetch({ status: 500 }), "/x", false],
    [robotsFromFetch({ error: "reset" }), "/", false],
  ])("isAllowedByRobots(%j, %s) -> %s", (decision, path, expected) => {
    expect(isAllowedByRobots(decision, "ProspectorBot", path)).toBe(expected);
  });
});
