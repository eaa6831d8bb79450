/**
 * Company enrichment end to end in the Workers runtime: a real crawl of a
 * small site (served by an injected fetcher), then enrichAfterCrawl with the
 * production clients over recorded DoH, RDAP and Wayback answers, into D1.
 */
import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Config, loadConfig } from "../../../src/config.ts";
import { crawlDomain, type DomainCrawl } from "../../../src/crawler/crawl-domain.ts";
import { createDatabase } from "../../../src/db/client.ts";
import { companies } from "../../../src/db/schema.ts";
import type { Env } from "../../../src/env.ts";
import { enrichAfterCrawl } from "../../../src/services/enrich/enrich-after-crawl.ts";
import { recordedFetch } from "../../fixtures/enrich/recorded.ts";

const db = createDatabase(env.DB);
const config = (vars: Partial<Env> = {}): Config =>
  loadConfig({ ENVIRONMENT: "development", ...vars } as Env);

const homeHtml = `<!doctype html><html><head><title>Contoso</title>
<meta name="description" content="Contoso builds logistics software.">
<script type="application/ld+json">${JSON.stringify({
  "@context": "https://schema.org",
  "@type": "Organization",
  name: "Contoso Ltd",
  url: "https://contoso.com/",
  numberOfEmployees: { "@type": "QuantitativeValue", value: 340 },
  keywords: ["software", "saas", "logistics"],
  sameAs: ["https://www.linkedin.com/company/contoso"],
})}</script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-8XK2P4Q1ZM"></script>
<script src="/_next/static/chunks/main-1a2b.js"></script></head>
<body><div id="__next"><h1>Contoso</h1><p>Software for logistics teams, used by hundreds of carriers.</p>
<a href="/about">About us</a><a href="/blog">Blog</a></div></body></html>`;

const aboutHtml = `<!doctype html><html><head><title>About</title>
<script type="application/ld+json">${JSON.stringify({
  "@type": "Organization",
  name: "Contoso Ltd",
  url: "https://contoso.com/",
  address: { "@type": "PostalAddress", addressLocality: "Reading", addressCountry: "GB" },
})}</script></head><body><h1>About Contoso</h1><p>Founded in 1994 in Reading.</p>
<script src="https://js.hs-scripts.com/4321.js"></script></body></html>`;

/** contoso.com's site (robots.txt absent, home, about, blog) in front of the recorded services. */
function siteAndServices() {
  const services = recordedFetch();
  const site = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== "contoso.com") return services.fetch(input, init);
    const html = (body: string) =>
      new Response(body, {
        headers: {
          "Content-Type": "text/html; charset=utf-8",
          Server: "cloudflare",
          "CF-Ray": "8f1c2a3b4d5e6f70-LHR",
          "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
          "X-Frame-Options": "SAMEORIGIN",
          "X-Content-Type-Options": "nosniff",
          "Set-Cookie": "__cf_bm=abc; path=/; HttpOnly; Secure",
        },
      });
    if (url.pathname === "/") return html(homeHtml);
    if (url.pathname === "/about") return html(aboutHtml);
    if (url.pathname === "/blog") return html("<html><body><p>Posts</p></body></html>");
    return new Response("not found", { status: 404 });
  };
  return { services, fetcher: site as typeof fetch };
}

async function crawlContoso(fetcher: typeof fetch): Promise<DomainCrawl> {
  return crawlDomain(
    {
      domain: "contoso.com",
      userAgent: "ProspectorBot",
      policy: { allowPrivate: false, resolver: { resolve: async () => ["93.184.215.14"] } },
      maxPages: 5,
    },
    { db, fetcher, renderer: null },
  );
}

describe("the crawl exposes what enrichment needs", () => {
  it("keeps the home page's final URL, headers and cookies, and the home and about pages' HTML", async () => {
    const { fetcher } = siteAndServices();
    const crawl = await crawlContoso(fetcher);
    expect(crawl.status).toBe("done");
    expect(crawl.site.home).toMatchObject({
      url: "https://contoso.com/",
      headers: expect.objectContaining({ server: "cloudflare", "x-frame-options": "SAMEORIGIN" }),
      cookies: ["__cf_bm=abc; path=/; HttpOnly; Secure"],
    });
    expect(crawl.site.pages.map((p) => p.url)).toEqual(["https://contoso.com/", "https://contoso.com/about"]);
  });
});

describe("enrichAfterCrawl", () => {
  it("stores the company from the site, DNS, RDAP and Wayback", async () => {
    const { fetcher, services } = siteAndServices();
    const crawl = await crawlContoso(fetcher);
    const company = await enrichAfterCrawl(db, config(), crawl, {
      fetcher: services.fetch,
      now: () => new Date("2025-02-01T10:00:00Z"),
    });
    expect(company).toMatchObject({
      domain: "contoso.com",
      name: "Contoso Ltd",
      description: "Contoso builds logistics software.",
      industry: "Software & SaaS",
      size: "201-500",
      country: "GB",
      city: "Reading",
      social: ["https://linkedin.com/company/contoso"],
      technologies: ["Cloudflare", "Google Analytics", "HubSpot", "Next.js", "React"],
      mx_provider: "Microsoft 365",
      m365_tenant: "contoso-com",
      spf: expect.stringMatching(/^-all include:spf\.protection\.outlook\.com/),
      dmarc: "reject",
      accepts_mail: true,
      https: true,
      hsts: true,
      security_headers: ["X-Frame-Options", "X-Content-Type-Options"],
      domain_created_at: "1994-02-18T05:00:00.000Z",
      first_capture_at: "1996-12-20T23:32:27.000Z",
      enriched_at: "2025-02-01T10:00:00.000Z",
    });
    const rows = await db.select().from(companies).where(eq(companies.domain, "contoso.com"));
    expect(rows).toHaveLength(1);
  });

  it("keeps earlier facts when a later enrichment lacks them, and does not ask RDAP or Wayback again", async () => {
    const { fetcher, services } = siteAndServices();
    await enrichAfterCrawl(db, config(), await crawlContoso(fetcher), { fetcher: services.fetch });
    const later = recordedFetch({ failHosts: ["cloudflare-dns.com"] });
    const company = await enrichAfterCrawl(
      db,
      config(),
      { domain: "contoso.com", site: { home: null, pages: [] } },
      { fetcher: later.fetch },
    );
    expect(company).toMatchObject({
      name: "Contoso Ltd",
      technologies: expect.arrayContaining(["Cloudflare", "HubSpot"]),
      security_headers: ["X-Frame-Options", "X-Content-Type-Options"],
      mx_provider: "Microsoft 365",
      domain_created_at: "1994-02-18T05:00:00.000Z",
      first_capture_at: "1996-12-20T23:32:27.000Z",
    });
    expect(
      later.count("rdap.verisign.com") + later.count("data.iana.org") + later.count("web.archive.org"),
    ).toBe(0);
    expect(await db.select().from(companies).where(eq(companies.domain, "contoso.com"))).toHaveLength(1);
  });

  it("leaves RDAP and Wayback facts unknown when the settings turn them off", async () => {
    const web = recordedFetch();
    const company = await enrichAfterCrawl(
      db,
      config({ ENRICH_RDAP: "false", ENRICH_WAYBACK: "false" }),
      { domain: "northwind-traders.com", site: { home: null, pages: [] } },
      { fetcher: web.fetch },
    );
    expect(company).toMatchObject({
      mx_provider: "Google Workspace",
      dmarc: "quarantine",
      domain_created_at: null,
      first_capture_at: null,
      https: null,
      technologies: [],
    });
    expect(web.requests.every((r) => r.startsWith("https://cloudflare-dns.com/"))).toBe(true);
  });

  it("returns null and logs when storing fails, instead of failing the domain", async () => {
    const warnings: unknown[] = [];
    const log = {
      warn: (msg: string, fields?: Record<string, unknown>) => warnings.push({ msg, ...fields }),
    } as unknown as import("../../../src/lib/logger.ts").Logger;
    const broken = {
      ...db,
      select: () => {
        throw new Error("D1 is down");
      },
    } as unknown as typeof db;
    const company = await enrichAfterCrawl(
      broken,
      config(),
      { domain: "contoso.com", site: { home: null, pages: [] } },
      {
        fetcher: recordedFetch().fetch,
        log,
      },
    );
    expect(company).toBeNull();
    expect(warnings).toEqual([
      { msg: "company enrichment failed", domain: "contoso.com", error: "D1 is down" },
    ]);
  });
});
