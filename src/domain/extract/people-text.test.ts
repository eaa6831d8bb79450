/**
 * People read from text (issue 16): one-line headings with a dash or a pipe, several people
 * in one paragraph, "Last, First" directory lines, "Label: Name (title)", impressum labels,
 * and roles told in prose.
 */
import { describe, expect, it } from "vitest";
import { extractPage } from "./extract-page.ts";
import { mergeDomainFindings } from "./merge.ts";

const page = (body: string) =>
  `<!doctype html><html><head><title>Team</title></head><body>${body}</body></html>`;
const extract = (body: string, url = "https://acme.test/team") =>
  extractPage({ html: page(body), url, domain: "acme.test" });
const people = (body: string) =>
  extract(body)
    .people.map((p) => [p.name, p.title])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

describe("one-line headings", () => {
  it("splits 'Name | Title' and 'Name – Title', dropping honorifics and degrees", () => {
    expect(
      people(`<main><h3>Alma Roux | Fondatrice, architecte d’intérieur</h3>
        <h3>Dipl.-Kfm. Bernd Falk | Steuerberater, Geschäftsführer</h3>
        <h3>Carla Wendt | Sekretariat</h3>
        <h3>Dr. Dora Quinn, BDS – Principal Dentist</h3></main>`),
    ).toEqual([
      ["Alma Roux", "Fondatrice, architecte d’intérieur"],
      ["Bernd Falk", "Steuerberater, Geschäftsführer"],
      ["Carla Wendt", "Sekretariat"],
      ["Dora Quinn", "Principal Dentist"],
    ]);
  });

  it("prefers the team page's heading over the impressum's legal role", () => {
    const team = extract(`<main><h3>Bernd Falk | Steuerberater, Geschäftsführer</h3></main>`);
    const impressum = extract(
      `<main><p>Geschäftsführer: Dipl.-Kfm. Bernd Falk, Steuerberater</p></main>`,
      "https://acme.test/impressum",
    );
    for (const order of [
      [impressum, team],
      [team, impressum],
    ]) {
      const merged = mergeDomainFindings(
        "acme.test",
        order.map((extraction) => ({ extraction, fetchedAt: "2026-12-01T00:00:00.000Z" })),
      );
      expect(merged.people.map((p) => [p.name, p.title])).toEqual([
        ["Bernd Falk", "Steuerberater, Geschäftsführer"],
      ]);
    }
  });
});

describe("several people on one line", () => {
  it("reads 'Name, Title · email | …' runs whose titles hold commas", () => {
    expect(
      people(`<main><p>Media: Erin Shaw, Head of Communications · press-erin@acme.test | Investors: Femi Cole, VP,
        Investor Relations · femi@acme.test | Partnerships: Gus Lamb, Senior Vice President, Sales · gus@acme.test</p></main>`),
    ).toEqual([
      ["Erin Shaw", "Head of Communications"],
      ["Femi Cole", "VP, Investor Relations"],
      ["Gus Lamb", "Senior Vice President, Sales"],
    ]);
  });

  it("reads 'Name, Title, email; Name, Title, email' runs", () => {
    expect(
      people(`<main><p>Hugo Pratt, Owner &amp; Lead Installer, hpratt@acme.test; Ines Rey, Office Manager,
        irey@acme.test; Joel Tate, Sales Consultant</p></main>`),
    ).toEqual([
      ["Hugo Pratt", "Owner & Lead Installer"],
      ["Ines Rey", "Office Manager"],
      ["Joel Tate", "Sales Consultant"],
    ]);
  });

  it("reads 'Last, First – Department – email' lines and leaves a plain list of names alone", () => {
    expect(
      people(`<main><p>Kraus, Lena – Außendienst Süd – lena.kraus (at) acme.test</p>
        <p>Mohr, Nils – Innendienst – Tel. 0800 123 45</p>
        <p>Außerdem im Team: Olaf Brink, Pia Sommer und Rolf Adler.</p></main>`),
    ).toEqual([
      ["Lena Kraus", "Außendienst Süd"],
      ["Nils Mohr", "Innendienst"],
    ]);
  });

  it("reads 'Label: Name (title)' and takes no label for a name", () => {
    expect(
      people(`<main><p>Secretariaat: Sara Vink (officemanager)</p>
        <p>Gesetzliche Berufsbezeichnung: Steuerberater (verliehen in Deutschland)</p></main>`),
    ).toEqual([["Sara Vink", "officemanager"]]);
  });
});

describe("prose bios", () => {
  it("reads the role a sentence gives the person it names", () => {
    expect(
      people(`<main><p>Tess Wolfe founded the studio in 2016. As our CEO she still reviews every model.</p>
        <p>Umar Khan leads our finance team as CFO.</p>
        <p>Before joining us, Vic Lowe spent eight years at a bank; today he heads engineering as VP Engineering.</p>
        <p>Wen Li joined as our first data scientist and now runs the practice as Head of Data Science.</p>
        <p>Desde 1998, Xavi Mora cuida nuestras cepas como capataz de viñedo.</p>
        <p>Since 2015 Alba Noor has run our tax practice as VP, Tax Services, and she chairs the board.</p>
        <p>Yuri Bell co-founded the firm after a decade as a trial lawyer in Seattle.</p>
        <p>The office is kept running by Zoe Hart, who handles everything from payroll to coffee.</p>
        <p>Our guest this month is Ivo Kent. He works as Head of Planning at Northway Stores.</p>
        <p>Jon Pike spent years as Chief Engineer at Delta Rail before he retired.</p></main>`),
    ).toEqual([
      ["Alba Noor", "VP, Tax Services"],
      ["Tess Wolfe", "CEO"],
      ["Umar Khan", "CFO"],
      ["Vic Lowe", "VP Engineering"],
      ["Wen Li", "Head of Data Science"],
      ["Xavi Mora", "capataz de viñedo"],
    ]);
  });

  it("keeps a card's title over the prose's", () => {
    expect(
      people(`<main><div class="team"><div><h3>Ana Gil</h3><p>Enóloga</p></div><div><h3>Bea Sanz</h3><p>Directora</p></div></div>
        <p>Bea Sanz decide cada vendimia junto a Ana Gil, que se incorporó como enóloga en 2014.</p></main>`),
    ).toEqual([
      ["Ana Gil", "Enóloga"],
      ["Bea Sanz", "Directora"],
    ]);
  });
});
