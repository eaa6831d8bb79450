/**
 * People in what site builders and themes emit, as the second outside corpus
 * (test/fixtures/web-outside-2) showed them (issue 16): page-level classes that
 * look like a banner's, fields in side-by-side spans, icons between texts, a
 * name link opening a line, eyebrow titles, alternating rows, page sections,
 * staff tables read by their header, template cards, microdata, and titles
 * with qualifiers, slashes and credentials.
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

const box = (name: string, title: string) =>
  `<div class="widget image-box"><h3 class="box-title">${name}</h3><p class="box-description">${title}</p></div>`;

describe("page-level classes", () => {
  it("reads a page whose <body> carries a consent plugin's state class (cookies-not-set)", () => {
    const found = people(
      `<main>${box("Owen Pritchard", "Director, Air Quality &amp; Acoustics")}${box("Tom Aldridge", "Senior Hydrogeologist")}</main>
       <div id="cookie-notice" class="cookie-notice-hidden"><p>Anna Cookie, Consent Manager</p></div>`,
      "page cookies-not-set elementor-page",
    );
    expect(found).toEqual([
      ["Owen Pritchard", "Director, Air Quality & Acoustics"],
      ["Tom Aldridge", "Senior Hydrogeologist"],
    ]);
  });
});

describe("page-level classes, again", () => {
  it("reads a page whose <body> carries a style setting naming quotes (Squarespace's tweak-quote-block-…)", () => {
    const caption = (name: string, title: string) =>
      `<div class="sqs-block image-block"><figure class="sqs-block-image-figure"><img alt="" src="/p.jpg"><figcaption class="image-caption-wrapper"><div class="image-caption"><p><strong>${name}</strong></p><p>${title}</p></div></figcaption></figure></div>`;
    expect(
      people(
        `<main>${caption("Marta Alcaraz Sol", "Arquitecta · Socia fundadora")}${caption("Joan Martí Ferran", "Interiorismo y visualización 3D")}${caption("María José Llorens Gil", "Administración y RR. HH.")}</main>`,
        "tweak-social-icons-style-regular tweak-quote-block-alignment-center",
      ),
    ).toEqual([
      ["Joan Martí Ferran", "Interiorismo y visualización 3D"],
      ["María José Llorens Gil", "Administración y RR. HH."],
      ["Marta Alcaraz Sol", "Arquitecta · Socia fundadora"],
    ]);
  });
});

describe("lines the markup runs together", () => {
  it("splits a name and a title written in side-by-side spans (Avada's person-name / person-title)", () => {
    const person = (name: string, title: string) =>
      `<div class="fusion-person"><div class="person-author-wrapper"><span class="person-name">${name}</span><span class="person-title">${title}</span></div></div>`;
    expect(
      people(
        `<main>${person("Gregory Hale", "President &amp; Broker-in-Charge")}${person("Rachel Bow", "Move-In / Move-Out Coordinator")}</main>`,
      ),
    ).toEqual([
      ["Gregory Hale", "President & Broker-in-Charge"],
      ["Rachel Bow", "Move-In / Move-Out Coordinator"],
    ]);
  });

  it("reads an icon between two texts as a gap, and a word glued onto an address's end as not its own", () => {
    const found = extract(
      `<div class="top-bar"><span class="mini-contacts phone"><i class="fa-fw icon-phone-bold"></i>0521 98 76 54-0</span><span class="mini-contacts email"><i class="fa-fw icon-mail-bold"></i>info@acme.test</span><span class="mini-contacts clock">Mo–Fr 7–17 Uhr</span></div>`,
    );
    expect(found.emails.map((e) => e.email)).toEqual(["info@acme.test"]);
  });

  it("gives a linked name that opens a line its own line (Joomla's contact list: <a>Name</a> Title)", () => {
    const row = (slug: string, name: string, title: string) =>
      `<li class="row cat-list-row"><div class="list-title"><a href="/team/${slug}">\n ${name}</a>\n ${title}<br>\n Montpellier</div><div class="col">Tél. : 04 67 58 21 41</div></li>`;
    expect(
      people(
        `<ul class="category-list">${row("claire", "Claire Fabre", "Géomètre-Expert, gérante")}${row("nicolas", "Nicolas Sabatier", "Géomètre-Expert associé – Foncier &amp; copropriété")}</ul>`,
      ),
    ).toEqual([
      ["Claire Fabre", "Géomètre-Expert, gérante"],
      ["Nicolas Sabatier", "Géomètre-Expert associé – Foncier & copropriété"],
    ]);
  });

  it("keeps a linked name inside a sentence in the sentence", () => {
    const found = people(
      `<p><a href="/team/maria">Maria Lopez</a> leads our finance team as CFO.</p><p>Founded by <a href="/team/tom">Tom Berg</a> in 2009.</p>`,
    );
    expect(found).toEqual([["Maria Lopez", "CFO"]]);
  });
});

describe("cards", () => {
  it("takes an eyebrow title above the name, never the next card's title", () => {
    const item = (title: string, name: string) =>
      `<div role="listitem" class="team-item w-dyn-item"><img alt="" src="/p.jpg"><div class="team-role">${title}</div><h3 class="team-name">${name}</h3><div class="team-links"><a href="#"><img alt="" src="/mail.svg"></a></div></div>`;
    expect(
      people(
        `<div role="list" class="w-dyn-items">${item("Oprichter &amp; directeur", "Daan Meer")}${item("Senior energieadviseur (EPA-W, NTA 8800)", "Noor Bakker")}${item("Projectleider warmtenetten", "Thijs Oost")}${item("Afstudeerstagiair (HU, Bouwkunde)", "Milan Verhoef")}</div>`,
      ),
    ).toEqual([
      ["Daan Meer", "Oprichter & directeur"],
      ["Milan Verhoef", "Afstudeerstagiair (HU, Bouwkunde)"],
      ["Noor Bakker", "Senior energieadviseur (EPA-W, NTA 8800)"],
      ["Thijs Oost", "Projectleider warmtenetten"],
    ]);
  });

  it("never takes a back link ('← All leadership') as the title of a bio page's photo column", () => {
    const found = people(`<div class="row">
      <div class="span5 widget-span widget-type-custom_widget"><img alt="Daniel Kowal" src="/d.jpg"></div>
      <div class="span7 widget-span widget-type-custom_widget"><div class="bio"><a class="bio__back" href="/leadership">&larr; All leadership</a><h1>Daniel Kowal</h1><p>Co-Founder &amp; CTO</p></div></div>
    </div>`);
    expect(found).toEqual([["Daniel Kowal", "Co-Founder & CTO"]]);
  });

  it("groups alternating rows (media on the left, then on the right) as one grid", () => {
    const row = (right: boolean, name: string, title: string) =>
      `<div class="wp-block-media-text alignwide${right ? " has-media-on-the-right" : ""} is-stacked-on-mobile"><figure class="wp-block-media-text__media"><img alt="${name}" src="/x.jpg"></figure><div class="wp-block-media-text__content"><h3>${name}</h3><p><strong>${title}</strong></p><p>Seit 2012 in der Praxis.</p></div></div>`;
    expect(
      people(
        `<main>${row(false, "Dr. med. Katrin Wend", "Fachärztin für Allgemeinmedizin")}${row(true, "Dr. med. Jörg Albers", "Facharzt für Innere Medizin (hausärztlich), Diabetologe DDG")}</main>`,
      ),
    ).toEqual([
      ["Jörg Albers", "Facharzt für Innere Medizin (hausärztlich), Diabetologe DDG"],
      ["Katrin Wend", "Fachärztin für Allgemeinmedizin"],
    ]);
  });

  it("reads page sections of one kind that name a person beside a known title, among sections about other things", () => {
    const section = (inner: string) =>
      `<section class="shopify-section section"><div class="content">${inner}</div></section>`;
    const person = (title: string, name: string) =>
      section(
        `<p class="caption">${title}</p><h2 class="heading">${name}</h2><div class="rte"><p>She develops every scent in the line.</p></div>`,
      );
    const found = people(
      `<main>${section("<h1>Our story</h1><p>Started in 2017 on a borrowed stovetop.</p>")}${person("Founder &amp; Head Chandler", "Maren Oak")}${person("Co-founder, Operations &amp; Wholesale", "Theo Oak")}${section("<h2>What we care about</h2><p>Soy and beeswax.</p>")}${section("<h2>Visit the studio</h2><p>Open Saturdays.</p>")}${section("<p>Free shipping over $60</p>")}</main>`,
    );
    expect(found).toEqual([
      ["Maren Oak", "Founder & Head Chandler"],
      ["Theo Oak", "Co-founder, Operations & Wholesale"],
    ]);
  });

  it("drops a team widget's template card ('Jean Dupont' over 'Titre du poste'), keeps the real ones", () => {
    const card = (name: string, title: string) =>
      `<div class="team-member"><h4>${name}</h4><p>${title}</p></div>`;
    expect(
      people(
        `<div class="team">${card("Lise Morvan", "Fondatrice &amp; paysagiste conceptrice")}${card("Bastien Roux", "Chef de chantier")}${card("Jean Dupont", "Titre du poste")}${card("John Doe", "Job Title")}</div>`,
      ),
    ).toEqual([
      ["Bastien Roux", "Chef de chantier"],
      ["Lise Morvan", "Fondatrice & paysagiste conceptrice"],
    ]);
  });

  it("takes a title-shaped slot joining two fields with '&' ('Büro & Terminplanung')", () => {
    const card = (name: string, title: string) =>
      `<div class="wpb_text_column"><div class="wpb_wrapper"><h4>${name}</h4><p>${title}<br>Tel. 0521 98 76 54-0</p></div></div>`;
    expect(
      people(
        `<div class="vc_row">${card("Thomas Kramer", "Geschäftsführer, Dachdeckermeister")}${card("Natalia Wisz", "Büro &amp; Terminplanung")}</div>`,
      ),
    ).toEqual([
      ["Natalia Wisz", "Büro & Terminplanung"],
      ["Thomas Kramer", "Geschäftsführer, Dachdeckermeister"],
    ]);
  });
});

describe("cards with eyebrows", () => {
  it("takes an eyebrow above the name when an address follows the name, and an ALL-CAPS title is no shouted name", () => {
    const item = (title: string, name: string, mail: string) =>
      `<div class="repeater-item"><p class="font_8">${title}</p><h3 class="font_4">${name}</h3><p><a href="mailto:${mail}">${mail}</a></p></div>`;
    expect(
      people(
        `<div class="repeater">${item("Aankoopmakelaar", "Pieter van der Lind", "pieter@acme.test")}${item("Register Makelaar (RM) &amp; Register Taxateur (RT)", "Annelies van Dyk", "annelies@acme.test")}${item("SACHVERSTÄNDIGE FÜR IMMOBILIENBEWERTUNG (DEKRA D1)", "Jana Wiesing", "jana@acme.test")}</div>`,
      ),
    ).toEqual([
      ["Annelies van Dyk", "Register Makelaar (RM) & Register Taxateur (RT)"],
      ["Jana Wiesing", "SACHVERSTÄNDIGE FÜR IMMOBILIENBEWERTUNG (DEKRA D1)"],
      ["Pieter van der Lind", "Aankoopmakelaar"],
    ]);
  });
});

describe("rows of cards", () => {
  it("never reads a row as one card when its names stand over titles no lexicon knows", () => {
    const column = (name: string, title: string) =>
      `<div class="et_pb_column et_pb_column_1_3"><div class="et_pb_team_member"><div class="et_pb_team_member_description"><h4 class="et_pb_module_header">${name}</h4><p class="et_pb_member_position">${title}</p><div><p>Colegiada desde 2011.</p></div></div></div></div>`;
    const row = (cells: string) => `<div class="et_pb_row">${cells}</div>`;
    expect(
      people(
        `<div class="et_pb_section">${row(column("Dra. Lucía Aren", "Directora médica") + column("Dr. Javier Mont", "Cirujano oral y maxilofacial"))}${row(column("Dra. Ana Belén Ruiz Ocaña", "Endodoncista") + column("Dra. María del Carmen Sot", "Odontopediatra") + column("Nerea Galind", "Higienista dental"))}${row("<h2>Horario</h2><p>Lunes a viernes</p>")}</div>`,
      ),
    ).toEqual([
      ["Ana Belén Ruiz Ocaña", "Endodoncista"],
      ["Javier Mont", "Cirujano oral y maxilofacial"],
      ["Lucía Aren", "Directora médica"],
      ["María del Carmen Sot", "Odontopediatra"],
      ["Nerea Galind", "Higienista dental"],
    ]);
  });
});

describe("posts in a loop", () => {
  it("groups WordPress loop items whose term classes differ per post", () => {
    const item = (id: number, term: string, name: string, title: string) =>
      `<div class="elementor e-loop-item e-loop-item-${id} post-${id} equipo type-equipo status-publish hentry especialidad-${term}"><h3 class="elementor-heading-title">${name}</h3><div class="elementor-widget-container"><p>${title}</p></div></div>`;
    expect(
      people(
        `<div class="elementor-loop-container elementor-grid">${item(530, "medicina-interna", "Lucía Ferrer Antó", "Directora clínica")}${item(531, "exoticos", "María José Pardo Quinta", "Veterinaria de animales exóticos (aves, reptiles y pequeños mamíferos)")}${item(532, "recepcion", "Carmen de la Fuente Rui", "Recepción y atención al cliente")}</div>`,
      ),
    ).toEqual([
      ["Carmen de la Fuente Rui", "Recepción y atención al cliente"],
      ["Lucía Ferrer Antó", "Directora clínica"],
      ["María José Pardo Quinta", "Veterinaria de animales exóticos (aves, reptiles y pequeños mamíferos)"],
    ]);
  });
});

describe("staff tables", () => {
  it("reads the title from the column headed Title, past a department cell spanning rows", () => {
    const found =
      people(`<table><thead><tr><th>Department</th><th>Name</th><th>Title</th><th>Direct</th></tr></thead><tbody>
      <tr><td rowspan="2">Tax Services</td><td>Gordon Pember, CPA</td><td>Managing Partner</td><td>(614) 555-0140 x101</td></tr>
      <tr><td>Alicia Shawn, CPA, MST</td><td>Partner, Tax &amp; Estate Planning</td><td>(614) 555-0140 x102</td></tr>
      <tr><td rowspan="2">Audit</td><td>Devon Marshe, EA</td><td>Senior Tax Associate</td><td>(614) 555-0140 x107</td></tr>
      <tr><td>Hyun-woo Park</td><td>Payroll Clerk (seasonal)</td><td>(614) 555-0140 x111</td></tr>
    </tbody></table>`);
    expect(found).toEqual([
      ["Alicia Shawn", "Partner, Tax & Estate Planning"],
      ["Devon Marshe", "Senior Tax Associate"],
      ["Gordon Pember", "Managing Partner"],
      ["Hyun-woo Park", "Payroll Clerk (seasonal)"],
    ]);
  });

  it("takes a department column as the title when the table has no title column", () => {
    const found =
      people(`<table class="cm_table"><tbody><tr><th>Bereich</th><th>Name</th><th>Telefon</th></tr>
      <tr><td>Verkauf Traktoren &amp; Erntetechnik (Fendt, Claas)</td><td><strong>Michael Eber</strong></td><td>08331 92 47-11</td></tr>
      <tr><td>Ersatzteile / Lager</td><td><strong>Andreas Horn</strong></td><td>08331 92 47-20</td></tr>
      <tr><td>Buchhaltung</td><td><strong>Christine Wagner</strong></td><td>08331 92 47-40</td></tr>
    </tbody></table>`);
    expect(found).toEqual([
      ["Andreas Horn", "Ersatzteile / Lager"],
      ["Christine Wagner", "Buchhaltung"],
      ["Michael Eber", "Verkauf Traktoren & Erntetechnik (Fendt, Claas)"],
    ]);
  });
});
