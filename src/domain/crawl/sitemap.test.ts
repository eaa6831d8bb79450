import { describe, expect, it } from "vitest";
import { MAX_SITEMAP_URLS, parseSitemap } from "./sitemap.ts";

const URLSET = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url>
    <loc>https://acme.com/</loc>
    <lastmod>2024-01-01</lastmod>
  </url>
  <url>
    <loc>
      https://acme.com/team
    </loc>
    <image:image><image:loc>https://cdn.acme.com/jane.jpg</image:loc></image:image>
  </url>
  <url><loc><![CDATA[https://acme.com/contact?a=1&b=2]]></loc></url>
  <url><loc>https://acme.com/search?q=x&amp;page=2</loc></url>
</urlset>`;

const INDEX = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://acme.com/sitemap-pages.xml</loc><lastmod>2024-01-01</lastmod></sitemap>
  <sitemap>
    <loc>https://acme.com/sitemap-posts.xml.gz</loc>
  </sitemap>
</sitemapindex>`;

describe("parseSitemap", () => {
  it.each([
    [
      "a urlset, ignoring image:loc, with CDATA and entities",
      URLSET,
      {
        urls: [
          "https://acme.com/",
          "https://acme.com/team",
          "https://acme.com/contact?a=1&b=2",
          "https://acme.com/search?q=x&page=2",
        ],
        sitemaps: [],
      },
    ],
    [
      "a sitemap index",
      INDEX,
      { urls: [], sitemaps: ["https://acme.com/sitemap-pages.xml", "https://acme.com/sitemap-posts.xml.gz"] },
    ],
    [
      "namespace prefixes on every element",
      `<sm:urlset xmlns:sm="http://www.sitemaps.org/schemas/sitemap/0.9"><sm:url><sm:loc>https://acme.com/a</sm:loc></sm:url></sm:urlset>`,
      { urls: ["https://acme.com/a"], sitemaps: [] },
    ],
    [
      "upper-case tags and attributes on <url>",
      `<URLSET><URL id="1"><LOC>https://acme.com/b</LOC></URL></URLSET>`,
      { urls: ["https://acme.com/b"], sitemaps: [] },
    ],
    [
      "numeric entities and &apos;",
      `<urlset><url><loc>https://acme.com/&#x75;ber?x=&#49;&amp;y=&apos;</loc></url></urlset>`,
      { urls: ["https://acme.com/uber?x=1&y=%27"], sitemaps: [] },
    ],
    [
      "comments, duplicates, relative and non-http locs",
      `<urlset><!-- <url><loc>https://acme.com/commented</loc></url> -->
       <url><loc>https://acme.com/x</loc></url><url><loc>https://acme.com/x</loc></url>
       <url><loc>/relative</loc></url><url><loc>ftp://acme.com/f</loc></url>
       <url><loc>javascript:alert(1)</loc></url><url><loc></loc></url></urlset>`,
      { urls: ["https://acme.com/x"], sitemaps: [] },
    ],
    [
      "a BOM and a loc outside any entry",
      `\uFEFF<urlset><loc>https://acme.com/stray</loc></urlset>`,
      { urls: ["https://acme.com/stray"], sitemaps: [] },
    ],
    [
      "a plain-text sitemap",
      "https://acme.com/one\r\nhttps://acme.com/two\n\nnot a url\n",
      { urls: ["https://acme.com/one", "https://acme.com/two"], sitemaps: [] },
    ],
    ["an HTML error page", "<html><body><h1>404</h1></body></html>", { urls: [], sitemaps: [] }],
    ["an empty string", "", { urls: [], sitemaps: [] }],
    [
      "an unclosed comment hiding the rest",
      `<urlset><url><loc>https://acme.com/a</loc></url><!-- <url><loc>https://acme.com/b</loc></url>`,
      { urls: ["https://acme.com/a"], sitemaps: [] },
    ],
  ])("%s", (_name, xml, expected) => {
    expect(parseSitemap(xml)).toEqual(expected);
  });

  it(`keeps at most ${MAX_SITEMAP_URLS} URLs`, () => {
    const entries = Array.from(
      { length: MAX_SITEMAP_URLS + 50 },
      (_, i) => `<url><loc>https://acme.com/p${i}</loc></url>`,
    );
    const { urls } = parseSitemap(`<urlset>${entries.join("")}</urlset>`);
    expect(urls).toHaveLength(MAX_SITEMAP_URLS);
    expect(urls[0]).toBe("https://acme.com/p0");
  });

  it("stays fast on hostile input", () => {
    const start = Date.now();
    parseSitemap(`<urlset>${"<loc><![CDATA[".repeat(20000)}${" ".repeat(200000)}<loc>`);
    parseSitemap(`<urlset>${"<!--".repeat(50000)}`);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});
