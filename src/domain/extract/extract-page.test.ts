import { describe, expect, it } from "vitest";
import { encodeCloudflareEmail } from "./cfemail.ts";
import { extractPage } from "./extract-page.ts";

const page = (body: string, head = "") =>
  `<!doctype html><html><head><title>Team</title>${head}</head><body>${body}</body></html>`;
const run = (html: string, domain = "acme.test") =>
  extractPage({ html, url: `https://${domain}/team`, domain });
const emails = (html: string, domain?: string) =>
  run(html, domain)
    .emails.map((e) => e.email)
    .sort();

describe("extractPage: addresses", () => {
  it("reads every source of addresses", () => {
    const html = page(`
      <a href="mailto:Anna.Mueller@acme.test?subject=Hi%20there">Mail Anna</a>
      <p>Sales: sales@acme.test</p>
      <span data-email="ben.berg@acme.test">Ben</span>
      <a class="__cf_email__" data-cfemail="${encodeCloudflareEmail("cara.cole@acme.test")}">[email&#160;protected]</a>
      <a href="/cdn-cgi/l/email-protection#${encodeCloudflareEmail("dan.dunn@acme.test", 0x13)}">mail</a>
      <p>eva [at] acme [dot] test</p>
      <p>fred&#64;acme&period;test</p>
      <span style="unicode-bidi: bidi-override; direction: rtl;">tset.emca@oguh</span>
      <bdo dir="rtl">tset.emca@ari</bdo>
      <script>var u = 'jane'; var d = 'acme.test'; document.write('<a href="mailto:' + u + '@' + d + '">x</a>');</script>
      <script type="application/ld+json">{"@type":"Organization","email":"press@acme.test"}</script>`);
    expect(emails(html)).toEqual([
      "anna.mueller@acme.test",
      "ben.berg@acme.test",
      "cara.cole@acme.test",
      "dan.dunn@acme.test",
      "eva@acme.test",
      "fred@acme.test",
      "hugo@acme.test",
      "ira@acme.test",
      "jane@acme.test",
      "press@acme.test",
      "sales@acme.test",
    ]);
  });

  it("rejects assets, placeholders, third parties, comments and form placeholders", () => {
    const html = page(`
      <img src="/img/logo@2x.png" alt="logo@2x.png">
      <input type="email" placeholder="you@domain.com">
      <p>Example: name@example.com</p>
      <p>Site by webmaster@agency.test</p>
      <!-- old: legacy@acme.test -->
      <a class="__cf_email__" data-cfemail="zz12">[email protected]</a>
      <p>Real: office@acme.test</p>`);
    const result = run(html);
    expect(result.emails.map((e) => e.email)).toEqual(["office@acme.test"]);
    expect(result.rejected).toEqual(
      expect.arrayContaining([
        { email: "logo@2x.png", reason: expect.stringMatching(/asset|implausible/) },
        { email: "name@example.com", reason: "placeholder" },
        { email: "webmaster@agency.test", reason: "third_party" },
      ]),
    );
  });

  it("accepts a sibling mail domain of the same brand", () => {
    const html = page(`<a href="mailto:lena@acme-group.test">Lena</a> <a href="mailto:x@other.test">x</a>`);
    const result = run(html);
    expect(result.emails.map((e) => e.email)).toEqual(["lena@acme-group.test"]);
    expect(result.mailDomains).toEqual(["acme-group.test"]);
  });

  it("classifies generic and personal addresses", () => {
    const result = run(page(`<p>info@acme.test</p><p>k.schmidt@acme.test</p>`));
    expect(Object.fromEntries(result.emails.map((e) => [e.email, e.type]))).toEqual({
      "info@acme.test": "generic",
      "k.schmidt@acme.test": "personal",
    });
  });
});

describe("extractPage: people", () => {
  it("reads team cards with titles and their own addresses", () => {
    const card = (name: string, title: string, email?: string) =>
      `<div class="team-member"><img src="x.jpg" alt=""><h3>${name}</h3><p class="role">${title}</p>${
        email ? `<a href="mailto:${email}">Email</a>` : ""
      }<a href="https://www.linkedin.com/in/x">LinkedIn</a></div>`;
    const html = page(`<nav><ul><li><a href="/">Home</a></li><li><a href="/team">Our Team</a></li></ul></nav>
      <section><h2>Our team</h2><div class="grid">
      ${card("Anna Müller", "Chief Executive Officer", "anna.mueller@acme.test")}
      ${card("Jan van der Berg", "Head of Engineering")}
      ${card("Marie-Claire Dubois", "Sales Manager", "marie-claire.dubois@acme.test")}
      </div></section>
      <div id="cookie-banner"><p>Jane Cookie</p><p>Data Protection Officer</p></div>
      <footer><p>John Footer</p><p>Managing Director</p></footer>`);
    const { people } = run(html);
    expect(people.map((p) => [p.name, p.title, p.email])).toEqual([
      ["Anna Müller", "Chief Executive Officer", "anna.mueller@acme.test"],
      ["Jan van der Berg", "Head of Engineering", null],
      ["Marie-Claire Dubois", "Sales Manager", "marie-claire.dubois@acme.test"],
    ]);
    expect(people[1]).toMatchObject({
      first: "Jan",
      last: "van der Berg",
      seniority: "head",
      department: "engineering",
    });
    expect(people[0]!.profiles).toEqual(["https://www.linkedin.com/in/x"]);
  });

  it("reads JSON-LD people, with jobTitle as text or DefinedTerm", () => {
    const ld = {
      "@context": "https://schema.org",
      "@type": "Organization",
      employee: [
        {
          "@type": "Person",
          givenName: "Lea",
          familyName: "Roth",
          jobTitle: "CTO",
          email: "mailto:lea.roth@acme.test",
        },
        { "@type": "Person", name: "Tom Weiss", jobTitle: { "@type": "DefinedTerm", name: "VP Sales" } },
      ],
    };
    const html = page("<p>Hello</p>", `<script type="application/ld+json">${JSON.stringify(ld)}</script>`);
    expect(run(html).people.map((p) => [p.name, p.title, p.email])).toEqual([
      ["Lea Roth", "CTO", "lea.roth@acme.test"],
      ["Tom Weiss", "VP Sales", null],
    ]);
  });

  it("reads h-card and vCard microformats", () => {
    const html = page(`
      <div class="h-card"><span class="p-name">Olga Petrova</span><span class="p-job-title">Product Manager</span>
      <a class="u-email" href="mailto:olga@acme.test">mail</a></div>
      <div class="vcard"><span class="fn">Paul Kern</span><span class="title">IT Administrator</span>
      <span class="email">paul.kern@acme.test</span></div>`);
    expect(run(html).people.map((p) => [p.name, p.title, p.email])).toEqual([
      ["Olga Petrova", "Product Manager", "olga@acme.test"],
      ["Paul Kern", "IT Administrator", "paul.kern@acme.test"],
    ]);
  });

  it("reads 'Name – Title', 'Name, Title' and 'Title: Name' lines", () => {
    const html = page(`<main><h1>Impressum</h1>
      <p>Geschäftsführer: Dr. Klaus Bergmann, Anna Schulz</p>
      <p>Lisa Lang – Head of Marketing</p>
      <p>Peter Paul, Chief Financial Officer</p>
      <p>Registergericht: Amtsgericht München</p></main>`);
    expect(
      run(html)
        .people.map((p) => [p.name, p.title])
        .sort(),
    ).toEqual([
      ["Anna Schulz", "Geschäftsführer"],
      ["Klaus Bergmann", "Geschäftsführer"],
      ["Lisa Lang", "Head of Marketing"],
      ["Peter Paul", "Chief Financial Officer"],
    ]);
  });

  it("links an address shown elsewhere on the page to the person it names", () => {
    const html = page(`<div class="people"><div class="p"><h4>Sara Stein</h4><p>Head of People</p></div>
      <div class="p"><h4>Omar Ali</h4><p>Office Manager</p></div></div><p>Write to sstein@acme.test</p>`);
    const result = run(html);
    expect(result.people.find((p) => p.last === "Stein")?.email).toBe("sstein@acme.test");
    expect(result.emails[0]).toMatchObject({
      email: "sstein@acme.test",
      personName: "Sara Stein",
      type: "personal",
    });
  });

  it("flags a client-rendered shell", () => {
    const shell = page(`<div id="team"></div><script src="/app.js"></script>`);
    expect(run(shell).render).toMatchObject({ emptyAppRoot: true, scripts: 1 });
  });
});

describe("mergeDomainFindings", () => {
  it("prefers a title from structured data or cards over one read from a text line", async () => {
    const { mergeDomainFindings } = await import("./merge.ts");
    const impressum = run(page(`<main><p>Geschäftsführer: Jörg Hartmann</p></main>`));
    const team = run(
      page(
        `<div class="vcard"><span class="fn">Dr. Jörg Hartmann</span><span class="title">Rechtsanwalt und Steuerberater</span></div>`,
      ),
    );
    for (const order of [
      [impressum, team],
      [team, impressum],
    ]) {
      const merged = mergeDomainFindings(
        "acme.test",
        order.map((extraction) => ({ extraction, fetchedAt: "2026-11-22T00:00:00.000Z" })),
      );
      expect(merged.people.map((p) => [p.name, p.title])).toEqual([
        ["Jörg Hartmann", "Rechtsanwalt und Steuerberater"],
      ]);
    }
  });
});
