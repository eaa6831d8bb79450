/**
 * The last misses of the outside corpora's development halves (issue 16, round 10): a registered
 * credential after a name, a title that reads like a name, a contact box in a sidebar, a list line
 * "Name (title): address", grids with titles above the names (a card left in its own row, a title
 * that names a shop), slider slides, Swiss trade titles, relative clauses and bare roles after a
 * verb in prose, and a careers quote signed with a title's field; then round 10's authors: Porto's
 * inline field spans, a contact list whose addresses are written "(at)", a Bootstrap quote's
 * signature, job ads that name a place, a name and title opening a sentence, hyphenated initials.
 */
import { describe, expect, it } from "vitest";
import { isLikelyPersonName } from "../people/names.ts";
import { isLikelyAreaTitle, isLikelyTitle } from "../taxonomy/titles.ts";
import { extractPage } from "./extract-page.ts";
import { peopleOn } from "./test-page.ts";
import { titleBleeds } from "./title-parts.ts";

const people = (body: string) => peopleOn(body);
const card = (name: string, title: string) =>
  `<div class="team-member"><h4 class="team-name">${name}</h4><p class="team-title">${title}</p></div>`;

describe("cards", () => {
  it("drops a credential's registration mark and keeps a title that reads like a name apart from it", () => {
    expect(
      people(
        `<div class="team-grid">${card("Hannah Oduya, CPA, CFP&reg;", "Partner, Tax &amp; Estate Planning")}${card("Piet Alvarsson", "Seasonal Tax Preparer (January&ndash;April)")}${card("Rosa Lindgren", "Audit Manager")}</div>`,
      ),
    ).toEqual([
      ["Hannah Oduya", "Partner, Tax & Estate Planning"],
      ["Piet Alvarsson", "Seasonal Tax Preparer (January–April)"],
      ["Rosa Lindgren", "Audit Manager"],
    ]);
  });

  it("reads a one-person contact box in a sidebar, its title naming a product with a number", () => {
    expect(
      people(
        `<main><p>Wir betreuen Ihre Cloud.</p></main><aside class="widget"><h2 class="widget-title">Ihr Ansprechpartner</h2><div class="ansprechpartner-box"><img src="/p.jpg" alt="Mag. Lorenz Aigner"><p class="ap-name"><strong>Mag. Lorenz Aigner</strong></p><p class="ap-funktion">Consultant Cloud &amp; Microsoft 365</p><p>T: <a href="tel:+4372421">+43 7242 1</a><br>E: <a href="mailto:lorenz.aigner@acme.test">lorenz.aigner@acme.test</a></p></div></aside>`,
      ),
    ).toEqual([["Lorenz Aigner", "Consultant Cloud & Microsoft 365"]]);
  });

  it("reads the line above each name in a grid whose titles stand above the names, a card alone in its row too", () => {
    const member = (title: string, name: string) =>
      `<div class="col-md-4 team-member"><p><img src="/t.jpg" alt="${name}"></p><p class="fonction"><em>${title}</em></p><h3>${name}</h3></div>`;
    expect(
      people(
        `<div class="row">${member("Maître chocolatier &amp; fondateur", "Arnaud Vekemans")}${member("Pâtissière, responsable de l’atelier", "Lise Dumoulin")}${member("Boutique du Châtelain", "Salma Ait Ouali")}</div><div class="row">${member("Cadeaux d’entreprise &amp; expéditions", "Wout Claessens")}</div>`,
      ),
    ).toEqual([
      ["Arnaud Vekemans", "Maître chocolatier & fondateur"],
      ["Lise Dumoulin", "Pâtissière, responsable de l’atelier"],
      ["Salma Ait Ouali", "Boutique du Châtelain"],
      ["Wout Claessens", "Cadeaux d’entreprise & expéditions"],
    ]);
  });

  it("groups a slider's slides whatever their state classes, clones once", () => {
    const slide = (state: string, name: string, title: string) =>
      `<div class="swiper-slide ${state}"><div class="team-card"><h3 class="team-card__name">${name}</h3><p class="team-card__role">${title}</p></div></div>`;
    expect(
      people(
        `<div class="swiper-wrapper">${slide("swiper-slide-active", "Océane Bréhat", "Fondatrice &amp; directrice de création")}${slide("swiper-slide-next", "Gaël Kerbrat", "Directeur conseil, associé")}${slide("", "Yuna Le Floch", "Cheffe de projet")}${slide("swiper-slide-duplicate swiper-slide-duplicate-active", "Océane Bréhat", "Fondatrice &amp; directrice de création")}</div>`,
      ),
    ).toEqual([
      ["Gaël Kerbrat", "Directeur conseil, associé"],
      ["Océane Bréhat", "Fondatrice & directrice de création"],
      ["Yuna Le Floch", "Cheffe de projet"],
    ]);
  });
});

describe("lines and words", () => {
  it("reads 'Name (area y area): address' in a list", () => {
    expect(
      people(
        `<ul><li><strong>Celia Robledo</strong> (responsable comercial): <a href="mailto:crobledo@acme.test">crobledo@acme.test</a></li><li><strong>Iker Zubiri</strong> (atención al cliente y envíos): izubiri (arroba) acme.test</li></ul>`,
      ),
    ).toEqual([
      ["Celia Robledo", "responsable comercial"],
      ["Iker Zubiri", "atención al cliente y envíos"],
    ]);
  });

  it("knows Swiss trade titles and words that are no names", () => {
    for (const t of [
      "Bauzeichnerin EFZ",
      "Geomatiker EFZ",
      "Vermessungszeichner",
      "Staff Engineer, Platform",
    ])
      expect(isLikelyTitle(t), t).toBe(true);
    for (const n of ["Hoy Antonio", "Seasonal Tax Preparer", "Boutique du Sablon"])
      expect(isLikelyPersonName(n), n).toBe(false);
    expect(isLikelyPersonName("Marc-André Python")).toBe(true);
  });
});

describe("prose", () => {
  it("reads a role from a relative clause in the present, not one held in the past", () => {
    expect(
      people(
        `<p>The walled garden and the orchard are the work of Joan Ferrer, who has been our head gardener since 2004 and knows every tree.</p><p>It all began with Agnes Morrow, who was our first cook in 1931, and her recipes.</p>`,
      ),
    ).toEqual([["Joan Ferrer", "head gardener"]]);
  });

  it("reads a bare role word right after a verb, never a partner firm after a possessive", () => {
    expect(
      people(
        `<p>Sinds deze zomer versterkt leerling-metselaar Jesse Kamphuis ons team op de bouwplaats.</p><p>Customs clearance is handled by our partner Northgate Freight Brokers (desk@northgate.test).</p>`,
      ),
    ).toEqual([["Jesse Kamphuis", "leerling-metselaar"]]);
  });

  it("reads a careers quote signed 'Name, Title, Field'", () => {
    const found = extractPage({
      html: `<html><body><main><figure class="staff-quote"><blockquote><p>“I joined as the second engineer and still own whole systems.”</p></blockquote><figcaption>— Aiko Brennan, Staff Engineer, Platform</figcaption></figure></main></body></html>`,
      url: "https://acme.test/careers/",
      domain: "acme.test",
    }).people.map((p) => [p.name, p.title]);
    expect(found).toEqual([["Aiko Brennan", "Staff Engineer, Platform"]]);
  });
});

describe("round 10", () => {
  it("reads Porto's member cards, whose name and title are spans shown as lines", () => {
    const member = (name: string, title: string) =>
      `<article class="member col-lg-4"><span class="thumb-info"><span class="thumb-info-wrapper"><img src="/m.jpg" alt="${name}"><span class="thumb-info-title"><span class="thumb-info-inner">${name}</span><span class="thumb-info-type">${title}</span></span></span><span class="thumb-info-caption"><span class="thumb-info-caption-text">Baut Gehäuse und Windladen.</span></span></span></article>`;
    expect(
      people(
        `<div class="row members-container">${member("Greta Vollmer", "Orgelbaumeisterin &amp; Geschäftsführerin")}${member("Jonas Riedel", "Tischler, Gehäusebau")}${member("Ida Kaminski", "Kaufmännische Leitung")}</div>`,
      ),
    ).toEqual([
      ["Greta Vollmer", "Orgelbaumeisterin & Geschäftsführerin"],
      ["Ida Kaminski", "Kaufmännische Leitung"],
      ["Jonas Riedel", "Tischler, Gehäusebau"],
    ]);
  });

  it("reads a contact list whose addresses are written '(at)', never one as the next person's title", () => {
    const entry = (name: string, title: string, mail: string) =>
      `<dt>${name}</dt><dd>${title}</dd><dd>Tel. 03731 20 48 11</dd><dd>${mail}(at)acme.test</dd>`;
    expect(
      people(
        `<dl class="ansprechpartner">${entry("Greta Vollmer", "Orgelbaumeisterin &amp; Geschäftsführerin", "greta.vollmer")}${entry("Ida Kaminski", "Kaufmännische Leitung", "ida.kaminski")}${entry("Jonas Riedel", "Orgelbaumeister, Intonateur", "jonas.riedel")}<dt>Wartung &amp; Stimmung</dt><dd>Emil Hartung</dd><dd>Mobil 0171 482 33 90</dd><dd>wartung(at)acme.test</dd></dl>`,
      ),
    ).toEqual([
      ["Emil Hartung", null],
      ["Greta Vollmer", "Orgelbaumeisterin & Geschäftsführerin"],
      ["Ida Kaminski", "Kaufmännische Leitung"],
      ["Jonas Riedel", "Orgelbaumeister, Intonateur"],
    ]);
  });

  it("reads a careers page's Bootstrap quote by its signature; its job ads naming a place are nobody", () => {
    const found = extractPage({
      html: `<html><body><main><blockquote class="blockquote"><p>“I came for an internship and never left.”</p><footer class="blockquote-footer">Inés Aldana, Senior Underwriter</footer></blockquote><ul class="jobs"><li><a href="https://jobs.example/1">Property Claims Adjuster II</a> &mdash; Des Moines, IA</li><li><a href="https://jobs.example/2">Field Claims Representative</a> &mdash; Cedar Rapids, IA</li><li><a href="https://jobs.example/3">Actuarial Summer Intern</a> &mdash; Des Moines, IA or remote</li></ul></main></body></html>`,
      url: "https://acme.test/careers/",
      domain: "acme.test",
    }).people.map((p) => [p.name, p.title]);
    expect(found).toEqual([["Inés Aldana", "Senior Underwriter"]]);
  });

  it("keeps a title's field after its comma in a contact line", () => {
    expect(
      people(
        `<p>Media inquiries: Corinne Mayfield, Director, Corporate Communications &middot; 515-555-0148 &middot; <a href="mailto:cmayfield@acme.test">cmayfield@acme.test</a></p>`,
      ),
    ).toEqual([["Corinne Mayfield", "Director, Corporate Communications"]]);
  });

  it("reads a name and title opening a sentence, not a founder's or another firm's", () => {
    expect(
      people(
        `<p>Vragen over een vacature? Femke Dijkstra, hr-adviseur, vertelt je er graag meer over.</p><p>The press was founded in 1978 by Arthur Pennock, a bookseller, and Ruth Ames, a translator, above a shop.</p><p>Für Steuerfragen arbeiten wir mit einer Kanzlei zusammen (Dipl.-Kfm. Rolf Imhof, Steuerberater, <a href="mailto:r.imhof@stb-imhof.test">r.imhof@stb-imhof.test</a>).</p>`,
      ),
    ).toEqual([["Femke Dijkstra", "hr-adviseur"]]);
  });

  it("knows the titles and names round 10 wrote", () => {
    for (const t of [
      "cogérante, écologue",
      "Senior Underwriter",
      "Tischlerin, Gehäusebau",
      "schilder",
      "Restaurierung & Dokumentation",
    ])
      expect(isLikelyTitle(t) || isLikelyAreaTitle(t), t).toBe(true);
    expect(isLikelyAreaTitle("Administratie & planning")).toBe(true);
    expect(isLikelyTitle("a coastal ecologist at the Duke University Marine Lab")).toBe(false);
    for (const n of ["H.-P. Großmann", "Felix Hartung", "Anna Bauer", "Carl Jung", "Anna Fischer"])
      expect(isLikelyPersonName(n), n).toBe(true);
    for (const n of ["Kaufmännische Leitung", "Öffentlicher Auftraggeber", "Summer Intern"])
      expect(isLikelyPersonName(n), n).toBe(false);
  });
});

describe("no field holds another", () => {
  it("drops a title that holds an address, a phone, the person's own name or a neighbour's", () => {
    expect(titleBleeds("Head of Sales", "Anna Berg", ["Anna Berg", "Tom Reed"])).toBe(false);
    expect(titleBleeds("anna(at)acme.test", "Anna Berg", [])).toBe(true);
    expect(titleBleeds("Sales · +49 30 1234567", "Anna Berg", [])).toBe(true);
    expect(titleBleeds("Anna Berg, CEO", "Anna Berg", [])).toBe(true);
    expect(titleBleeds("Assistentin Tom Reed", "Anna Berg", ["Anna Berg", "Tom Reed"])).toBe(true);
    // Read from a page, such a line never becomes the title; the person stays.
    expect(
      people(
        `<div class="team"><div class="member"><h3>Lotte Brink</h3><p>lotte [at] acme [dot] test</p></div><div class="member"><h3>Ruben Vos</h3><p>Projectleider</p></div></div>`,
      ),
    ).toEqual([
      ["Lotte Brink", null],
      ["Ruben Vos", "Projectleider"],
    ]);
  });
});
