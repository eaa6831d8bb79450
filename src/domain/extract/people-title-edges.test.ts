/**
 * Where a title ends and a name begins, as the outside corpora showed them (issue 16): a
 * bracketed qualifier or a region after a role, a title after a name's comma, two titles
 * joined by a slash, a card's title read again as a line, credentials written in mixed
 * case or with an ampersand, a caption's name repeated with its title, a staff table's
 * only row, and a template card.
 */
import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.ts";

const people = (body: string) =>
  extractPage({
    html: `<!doctype html><html><head><title>Team</title></head><body>${body}</body></html>`,
    url: "https://acme.test/team",
    domain: "acme.test",
  })
    .people.map((p) => [p.name, p.title])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

const blurb = (name: string, bio: string) =>
  `<div class="blurb"><img src="x.jpg" alt="${name}"><h4 class="blurb-header">${name}</h4><div class="blurb-text"><p>${bio}</p></div></div>`;

describe("where a role ends", () => {
  it("keeps a bracketed qualifier and a region after the role a bio gives", () => {
    expect(
      people(
        `<section class="row">${blurb("Owen Pritchard", "Owen joined us in 2019 and since 2023 has led our studio as Design Lead (Brand, Web &amp; Motion).")}${blurb("Ravi Menon", "Ravi came from retail banking and now works as Head of Customer Success, UK &amp; Ireland, from Dublin.")}</section>`,
      ),
    ).toEqual([
      ["Owen Pritchard", "Design Lead (Brand, Web & Motion)"],
      ["Ravi Menon", "Head of Customer Success, UK & Ireland"],
    ]);
  });

  it("leaves a date in brackets out of the role", () => {
    expect(
      people(`${blurb("Clara Jensen", "Clara has run our numbers as CFO (since 2019) and sits on two boards.")}
        ${blurb("Tom Reed", "Tom looks after the brewhouse as Head Brewer.")}`),
    ).toEqual([
      ["Clara Jensen", "CFO"],
      ["Tom Reed", "Head Brewer"],
    ]);
  });

  it("stops a German role at a possessive that starts the sentence's object", () => {
    expect(
      people(
        "<p>Seit 2020 verantwortet Sophie Albers als Leiterin E-Commerce &amp; Marketing unseren Onlineshop und den Newsletter.</p>",
      ),
    ).toEqual([["Sophie Albers", "Leiterin E-Commerce & Marketing"]]);
  });

  it("reads a region after a title's comma in a line run", () => {
    expect(
      people(
        '<ul><li><p>Ines Carvalho — Founding Engineer · ines@acme.test</p></li><li><p>Ravi Menon — Head of Customer Success, UK &amp; Ireland · <a href="mailto:ravi@acme.test">say hi</a></p></li></ul>',
      ),
    ).toEqual([
      ["Ines Carvalho", "Founding Engineer"],
      ["Ravi Menon", "Head of Customer Success, UK & Ireland"],
    ]);
  });
});

describe("where a name ends", () => {
  it("reads 'Name, Title / Title' as the name and both titles, not 'Last, First'", () => {
    const card = (line: string, mail: string) =>
      `<div class="col"><h4>${line}</h4><p class="text-muted">Betreut unsere Kunden.</p><p><a href="mailto:${mail}">E-Mail schreiben</a></p></div>`;
    expect(
      people(
        `<div class="row">${card("Birgit Kühnel, Prokuristin / Kaufmännische Leitung", "b.kuehnel@acme.test")}${card("Jens Ortmann, Geschäftsführer", "j.ortmann@acme.test")}</div>`,
      ),
    ).toEqual([
      ["Birgit Kühnel", "Prokuristin / Kaufmännische Leitung"],
      ["Jens Ortmann", "Geschäftsführer"],
    ]);
  });

  it("never reads a card's title line again as a person, nor two titles joined by a slash", () => {
    const card = (name: string, title: string) =>
      `<div class="q_team"><h4 class="q_team_name">${name}</h4><span>${title}</span><p>Seit 1998 im Haus.</p></div>`;
    expect(
      people(
        `<div class="row">${card("Korbinian Hartl", "Erster Brauer / Leitung Sudhaus &amp; Gärkeller")}${card("Franziska Zellner", "Kaufmännische Leitung, Prokuristin")}</div><p><strong>Large Animal Vet / Official Veterinarian (TB testing)</strong></p>`,
      ),
    ).toEqual([
      ["Franziska Zellner", "Kaufmännische Leitung, Prokuristin"],
      ["Korbinian Hartl", "Erster Brauer / Leitung Sudhaus & Gärkeller"],
    ]);
  });

  it("reads names followed by mixed-case and ampersand credentials", () => {
    const card = (name: string, title: string) =>
      `<div class="panel"><h3>${name}</h3><p><strong>${title}</strong></p><p>Covers our farm work.</p></div>`;
    expect(
      people(
        `<div class="grid">${card("Dr Aoife Brennan MVB CertAVP(SAM) MRCVS", "Senior Vet")}${card("Rory McAllister BVM&amp;S MRCVS", "Large Animal Vet / Official Veterinarian (TB testing)")}</div>`,
      ),
    ).toEqual([
      ["Aoife Brennan", "Senior Vet"],
      ["Rory McAllister", "Large Animal Vet / Official Veterinarian (TB testing)"],
    ]);
  });
});

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
        `<div class="team">${card("Dennis Öztürk", "Polier")}${card("Bram Verstraete", "Lesgever Spaans")}${card("Aubrey Castillo", "Yoga &amp; Mobility Coach")}${card("Lena Özkan", "Notarassessorin")}</div>`,
      ),
    ).toEqual([
      ["Aubrey Castillo", "Yoga & Mobility Coach"],
      ["Bram Verstraete", "Lesgever Spaans"],
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

describe("a field between dashes before an address", () => {
  it("is the title whatever words it uses, and a firm's town is not one", () => {
    expect(
      people(
        "<p>Öztürk, Selin – Gebietsverkaufsleiterin Süd – selin.oeztuerk@acme.test<br>Weiß, Lukas – Außendienst Gastronomie &amp; Handel – lukas.weiss@acme.test</p><p>Webdesign: Agence Pixelune, Villeurbanne, contact@pixelune.test</p>",
      ),
    ).toEqual([
      ["Lukas Weiß", "Außendienst Gastronomie & Handel"],
      ["Selin Öztürk", "Gebietsverkaufsleiterin Süd"],
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
