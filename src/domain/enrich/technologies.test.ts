import { describe, expect, it } from "vitest";
import { FINGERPRINTS } from "./fingerprints.ts";
import { pageSignals } from "./page-signals.ts";
import { siteFacts } from "./site-facts.ts";
import { siteSecurity } from "./site-security.ts";
import { detectTechnologies, type HomeResponse } from "./technologies.ts";

const page = (html: string) => pageSignals(html, "https://acme.com/");
const response = (headers: Record<string, string> = {}, cookies: string[] = []): HomeResponse => ({
  url: "https://acme.com/",
  headers,
  cookies,
});

/** A hand-written page with nothing but content: no technology may be claimed from it. */
const plainPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Acme Anvils</title>
<meta name="description" content="Anvils, React-proof since 1949. We ship to WordPress fans and Shopify sellers.">
<link rel="stylesheet" href="/styles/site.css"><script src="/js/main.js"></script></head>
<body><header><nav><a href="/">Home</a> <a href="/about">About</a></nav></header>
<main><h1>Anvils for every workshop</h1><p>Our team reviews every order. Mention "stripe" or "google analytics"
in your message and we will still just read it.</p><ul class="products"><li>Classic</li><li>Heavy</li></ul></main>
<footer><p>&copy; Acme Ltd, London</p></footer></body></html>`;

describe("detectTechnologies", () => {
  it("claims nothing for a plain page served plainly", () => {
    expect(detectTechnologies(response({ "content-type": "text/html" }), [page(plainPage)])).toEqual([]);
  });

  it.each([
    ['<meta name="generator" content="WordPress 6.5.2">', "WordPress"],
    ['<link rel="stylesheet" href="/wp-content/themes/acme/style.css">', "WordPress"],
    ['<html data-wf-site="64a1" data-wf-page="64b2">', "Webflow"],
    ['<script src="https://cdn.shopify.com/s/files/1/theme.js"></script>', "Shopify"],
    [
      '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123XYZ"></script>',
      "Google Analytics",
    ],
    [
      "<script>(function(w,d,s,l,i){})(window,document,'script','dataLayer','GTM-K7PQ2R');</script>",
      "Google Tag Manager",
    ],
    ['<script id="hs-script-loader" async defer src="//js.hs-scripts.com/4321.js"></script>', "HubSpot"],
    ["<script>window.intercomSettings = { app_id: 'abc' };</script>", "Intercom"],
    ['<script src="https://js.stripe.com/v3/"></script>', "Stripe"],
    ['<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js"></script>', "OneTrust"],
    ['<script id="__NEXT_DATA__" type="application/json">{}</script>', "Next.js"],
    ['<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>', "jQuery"],
    ['<script src="https://static.hotjar.com/c/hotjar-123.js?sv=6"></script>', "Hotjar"],
    ['<script>_linkedin_partner_id = "12345";</script>', "LinkedIn Insight Tag"],
    ['<a href="https://boards.greenhouse.io/acme">Jobs</a>', "Greenhouse"],
  ])("finds %s -> %s", (snippet, name) => {
    expect(detectTechnologies(null, [page(`<html><head></head><body>${snippet}</body></html>`)])).toContain(
      name,
    );
  });

  it("adds what a technology implies", () => {
    const found = detectTechnologies(null, [page('<script src="/_next/static/chunks/main.js"></script>')]);
    expect(found).toEqual(["Next.js", "React"]);
  });

  it("reads headers and cookie names", () => {
    const found = detectTechnologies(
      response({ server: "cloudflare", "cf-ray": "8a1b-FRA", "x-powered-by": "PHP/8.2.1" }, [
        "__cf_bm=abc; path=/; HttpOnly",
        "hubspotutk=123; Path=/",
      ]),
      [],
    );
    expect(found).toEqual(["Cloudflare", "HubSpot", "PHP"]);
    expect(
      detectTechnologies(response({ via: "1.1 abc.cloudfront.net (CloudFront)", server: "nginx/1.25" }), []),
    ).toEqual(["Amazon CloudFront", "Nginx"]);
  });

  it("has unique names and at least 100 technologies", () => {
    const names = FINGERPRINTS.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThanOrEqual(100);
  });
});

describe("siteSecurity", () => {
  it("reads HTTPS, HSTS and the security headers present", () => {
    expect(
      siteSecurity(
        response({
          "strict-transport-security": "max-age=31536000; includeSubDomains",
          "content-security-policy": "default-src 'self'",
          "x-content-type-options": "nosniff",
          "referrer-policy": "strict-origin",
        }),
      ),
    ).toEqual({
      https: true,
      hsts: true,
      security_headers: ["Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"],
    });
  });

  it("does not count HSTS over http or with max-age=0", () => {
    const sts = { "strict-transport-security": "max-age=31536000" };
    expect(siteSecurity({ ...response(sts), url: "http://acme.com/" })).toMatchObject({
      https: false,
      hsts: false,
    });
    expect(siteSecurity(response({ "strict-transport-security": "max-age=0" })).hsts).toBe(false);
  });
});

describe("siteFacts", () => {
  it("is unknown (null), not empty, without a crawled home page", () => {
    expect(siteFacts("acme.com", { home: null, pages: [] })).toMatchObject({
      https: null,
      hsts: null,
      security_headers: null,
      technologies: null,
      social: null,
      name: null,
    });
  });
});
