/**
 * robots.txt checked on the URL as it is fetched, on every hop: the fixture site cobalt-ridge.test
 * disallows /team/, links to /team/ and /team (which answers 301 to /team/), and redirects /careers
 * into careers.cobalt-ridge.test/openings/, which that host's own robots.txt disallows.
 */
import { describe, expect, it } from "vitest";
import { crawl } from "./helpers.ts";

describe("robots.txt on the URL that is fetched", () => {
  it("checks a link as the site spells it: Disallow: /team/ keeps /team/ out", async () => {
    const result = await crawl("cobalt-ridge.test");
    expect(result.status).toBe("done");
    const emails = result.findings.emails.map((e) => e.email);
    expect(emails).toContain("hello@cobalt-ridge.test");
    expect(emails).not.toContain("anna.berg@cobalt-ridge.test");
    expect(result.log.filter((l) => l.outcome === "ok" && l.url?.includes("/team"))).toEqual([]);
    const refused = result.log.filter((l) => l.url === "https://cobalt-ridge.test/team/" && !l.outcome);
    expect(refused).toHaveLength(1);
    expect(refused[0]?.message).toMatch(/robots\.txt disallows/);
  });

  it("does not follow a redirect into a disallowed path on the same host", async () => {
    const result = await crawl("cobalt-ridge.test");
    const hop = result.log.find((l) => l.url === "https://cobalt-ridge.test/team");
    expect(hop).toMatchObject({ outcome: "robots_disallowed", status: 301 });
    expect(hop?.message).toContain("https://cobalt-ridge.test/team/");
  });

  it("checks a redirect to another host against that host's robots.txt", async () => {
    const result = await crawl("cobalt-ridge.test");
    expect(result.findings.emails.map((e) => e.email)).not.toContain("jobs@cobalt-ridge.test");
    const hop = result.log.find((l) => l.url === "https://cobalt-ridge.test/careers");
    expect(hop).toMatchObject({ outcome: "robots_disallowed", status: 302 });
    expect(hop?.message).toContain("https://careers.cobalt-ridge.test/openings/");
    expect(result.log.some((l) => l.message.startsWith("robots.txt of careers.cobalt-ridge.test:"))).toBe(
      true,
    );
  });
});
