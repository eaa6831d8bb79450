import { describe, expect, it } from "vitest";
import { sizeBucket, sizeFromEmployees } from "./company-size.ts";
import { countryCode } from "./countries.ts";
import { classifyIndustry } from "./industries.ts";
import { organizationFacts, socialProfile } from "./organization.ts";
import { pageSignals } from "./page-signals.ts";

const home = (head: string, body = "") =>
  pageSignals(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`, "https://acme.com/");

const jsonLd = (value: unknown) => `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe("organizationFacts", () => {
  it("reads a JSON-LD Organization: name, description, size, address, industry, social", () => {
    const page = home(
      jsonLd({
        "@context": "https://schema.org",
        "@graph": [
          { "@type": "WebSite", url: "https://acme.com/", name: "Acme website" },
          {
            "@type": "Organization",
            "@id": "https://acme.com/#org",
            name: "Acme Robotics GmbH",
            description: "  Robots for   warehouses. ",
            numberOfEmployees: { "@type": "QuantitativeValue", minValue: 51, maxValue: 200 },
            address: { "@type": "PostalAddress", addressLocality: "München", addressCountry: "Deutschland" },
            keywords: "robotics, warehouse automation, industrial",
            sameAs: ["https://www.linkedin.com/company/acme-robotics/", "https://twitter.com/acmerobots"],
          },
        ],
      }),
    );
    expect(organizationFacts("acme.com", [page])).toEqual({
      name: "Acme Robotics GmbH",
      description: "Robots for warehouses.",
      industry: "Manufacturing & Industrial",
      size: "51-200",
      country: "DE",
      city: "München",
      social: ["https://linkedin.com/company/acme-robotics", "https://twitter.com/acmerobots"],
    });
  });

  it("prefers the organisation on the company's own site over a partner's", () => {
    const page = home(
      jsonLd([
        { "@type": "Organization", name: "Partner Inc", url: "https://partner.com" },
        { "@type": "Corporation", name: "Acme Inc", url: "https://www.acme.com/" },
      ]),
    );
    expect(organizationFacts("acme.com", [page]).name).toBe("Acme Inc");
  });

  it("falls back to meta tags and reads social links on the page, not share buttons", () => {
    const page = home(
      `<meta property="og:site_name" content="Acme"><meta name="description" content="We sell anvils.">
       <meta name="keywords" content="saas, software, crm">`,
      `<a href="https://www.facebook.com/sharer/sharer.php?u=x">share</a>
       <a href="https://twitter.com/intent/tweet?text=x">tweet</a>
       <a href="https://de.linkedin.com/company/acme?trk=footer">LinkedIn</a>
       <a href="https://www.linkedin.com/in/jane-doe">Jane</a>
       <a href="https://github.com/acme">GitHub</a>`,
    );
    expect(organizationFacts("acme.com", [page])).toEqual({
      name: "Acme",
      description: "We sell anvils.",
      industry: "Software & SaaS",
      size: null,
      country: null,
      city: null,
      social: ["https://github.com/acme", "https://linkedin.com/company/acme"],
    });
  });

  it("leaves everything unknown on a page that says nothing", () => {
    expect(organizationFacts("acme.com", [home("<title>Home</title>", "<p>Hello</p>")])).toEqual({
      name: null,
      description: null,
      industry: null,
      size: null,
      country: null,
      city: null,
      social: [],
    });
  });

  it("survives broken JSON-LD", () => {
    const page = home(`<script type="application/ld+json">{ "@type": "Organization", name: </script>`);
    expect(organizationFacts("acme.com", [page]).name).toBeNull();
  });
});

describe("size buckets", () => {
  it.each([
    [1, "1-10"],
    [10, "1-10"],
    [11, "11-50"],
    [200, "51-200"],
    [201, "201-500"],
    [1000, "501-1000"],
    [5000, "1001-5000"],
    [5001, "5001+"],
    [250_000, "5001+"],
    [0, null],
  ])("%d employees -> %s", (n, bucket) => expect(sizeBucket(n)).toBe(bucket));

  it.each([
    ["1,200", "1001-5000"],
    ["11-50", "11-50"],
    ["500+", "201-500"],
    [{ value: 42 }, "11-50"],
    [{ minValue: 10001 }, "5001+"],
    ["many", null],
  ])("numberOfEmployees %j -> %s", (v, bucket) => expect(sizeFromEmployees(v)).toBe(bucket));
});

describe("industry", () => {
  it("takes a schema.org type or NAICS code first", () => {
    expect(classifyIndustry({ types: ["Dentist"], naics: [], keywords: ["software"] })).toBe("Healthcare");
    expect(classifyIndustry({ types: ["Organization"], naics: ["541511"], keywords: [] })).toBe(
      "IT Services & Consulting",
    );
  });

  it("votes by keyword and refuses a tie", () => {
    expect(classifyIndustry({ types: [], naics: [], keywords: ["fintech", "payments", "software"] })).toBe(
      "Financial Services",
    );
    expect(classifyIndustry({ types: [], naics: [], keywords: ["insurance", "software"] })).toBeNull();
    expect(classifyIndustry({ types: [], naics: [], keywords: [] })).toBeNull();
  });
});

describe("country codes", () => {
  it.each([
    ["de", "DE"],
    ["UK", "GB"],
    ["DEU", "DE"],
    ["United States", "US"],
    ["Österreich", "AT"],
    ["Atlantis", null],
  ])("%s -> %s", (v, code) => expect(countryCode(v)).toBe(code));
});

describe("socialProfile", () => {
  it.each([
    ["https://www.linkedin.com/company/acme/about/", "https://linkedin.com/company/acme/about"],
    ["https://x.com/acme", "https://x.com/acme"],
    ["https://www.youtube.com/@acme", "https://youtube.com/@acme"],
    ["https://www.facebook.com/sharer.php?u=1", null],
    ["https://www.instagram.com/p/abc/", null],
    ["/relative", null],
  ])("%s -> %s", (href, profile) => expect(socialProfile(href)).toBe(profile));
});
