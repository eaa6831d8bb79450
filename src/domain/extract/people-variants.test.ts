/**
 * Variants of the outside corpus's cases (issue 16) written to differ from its development
 * pages: other class names and nesting, other languages and separators, titles the lexicon
 * has never seen, people without addresses, and the name conventions of the corpus README.
 */
import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.ts";

const page = (body: string) =>
  `<!doctype html><html><head><title>Team</title></head><body>${body}</body></html>`;
const extract = (body: string) =>
  extractPage({ html: page(body), url: "https://acme.test/team", domain: "acme.test" }).people;
const people = (body: string) =>
  extract(body)
    .map((p) => [p.name, p.title, p.email])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe("titles the lexicon has never seen, in card grids", () => {
  it("takes the line in the title slot of a grid's card when its siblings' titles are known", () => {
    const card = (name: string, role: string) =>
      `<li class="sptp-member"><div class="sptp-member-info"><h4 class="sptp-name">${name}</h4>` +
      `<span class="sptp-position">${role}</span></div><a class="sptp-more" href="#">Profil</a></li>`;
    const found = people(`<main><ul class="sptp-list">
      ${card("Jonas Reuter", "Braumeister")}${card("Petra Lindqvist", "Geschäftsführerin")}
      ${card("Udo Kramm", "Mälzer")}${card("Lea Sommer", "Biersommelière")}</ul></main>`);
    expect(found).toEqual([
      ["Jonas Reuter", "Braumeister", null],
      ["Lea Sommer", "Biersommelière", null],
      ["Petra Lindqvist", "Geschäftsführerin", null],
      ["Udo Kramm", "Mälzer", null],
    ]);
  });

  it("reads a grid whose titles are all unknown when every card is a name over a short line, and no other line", () => {
    const card = (name: string, role: string) =>
      `<div class="wixui-column"><div data-testid="richTextElement"><p class="font_8"><span>${name}</span></p></div>` +
      `<div data-testid="richTextElement"><p class="font_9"><span>${role}</span></p></div></div>`;
    const found = people(`<main><section class="wixui-section"><div data-testid="columns">
      ${card("Colette Amiel", "glacière")}${card("Rémi Vasseur", "tourier")}${card("Inès Barbier", "commis de cuisine")}
    </div></section></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Colette Amiel", "glacière"],
      ["Inès Barbier", "commis de cuisine"],
      ["Rémi Vasseur", "tourier"],
    ]);
    // Not a title: a call to action, an address, a phone number, a neighbour's name.
    const other = (name: string, line: string) =>
      `<div class="et_pb_column"><div class="et_pb_text_inner"><h4>${name}</h4><p>${line}</p></div></div>`;
    const untitled = people(`<main><div class="et_pb_row">
      ${other("Nadia Benali", "Prendre rendez-vous")}${other("Julie Fournier", "12 rue des Lilas, 69003 Lyon")}
    </div><div class="team">
      <div class="m"><h3>Karin Ebner</h3><p>Tel. 0821 445 12</p></div>
      <div class="m"><h3>Moritz Thal</h3><p>Lena Graf</p></div></div></main>`);
    expect(untitled.filter(([, title]) => title !== null)).toEqual([]);
  });
});

describe("departments and compound titles as titles", () => {
  it("reads departments written as titles in five languages", () => {
    const card = (name: string, role: string) =>
      `<article class="team-card"><p class="team-card__name">${name}</p><p class="team-card__meta">${role}</p></article>`;
    const found = people(`<main><div class="team-grid">
      ${card("Sanne Bos", "Inkoop")}${card("Heike Brandl", "Buchhaltung & Lohn")}${card("Amélie Roux", "Comptabilité")}
      ${card("Lucía Ferrer", "Atención al cliente")}${card("Tim Ostrowski", "Kundenservice")}${card("Ruud Akkerman", "Binnendienst")}
    </div></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Amélie Roux", "Comptabilité"],
      ["Heike Brandl", "Buchhaltung & Lohn"],
      ["Lucía Ferrer", "Atención al cliente"],
      ["Ruud Akkerman", "Binnendienst"],
      ["Sanne Bos", "Inkoop"],
      ["Tim Ostrowski", "Kundenservice"],
    ]);
  });

  it("reads Dutch and German compound titles in one-line headings", () => {
    const found = people(`<main>
      <h3>Joris Hendriks – Hypotheekadviseur</h3><h3>Femke de Graaf | Projectmedewerker</h3>
      <h3>Sabine Kühn – Brandschutzbeauftragte</h3><h3>Ralf Wendel | Elektromeister</h3>
      <h3>Pieter van Loon – Werkvoorbereider</h3><h3>Anja Roth – Lohnbuchhaltung</h3></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Anja Roth", "Lohnbuchhaltung"],
      ["Femke de Graaf", "Projectmedewerker"],
      ["Joris Hendriks", "Hypotheekadviseur"],
      ["Pieter van Loon", "Werkvoorbereider"],
      ["Ralf Wendel", "Elektromeister"],
      ["Sabine Kühn", "Brandschutzbeauftragte"],
    ]);
  });

  it("reads lowercase titles and titles in parentheses in a definition list", () => {
    const found = people(`<main><dl class="contacts">
      <dt>Marta Ibáñez</dt><dd>administrativa</dd><dd><a href="mailto:mibanez@acme.test">mibanez@acme.test</a></dd>
      <dt>Tomás Rey</dt><dd>jefe de tráfico</dd><dd>Tel. 986 112 233</dd>
      <dt>Nuria Cano</dt><dd>recepcionista</dd></dl>
      <p>Außerdem: Eva Lindner (Disponentin), Kai Brück (Sicherheitsfachkraft)</p></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Eva Lindner", "Disponentin"],
      ["Kai Brück", "Sicherheitsfachkraft"],
      ["Marta Ibáñez", "administrativa"],
      ["Nuria Cano", "recepcionista"],
      ["Tomás Rey", "jefe de tráfico"],
    ]);
  });
});

describe("other markup for the same cases", () => {
  it("reads a card whose name is only in its photo's alt text", () => {
    const card = (alt: string, role: string) =>
      `<div class="elementor-widget-image-box"><figure class="elementor-image-box-img"><img src="p.jpg" alt="${alt}"></figure>` +
      `<div class="elementor-image-box-content"><p class="elementor-image-box-description">${role}</p></div></div>`;
    const found = people(`<main><div class="elementor-container">
      ${card("Anna Berg", "Inhaberin")}${card("Portrait of Ben Kohl", "Werkstattleiter")}${card("Logo Acme GmbH", "Partner seit 2010")}
    </div></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Anna Berg", "Inhaberin"],
      ["Ben Kohl", "Werkstattleiter"],
    ]);
  });

  it("splits 'Name / Title' headings and runs of people separated by slashes", () => {
    const found = people(`<main><h2>Marc Petit / Chef d’atelier</h2>
      <p>Press: Dana Cole, Head of Communications – dana.cole@acme.test / Evan Moss, Investor Relations – evan.moss@acme.test</p></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Dana Cole", "Head of Communications"],
      ["Evan Moss", "Investor Relations"],
      ["Marc Petit", "Chef d’atelier"],
    ]);
  });

  it("reads roles told before the name or in an apposition, in prose", () => {
    const found = people(`<main>
      <p>As our head of finance, Clara Jensen keeps the books in order and signs off every budget.</p>
      <p>Meet Tom Reed, our head brewer, who has been with the brewery for a decade now.</p>
      <p>Notre atelier est dirigé par Claire Dumas, notre directrice artistique, depuis sa création.</p></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Claire Dumas", "directrice artistique"],
      ["Clara Jensen", "head of finance"],
      ["Tom Reed", "head brewer"],
    ]);
  });
});

describe("name conventions of the outside corpus", () => {
  it("drops a middle initial after a written-out given name and keeps initials-only forenames", () => {
    const found = extract(`<main><div class="staff">
      <div class="card"><h3>Anna K. Berg</h3><p>Steuerberaterin</p></div>
      <div class="card"><h3>J. R. Hartley</h3><p>Of Counsel</p></div>
      <div class="card"><h3>Hollis, Robert J.</h3><p>Senior Partner</p></div></div></main>`);
    expect(found.map((p) => [p.name, p.first, p.last]).sort()).toEqual([
      ["Anna Berg", "Anna", "Berg"],
      ["J. R. Hartley", "J. R.", "Hartley"],
      ["Robert Hollis", "Robert", "Hollis"],
    ]);
  });

  it("splits a compound Spanish given name from a double surname, and keeps hyphenated surnames whole", () => {
    const found = extract(`<main><div class="eael-team-items">
      <div class="eael-team-item"><h4 class="eael-team-member-name">María del Mar Sánchez Ortega</h4><p class="eael-team-member-position">Gerente</p></div>
      <div class="eael-team-item"><h4 class="eael-team-member-name">José Luis Prieto-Vidal</h4><p class="eael-team-member-position">Enólogo</p></div>
    </div></main>`);
    // Three words cannot tell a compound given name from a middle name: only the surname is asserted.
    expect(found.map((p) => [p.name, p.name.startsWith("José") ? "-" : p.first, p.last]).sort()).toEqual([
      ["José Luis Prieto-Vidal", "-", "Prieto-Vidal"],
      ["María del Mar Sánchez Ortega", "María del Mar", "Sánchez Ortega"],
    ]);
  });
});
