/**
 * Layouts and prose the third outside corpus showed (issue 16, test/fixtures/web-outside-3):
 * a caption's name repeated with its title, a staff table's only row, template cards,
 * roles before a name in prose, scoped-style classes, positioned texts (Tilda), a row's
 * title cell that reads like a name, and colleagues quoted on a careers page.
 */
import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.ts";
import { peopleOn } from "./test-page.ts";

const people = (body: string) => peopleOn(body);

describe("cards and rows", () => {
  it("reads the title from a line that repeats the caption's name", () => {
    const column = (name: string, title: string) =>
      `<div class="pagebuilder-column"><figure><img src="x.jpg" alt="Portret van ${name}"><figcaption>${name}</figcaption></figure><div><p><strong>${name} &ndash; ${title}</strong></p><p>Staat vijf dagen per week bij de ketels.</p></div></div>`;
    expect(
      people(
        `<div class="line">${column("Sem de Ridder", "Brouwer")}${column("Noor Bakkali", "Webshop &amp; klantenservice")}</div>`,
      ),
    ).toEqual([
      ["Noor Bakkali", "Webshop & klantenservice"],
      ["Sem de Ridder", "Brouwer"],
    ]);
  });

  it("reads a staff table's only row by its header", () => {
    const table = (caption: string, rows: [string, string][]) =>
      `<table><caption>${caption}</caption><thead><tr><th>Name</th><th>Title</th><th>Phone</th></tr></thead><tbody>${rows.map(([n, t]) => `<tr><td>${n}</td><td>${t}</td><td>ext. 108</td></tr>`).join("")}</tbody></table>`;
    expect(
      people(
        table("Administration", [
          ["Okafor, Daniel", "Executive Director"],
          ["Kimura, Ellen", "Finance &amp; Operations Manager"],
        ]) + table("Education", [["Hollins, Marcus", "Education Programs Manager"]]),
      ),
    ).toEqual([
      ["Daniel Okafor", "Executive Director"],
      ["Ellen Kimura", "Finance & Operations Manager"],
      ["Marcus Hollins", "Education Programs Manager"],
    ]);
  });

  it("skips a team widget's template card, whatever title it shows", () => {
    const person = (name: string, title: string) =>
      `<div class="sppb-addon-person"><span class="sppb-person-name">${name}</span><span class="sppb-person-designation">${title}</span><p>Lorem ipsum dolor sit amet.</p></div>`;
    expect(
      people(
        `<div class="row">${person("Carmen Lozano Gil", "Administración")}${person("Thomas Bergström", "Clientes internacionales")}${person("John Doe", "Web Designer")}</div>`,
      ),
    ).toEqual([
      ["Carmen Lozano Gil", "Administración"],
      ["Thomas Bergström", "Clientes internacionales"],
    ]);
  });
});

describe("prose and layouts of the third outside corpus", () => {
  it("reads a role set off by commas after a possessive, and a bare role after a clause's start", () => {
    expect(
      people(
        "<p>Behind the attorneys is a small team. Our practice manager, Bethan Lloyd, runs both offices, while accounts assistant Kwame Asante looks after invoicing.</p>",
      ),
    ).toEqual([
      ["Bethan Lloyd", "practice manager"],
      ["Kwame Asante", "accounts assistant"],
    ]);
  });

  it("keeps a title's 'and' when one word after it ends the clause, and stops at a preposition", () => {
    expect(
      people(
        "<p>Aujourd’hui, Olivier Fournier dirige la maison en tant que gérant, tandis que Claire Fournier-Bastide veille sur les comptes comme directrice administrative et financière.</p><p>Tom Reed works as CFO and runs the office with care.</p><p>Linda Smeenk houdt als financieel administrateur op dinsdag de boeken bij.</p>",
      ),
    ).toEqual([
      ["Claire Fournier-Bastide", "directrice administrative et financière"],
      ["Linda Smeenk", "financieel administrateur"],
      ["Olivier Fournier", "gérant"],
      ["Tom Reed", "CFO"],
    ]);
  });

  it("reads the person's own title after a legal label", () => {
    expect(people("<p>Directeur de la publication : Olivier Fournier, gérant.</p>")).toEqual([
      ["Olivier Fournier", "gérant"],
    ]);
  });

  it("groups cards whose scoped-style classes differ per element", () => {
    const card = (hash: string, title: string, name: string, mail: string) =>
      `<div class="brz-column brz-css-${hash}"><div class="brz-rich-text brz-css-${hash}x"><p class="brz-tp-abovetitle">${title}</p><h3>${name}</h3></div><p>${mail}</p></div>`;
    expect(
      people(
        `<div class="brz-row">${card("hbtjg", "Responsable des approvisionnements", "Antoine Lacombe", "a.lacombe (at) acme.test")}${card("bobds", "Responsable export, Asie &amp; Amérique du Nord", "Mathilde Perrin", "Écrire à Mathilde")}${card("qwzzt", "Commercial France, cavistes &amp; restaurants", "Lucas Berthelot", "")}</div>`,
      ),
    ).toEqual([
      ["Antoine Lacombe", "Responsable des approvisionnements"],
      ["Lucas Berthelot", "Commercial France, cavistes & restaurants"],
      ["Mathilde Perrin", "Responsable export, Asie & Amérique du Nord"],
    ]);
  });

  it("never reads a row's title cell as a second name, nor a list of trades as 'Last, First'", () => {
    expect(
      people(
        '<table><thead><tr><th>Area</th><th>Name</th><th>Role</th><th>Email</th></tr></thead><tbody><tr><td rowspan="3">Front desk</td><td>Tessa Morrow</td><td>Front Desk Lead</td><td>–</td></tr><tr><td>Eli Navarro</td><td>Desk Staff</td><td>–</td></tr><tr><td>Kiara Bloom</td><td>Desk Staff</td><td>–</td></tr></tbody></table><p>Dazu kommen 24 gewerbliche Mitarbeiter: Maurer, Betonbauer, Zimmerer und drei Auszubildende.</p>',
      ),
    ).toEqual([
      ["Eli Navarro", "Desk Staff"],
      ["Kiara Bloom", "Desk Staff"],
      ["Tessa Morrow", "Front Desk Lead"],
    ]);
  });

  it("knows the trades and teaching roles the corpus named", () => {
    const card = (name: string, title: string) => `<div class="member"><h4>${name}</h4><p>${title}</p></div>`;
    expect(
      people(
        `<div class="team">${card("Dennis Öztürk", "Polier")}${card("Bram Verstraete", "Lesgever Spaans")}${card("Aubrey Castillo", "Yoga &amp; Mobility Coach")}${card("Lena Özkan", "Notarassessorin")}${card("Carmen Llorca", "Patrona y monitora de kayak &amp; paddle surf")}</div>`,
      ),
    ).toEqual([
      ["Aubrey Castillo", "Yoga & Mobility Coach"],
      ["Bram Verstraete", "Lesgever Spaans"],
      ["Carmen Llorca", "Patrona y monitora de kayak & paddle surf"],
      ["Dennis Öztürk", "Polier"],
      ["Lena Özkan", "Notarassessorin"],
    ]);
  });
});

describe("builders the fourth author used", () => {
  it("reads a page whose wrappers' classes contain 'review' inside a word (one.com's Preview_…)", () => {
    const member = (name: string, title: string) =>
      `<div class="Preview_column__1KeVx col col-4"><div class="Preview_component__SbiKo"><p><strong>${name}</strong></p><p>${title}</p></div></div>`;
    expect(
      people(
        `<div class="Preview_body__2wDzb Preview_mobileHide__9T929"><div class="Preview_row__3Fkye row">${member("Jörg Dreßler", "Geschäftsführer")}${member("Tobias Kranz", "Leiter Disposition")}</div></div><div class="customerReview"><p><strong>Ann Roe</strong></p><p>Head of Logistics</p></div>`,
      ),
    ).toEqual([
      ["Jörg Dreßler", "Geschäftsführer"],
      ["Tobias Kranz", "Leiter Disposition"],
    ]);
  });

  it("pairs names with the title element above them in a Tilda zero block, template element skipped", () => {
    const elem = (n: number, text: string) =>
      `<div class="t396__elem tn-elem tn-elem__61234501${n}" data-elem-type="text"><div class="tn-atom">${text}</div></div>`;
    const texts = [
      "Directeur-eigenaar",
      "Ruud Vermeulen",
      "Hoofd inkoop",
      "Ilse Vermeulen-de Boer",
      "inkoop@acme.test",
      "Magazijnchef",
      "Kees Verbeek",
      "Functie",
      "Naam Achternaam",
    ];
    expect(
      people(
        `<div class="t396"><div class="t396__artboard">${texts.map((t, i) => elem(i, t)).join("")}</div></div>`,
      ),
    ).toEqual([
      ["Ilse Vermeulen-de Boer", "Hoofd inkoop"],
      ["Kees Verbeek", "Magazijnchef"],
      ["Ruud Vermeulen", "Directeur-eigenaar"],
    ]);
  });

  it("reads initials without spaces and a dental assistant's abbreviation as a title", () => {
    expect(
      people(
        "<h3>mr. J.P. Brouwer – Advocaat en partner</h3><h3>mr. A.C. van der Sluis – Senior advocaat</h3><p><strong>Melanie Roth – ZMP</strong></p>",
      ),
    ).toEqual([
      ["A.C. van der Sluis", "Senior advocaat"],
      ["J.P. Brouwer", "Advocaat en partner"],
      ["Melanie Roth", "ZMP"],
    ]);
  });
});

describe("quotes on a careers page", () => {
  const quote = (said: string, name: string, title: string) =>
    `<div class="testimonial testimonial--employee"><blockquote class="testimonial__quote">“${said}”</blockquote><div class="testimonial__author"><span class="testimonial__name">${name}</span><span class="testimonial__title">${title}</span></div></div>`;
  const body = `${quote("I joined as the fourth engineer and still love it.", "Priyanka Desai", "Staff Engineer")}${quote("They found us three great hires.", "Dana Whitfield", "Head of Operations at Northwind")}<blockquote>“Great place.” — Tom Reed, CFO, Acme Corp</blockquote>`;
  const at = (path: string) =>
    extractPage({
      html: `<!doctype html><html><body><main>${body}</main></body></html>`,
      url: `https://acme.test${path}`,
      domain: "acme.test",
    }).people.map((p) => [p.name, p.title]);

  it("reads a colleague signed with a name and a title alone", () => {
    expect(at("/careers/")).toEqual([["Priyanka Desai", "Staff Engineer"]]);
    expect(at("/karriere")).toEqual([["Priyanka Desai", "Staff Engineer"]]);
  });

  it("reads no quote anywhere else", () => {
    expect(at("/about/")).toEqual([]);
  });
});

describe("the fifth round's layouts and prose", () => {
  it("never reads a town and its state code as 'Last, First'", () => {
    const card = (title: string, name: string) =>
      `<li class="item"><div class="field-jobtitle">${title}</div><div class="field-name"><a href="/p">${name}</a></div><div class="field-office">Dayton, OH</div><div class="field-email"><a href="mailto:x@acme.test" class="icon-mail"><span class="sr-only">Email</span></a></div></li>`;
    expect(
      people(
        `<ul class="items">${card("Principal, Water &amp; Wastewater", "Meredith Vance")}${card("Vice President, People &amp; Culture", "Keisha Marlow")}</ul>`,
      ),
    ).toEqual([
      ["Keisha Marlow", "Vice President, People & Culture"],
      ["Meredith Vance", "Principal, Water & Wastewater"],
    ]);
  });

  it("gives the role told last, after an agent's 'by', and never to an office or a firm", () => {
    expect(
      people(
        "<p>Jakob Stranzinger, der 2021 als Praktikant begann, arbeitet heute als Motion Designer, und um Web und Code kümmert sich unser Frontend-Entwickler Emre Kılıç.</p><p>In de groepen wordt u begeleid door fysiotherapeut Bart Wolters, en diëtist Mirjam Slot geeft de voorlichting.</p><p>Curtis Bragg, who came to us in 2019 from the Franklin County Engineer’s office, now runs our survey group as Survey Manager.</p><p>“Necesitábamos un operador”, señala Andrés Pavez, gerente de logística de Viña Los Boldos.</p>",
      ),
    ).toEqual([
      ["Bart Wolters", "fysiotherapeut"],
      ["Curtis Bragg", "Survey Manager"],
      ["Emre Kılıç", "Frontend-Entwickler"],
      ["Jakob Stranzinger", "Motion Designer"],
      ["Mirjam Slot", "diëtist"],
    ]);
  });

  it("takes no title from a field that labels the next one ('Motion: Jakob · Fotografie: Michael')", () => {
    expect(
      people("<p>Kunde: Stadtwerke Krems GmbH · Motion: Jakob Stranzinger · Fotografie: Michael Gruber</p>"),
    ).toEqual([]);
  });
});

describe("definition lists", () => {
  it("pairs terms and descriptions either way round, with the address that follows", () => {
    const out = extractPage({
      html: `<html><body><main><dl><dt>Maître Hélène Lemaire</dt><dd>Avocate associée, droit de la famille</dd><dd>h.lemaire at acme dot test</dd><dt>Maître Paul Girard</dt><dd>Avocat collaborateur</dd><dd><a href="mailto:p.girard@acme.test">Écrire</a></dd></dl><dl><dt>Studio manager</dt><dd>Ella Shaw</dd><dd>ella@acme.test</dd><dt>Producer</dt><dd>Sam Reed</dd></dl></main></body></html>`,
      url: "https://acme.test/team",
      domain: "acme.test",
    });
    expect(out.people.map((p) => [p.name, p.title, p.email])).toEqual([
      ["Hélène Lemaire", "Avocate associée, droit de la famille", "h.lemaire@acme.test"],
      ["Paul Girard", "Avocat collaborateur", "p.girard@acme.test"],
      ["Ella Shaw", "Studio manager", "ella@acme.test"],
      ["Sam Reed", "Producer", null],
    ]);
  });
});

describe("a grid whose titles sit under the names", () => {
  it("reads the line under each name as its title, even one no lexicon knows", () => {
    const li = (name: string, title: string, mail: string) =>
      `<li><b>${name}</b><br>${title}<br>${mail}</li>`;
    expect(
      people(
        `<ul class="equipo">${li("Carmen Peral", "Gestora Administrativa colegiada n.º 1.187, directora", "carmen.peral@acme.test")}${li("Tomás Aguirre", "Asesor fiscal y contable", "tomas.aguirre [arroba] acme.test")}${li("Nuria Castells", "Laboral: nóminas, contratos y Seguridad Social", "nuria.castells@acme.test")}${li("Iñaki Goñi", "Tráfico y transferencias de vehículos", "inaki.goni@acme.test")}${li("María José Lozano Vidal", "Administración y atención al público", "")}${li("Yolanda Serrano", "Extranjería", "extranjeria@acme.test")}</ul>`,
      ),
    ).toEqual([
      ["Carmen Peral", "Gestora Administrativa colegiada n.º 1.187, directora"],
      ["Iñaki Goñi", "Tráfico y transferencias de vehículos"],
      ["María José Lozano Vidal", "Administración y atención al público"],
      ["Nuria Castells", "Laboral: nóminas, contratos y Seguridad Social"],
      ["Tomás Aguirre", "Asesor fiscal y contable"],
      ["Yolanda Serrano", "Extranjería"],
    ]);
  });
});

describe("a page's contact box", () => {
  it("reads the one person under 'Ihr Ansprechpartner', with the title under the name", () => {
    expect(
      people(
        "<aside><h4>Ihr Ansprechpartner</h4><p><strong>DI Lukas Ebner</strong></p><p>IT-Security Consultant, CISSP</p><p>T: +43 7242 219 60-6035</p></aside><aside><h4>Your contact</h4><p>Ann Roe</p><p>+44 20 7946 0000</p></aside>",
      ),
    ).toEqual([
      ["Ann Roe", null],
      ["Lukas Ebner", "IT-Security Consultant, CISSP"],
    ]);
  });
});
