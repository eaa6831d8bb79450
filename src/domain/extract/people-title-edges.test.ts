/**
 * Where a title ends and a name begins, as the outside corpora showed them (issue 16): a
 * bracketed qualifier or a region after a role, a title after a name's comma, two titles
 * joined by a slash, a card's title read again as a line, credentials written in mixed
 * case or with an ampersand, and a field between dashes before an address.
 */
import { describe, expect, it } from "vitest";
import { peopleOn } from "./test-page.ts";

const people = (body: string) => peopleOn(body);

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

describe("a field between dashes before an address", () => {
  it("is the title whatever words it uses, and a firm's town is not one", () => {
    expect(
      people(
        "<p>Krämer, Ute – Gebietsverkaufsleiterin Süd – ute.kraemer@acme.test<br>Brandl, Georg – Außendienst Gastronomie &amp; Handel – georg.brandl@acme.test</p><p>Webdesign: Agence Pixelune, Villeurbanne, contact@pixelune.test</p>",
      ),
    ).toEqual([
      ["Georg Brandl", "Außendienst Gastronomie & Handel"],
      ["Ute Krämer", "Gebietsverkaufsleiterin Süd"],
    ]);
  });
});

describe("what a title covers after a dash", () => {
  it("keeps products and fields to the line's end, never a phone or an address", () => {
    expect(
      people(
        "<h4>Aylin Demir, Systemadministratorin – Microsoft 365, Azure &amp; Intune</h4><h4>Jens Ortmann, Geschäftsführer – Tel. 0521 329 14-0</h4><h4>Sven Dreßler, Teamleiter – s.dressler@acme.test</h4>",
      ),
    ).toEqual([
      ["Aylin Demir", "Systemadministratorin – Microsoft 365, Azure & Intune"],
      ["Jens Ortmann", "Geschäftsführer"],
      ["Sven Dreßler", "Teamleiter"],
    ]);
  });
});
