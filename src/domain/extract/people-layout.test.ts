/**
 * People in markup the extractor was not first written against (issue 16): card grids
 * wrapped in rows and sections, definition lists, tables with merged cells, one-line
 * headings, several people in one paragraph, prose bios, and the distractors around them.
 */
import { describe, expect, it } from "vitest";
import { encodeCloudflareEmail } from "./cfemail.ts";
import { extractPage } from "./extract-page.ts";

const page = (body: string) =>
  `<!doctype html><html><head><title>Team</title></head><body>${body}</body></html>`;
const people = (body: string) =>
  extractPage({ html: page(body), url: "https://acme.test/team", domain: "acme.test" })
    .people.map((p) => [p.name, p.title, p.email])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));

const member = (name: string, title: string, extra = "") =>
  `<div class="member"><h3>${name}</h3><p class="role">${title}</p>${extra}</div>`;

describe("card grids", () => {
  it("reads the cards inside wrappers that each hold two cards, never the wrapper as one card", () => {
    const found = people(`<main><div class="wrap">
      <div class="pair">${member("Ada Stone", "Co-Founder & CEO", '<a href="mailto:ada.stone@acme.test"><img alt="Email"></a>')}
        ${member("Ben Frost", "Chief Investment Officer", '<a href="mailto:ben.frost@acme.test"><img alt="Email"></a>')}</div>
      <div class="pair">${member("Cleo Marsh", "Head of Marketing & Communications")}${member("Dan Reed", "Investment Analyst")}</div>
    </div></main>`);
    expect(found).toEqual([
      ["Ada Stone", "Co-Founder & CEO", "ada.stone@acme.test"],
      ["Ben Frost", "Chief Investment Officer", "ben.frost@acme.test"],
      ["Cleo Marsh", "Head of Marketing & Communications", null],
      ["Dan Reed", "Investment Analyst", null],
    ]);
  });

  it("groups columns that differ only by a position class, and keeps a card left alone in the last row", () => {
    const col = (last: boolean, inner: string) =>
      `<div class="col col-half${last ? " is-last-child" : ""}">${inner}</div>`;
    const found = people(`<main>
      <section class="band"><div class="row">${col(false, member("Eva Lund", "Enóloga"))}${col(true, member("Finn Holt", "Director comercial, exportación"))}</div></section>
      <section class="band"><div class="row">${col(false, member("Gia Rossi", "Responsable de enoturismo"))}${col(true, "<p>¿Quieres trabajar con nosotros?</p>")}</div></section>
    </main>`);
    expect(found).toEqual([
      ["Eva Lund", "Enóloga", null],
      ["Finn Holt", "Director comercial, exportación", null],
      ["Gia Rossi", "Responsable de enoturismo", null],
    ]);
  });

  it("takes a department shown under the name as the title, in cards and definition lists", () => {
    const found =
      people(`<main><div class="team">${member("Hanna Berg", "Buchhaltung")}${member("Ivo Brandt", "Werkstattleiter")}</div>
      <dl><dt>Jana Koch</dt><dd>Vertrieb &amp; Projektierung</dd><dd>Tel. 0731 55501</dd>
      <dt>Karl Ott</dt><dd>Kundenservice</dd><dd>Tel. 0731 55502</dd></dl></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Hanna Berg", "Buchhaltung"],
      ["Ivo Brandt", "Werkstattleiter"],
      ["Jana Koch", "Vertrieb & Projektierung"],
      ["Karl Ott", "Kundenservice"],
    ]);
  });

  it("reads the name beside its title in a table row that opens with a merged department cell", () => {
    const found = people(`<main><table><tbody>
      <tr><th rowspan="2">Litigation Support</th><td>Lena Fox</td><td>Paralegal</td></tr>
      <tr><td>Mark Hale</td><td>Senior Paralegal</td></tr>
      <tr><th>Estate Planning</th><td>Nia Cole</td><td>Legal Assistant</td></tr>
    </tbody></table></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Lena Fox", "Paralegal"],
      ["Mark Hale", "Senior Paralegal"],
      ["Nia Cole", "Legal Assistant"],
    ]);
  });

  it("does not take a title that reads like a name for the name, nor a name for a title", () => {
    const found = people(`<main><div class="team">
      <div class="m"><h3>Olga Pine</h3><p>Registered Dental Hygienist</p></div>
      <div class="m"><h3>Paul Baker</h3><p>Practice Manager</p></div></div>
      <table><tr><td>Rosa Lind</td><td>Medical Records Clerk</td><td>Administration</td></tr>
      <tr><td>Sven Holm</td><td>Clinical Pharmacist</td><td>Pharmacy</td></tr></table></main>`);
    expect(found.map(([n, t]) => [n, t])).toEqual([
      ["Olga Pine", "Registered Dental Hygienist"],
      ["Paul Baker", "Practice Manager"],
      ["Rosa Lind", "Medical Records Clerk"],
      ["Sven Holm", "Clinical Pharmacist"],
    ]);
  });

  it("reads a Cloudflare-protected address on a card", () => {
    const cf = (email: string) =>
      `<p>Correo: <a href="/cdn-cgi/l/email-protection" data-cfemail="${encodeCloudflareEmail(email)}">[email&#160;protected]</a></p>`;
    const found =
      people(`<main><div class="team">${member("Rita Sol", "Directora general", cf("rsol@acme.test"))}
      ${member("Saul Paz", "Enólogo", cf("spaz@acme.test"))}</div></main>`);
    expect(found).toEqual([
      ["Rita Sol", "Directora general", "rsol@acme.test"],
      ["Saul Paz", "Enólogo", "spaz@acme.test"],
    ]);
  });
});

describe("distractors", () => {
  it("reads no people from testimonials, quote attributions or placeholder cards", () => {
    const found = people(`<main>
      <figure class="pullquote"><blockquote><p>Great partners.</p><cite>Tara West, CFO, Bluestone Mills</cite></blockquote></figure>
      <div class="elementor-testimonial"><div class="elementor-testimonial-name">Uma Grey</div><div class="elementor-testimonial-job">Head of Sales</div></div>
      <blockquote><p>“They explained every model.”</p></blockquote><p>— Vera Holm, COO, Lakeside Home</p>
      <p>« Livré dans les temps. »</p><p>Will Dorn, directeur, Hôtel du Parc</p>
      <div class="team">${member("Xena Park", "Office Manager")}${member("Yves Ash", "Agente inmobiliario")}
        ${member("Nombre Apellido", "Cargo")}${member("Your Name Here", "Sales Manager")}</div>
    </main>`);
    expect(found.map(([n]) => n)).toEqual(["Xena Park", "Yves Ash"]);
  });

  it("reads no people from guest bylines, trading names or a slogan heading", () => {
    const found = people(`<main><p>Por Yara Ruiz, sumiller invitada</p>
      <p>Responsable del tratamiento: Bodegas Albar</p>
      <h1>Zeller Metallbau – Ihr Partner für Stahl und Edelstahl</h1></main>`);
    expect(found).toEqual([]);
  });
});
