/**
 * People in the text that site builders' pages hold, as the second outside
 * corpus (test/fixtures/web-outside-2) showed them (issue 16): microdata, lines
 * and line lists, prose roles, bios under names, names with pronouns and
 * post-nominals, and what is never a person (credits, firms, former roles).
 */
import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.ts";

const page = (body: string, bodyClass = "") =>
  `<!doctype html><html><head><title>Team</title></head><body class="${bodyClass}">${body}</body></html>`;
const extract = (body: string, bodyClass = "") =>
  extractPage({ html: page(body, bodyClass), url: "https://acme.test/team", domain: "acme.test" });
const people = (body: string, bodyClass = "") =>
  extract(body, bodyClass)
    .people.map((p) => [p.name, p.title])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe("names with more than a name", () => {
  it("reads names written with pronouns, post-nominals and degrees", () => {
    const card = (name: string, title: string) =>
      `<article class="person"><h3>${name}</h3><p class="role">${title}</p></article>`;
    expect(
      people(
        `<section class="people">${card("Ben Hallor (he/him)", "General Partner")}${card("Sasha Lindq (they/them)", "Principal, Climate &amp; Industrial")}${card("Gareth Pryce-Owe BEng CEng MICE", "Managing Director")}${card("Marloes van der Meeren RA", "Partner | registeraccountant")}${card("Dr. med. dent. Annika Kettel", "Zahnärztin · Implantologie &amp; Parodontologie")}${card("Fiona Maclar BVMS MRCVS", "Clinical Director &amp; Partner")}</section>`,
      ),
    ).toEqual([
      ["Annika Kettel", "Zahnärztin · Implantologie & Parodontologie"],
      ["Ben Hallor", "General Partner"],
      ["Fiona Maclar", "Clinical Director & Partner"],
      ["Gareth Pryce-Owe", "Managing Director"],
      ["Marloes van der Meeren", "Partner | registeraccountant"],
      ["Sasha Lindq", "Principal, Climate & Industrial"],
    ]);
  });
});

describe("bios under names", () => {
  it("reads the role a bio gives, and never hands one person's address to the person above", () => {
    const blurb = (name: string, bio: string, extra = "") =>
      `<div class="et_pb_blurb_description"><h4 class="et_pb_module_header">${name}</h4><p>${bio}</p>${extra}</div>`;
    const found = extract(
      `<div class="et_pb_column">${blurb("Marcus Delan", "Marcus has been buying media since 2012. Today he heads our paid team as Head of Performance Marketing.")}${blurb("Elena Vasquez-Boy", "As our Senior Content Strategist, Elena turns interviews and data into content plans.", "<p>elena [at] acme [dot] test</p>")}</div>`,
    );
    expect(found.people.map((p) => [p.name, p.title, p.email]).sort()).toEqual([
      ["Elena Vasquez-Boy", "Senior Content Strategist", "elena@acme.test"],
      ["Marcus Delan", "Head of Performance Marketing", null],
    ]);
  });

  it("reads Carrd's paragraph spans as lines, so a sentence's last word never joins the next line's address", () => {
    const found = extract(
      `<p class="style3"><span class="p">Talks to every beta shop herself.</span><span class="p">maya (at) acme.test</span></p>`,
    );
    expect(found.emails.map((e) => e.email)).toEqual(["maya@acme.test"]);
  });
});

describe("structured data and text lines", () => {
  it("reads schema.org Person microdata (name, jobTitle)", () => {
    const person = (given: string, family: string, title: string) =>
      `<div class="item" itemscope itemtype="https://schema.org/Person"><dl><dt>Name</dt><dd itemprop="name"><span itemprop="givenName">${given}</span> <span itemprop="familyName">${family}</span></dd><dt>Funktion</dt><dd itemprop="jobTitle">${title}</dd></dl></div>`;
    expect(
      people(
        `<div class="list">${person("Bärbel", "Schmoll", "Kaufmännische Geschäftsführerin")}${person("Josef", "Hubner", "Meister Fernwärme / Bereitschaftsdienst")}</div>`,
      ),
    ).toEqual([
      ["Bärbel Schmoll", "Kaufmännische Geschäftsführerin"],
      ["Josef Hubner", "Meister Fernwärme / Bereitschaftsdienst"],
    ]);
  });

  it("reads 'Name (Title)' inside a sentence, and only with a title in the brackets", () => {
    expect(
      people(
        `<p>Martin Zett (Landmaschinenmechanikermeister) und Benedikt Wolf (Servicetechniker Fendt &amp; Claas) sind für Sie im Außendienst unterwegs.</p><p>Wir bauten 2023 für Familie Jansen (Echten) eine Scheune.</p>`,
      ),
    ).toEqual([
      ["Benedikt Wolf", "Servicetechniker Fendt & Claas"],
      ["Martin Zett", "Landmaschinenmechanikermeister"],
    ]);
  });

  it("keeps a slash and the comma parts that belong to a title on one line", () => {
    expect(
      people(
        `<p><strong>Gert Wolt</strong> &ndash; eigenaar / uitvoerder<br>06 - 51 23 47 89</p><p>Delphine Arcen — Brand, Photography &amp; Social</p><p>Anouk Jans | Binnendienst / orderverwerking | anouk (at) acme.test</p>`,
      ),
    ).toEqual([
      ["Anouk Jans", "Binnendienst / orderverwerking"],
      ["Delphine Arcen", "Brand, Photography & Social"],
      ["Gert Wolt", "eigenaar / uitvoerder"],
    ]);
  });

  it("reads a role written before a name after a possessive ('our CEO Jane Smith', 'unser Geschäftsführer …')", () => {
    expect(
      people(
        `<p>Our CEO Jane Smithe founded the firm in 2009 with two friends from college.</p><p>Unser Geschäftsführer Max Bergen begrüßt Sie gern in unserem Haus.</p><p>Our clients in Berlin and Munich trust us.</p>`,
      ),
    ).toEqual([
      ["Jane Smithe", "CEO"],
      ["Max Bergen", "Geschäftsführer"],
    ]);
  });

  it("reads no person from a list of partners and credits, nor a sentence cut at a comma as a title", () => {
    expect(
      people(
        `<p>Met wie we samenwerken Constructief advies: Ingenieursbureau Smit &amp; Ploeg · Bouwfysica: Adviesbureau Noorderzon · Fotografie: Marloes Timmers</p><p>Backed by Northwind Ventures, Lattice Capital and a group of angels including Priya Natara (former CPO, Meridian News) and Tomás Aguir.</p>`,
      ),
    ).toEqual([]);
  });

  it("reads a list of 'Name, role' lines whole: brackets holding commas, and roles no lexicon knows among known ones", () => {
    expect(
      people(
        `<div class="text"><p>Rafael Montal Ruiz, gestor administrativo colegiado y socio director<br>María Ferrer Gil, asesora fiscal (IRPF, IVA e Impuesto sobre Sociedades)<br>Álvaro de la Fuente Marín, tráfico, transferencias y matriculaciones<br>Inés Robles Pozo, auxiliar administrativa (en prácticas)</p></div>`,
      ),
    ).toEqual([
      ["Álvaro de la Fuente Marín", "tráfico, transferencias y matriculaciones"],
      ["Inés Robles Pozo", "auxiliar administrativa (en prácticas)"],
      ["María Ferrer Gil", "asesora fiscal (IRPF, IVA e Impuesto sobre Sociedades)"],
      ["Rafael Montal Ruiz", "gestor administrativo colegiado y socio director"],
    ]);
  });

  it("never reads a company with a hyphenated legal form ('Krämer Verwaltungs-GmbH') as a person", () => {
    const found = people(
      `<p>Persönlich haftende Gesellschafterin: Krämer Verwaltungs-GmbH</p><p>Geschäftsführer: Thomas Krämer</p>`,
    );
    expect(found.map(([name]) => name)).toEqual(["Thomas Krämer"]);
  });
});
