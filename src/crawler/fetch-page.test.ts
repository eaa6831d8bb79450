import { describe, expect, it } from "vitest";
import { charsetOf, fetchPage } from "./fetch-page.ts";

const latin1 = (text: string) => Uint8Array.from(text, (ch) => ch.charCodeAt(0));
const rules = (fetcher: typeof fetch) => ({
  policy: { allowPrivate: true, resolver: { resolve: async () => [] } },
  userAgent: "ProspectorBot",
  inScope: () => true,
  fetcher,
});

describe("charsetOf", () => {
  it("takes the header first, then a meta tag, else UTF-8", () => {
    expect(charsetOf(latin1("<p>x</p>"), "text/html; charset=ISO-8859-1")).toBe("iso-8859-1");
    expect(charsetOf(latin1('<meta charset="windows-1252"><p>x</p>'), "text/html")).toBe("windows-1252");
    expect(
      charsetOf(latin1('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'), null),
    ).toBe("iso-8859-1");
    expect(charsetOf(latin1("<p>x</p>"), "text/html")).toBe("utf-8");
  });
});

describe("fetchPage", () => {
  it("decodes a Latin-1 page declared by its header", async () => {
    const body = latin1("<p>Jörg Müller</p>");
    const page = await fetchPage(
      "http://kanzlei.test/",
      rules(async () => new Response(body, { headers: { "Content-Type": "text/html; charset=ISO-8859-1" } })),
    );
    expect(page.body).toBe("<p>Jörg Müller</p>");
  });

  it("skips content that is not HTML without reading it", async () => {
    const page = await fetchPage(
      "http://a.test/file.pdf",
      rules(async () => new Response("%PDF", { headers: { "Content-Type": "application/pdf" } })),
    );
    expect(page).toMatchObject({ outcome: "not_html", body: null });
  });

  it("stops after five redirects", async () => {
    let hops = 0;
    const loop: typeof fetch = async () => {
      hops += 1;
      return new Response(null, { status: 301, headers: { Location: `/hop-${hops}` } });
    };
    const page = await fetchPage("http://a.test/", rules(loop));
    expect(page.outcome).toBe("too_many_redirects");
    expect(page.redirects).toHaveLength(5);
  });

  it("asks robots.txt before every request, redirect hops included, and stops at a disallowed hop", async () => {
    const asked: string[] = [];
    const requested: string[] = [];
    const site: typeof fetch = async (input) => {
      requested.push(String(input));
      return new Response(null, { status: 301, headers: { Location: "https://b.test/private/" } });
    };
    const page = await fetchPage("http://a.test/team", {
      ...rules(site),
      robots: async (url) => {
        asked.push(url.href);
        return url.pathname.startsWith("/private/")
          ? `robots.txt of ${url.hostname} disallows ${url.href}`
          : null;
      },
    });
    expect(asked).toEqual(["http://a.test/team", "https://b.test/private/"]);
    expect(requested).toEqual(["http://a.test/team"]);
    expect(page).toMatchObject({
      outcome: "robots_disallowed",
      status: 301,
      finalUrl: "https://b.test/private/",
      detail: "redirect not followed: robots.txt of b.test disallows https://b.test/private/",
    });
  });
});
