import { describe, expect, it } from "vitest";
import { PEOPLE_PAGE_SCORE, scoreLink } from "./link-ranking.ts";

const at = (path: string) => `https://acme.com${path}`;

describe("scoreLink: people, contact and imprint pages rank high in every language", () => {
  it.each([
    // en
    "/team",
    "/our-team",
    "/people",
    "/leadership",
    "/management",
    "/board",
    "/founders",
    "/staff",
    "/about",
    "/about-us",
    "/aboutus",
    "/who-we-are",
    "/contact",
    "/contact-us",
    "/imprint",
    "/company",
    "/company/leadership",
    "/team/jane-doe",
    "/en/team",
    "/legal-notice",
    // de
    "/impressum",
    "/kontakt",
    "/ueber-uns",
    "/über-uns",
    "/%C3%BCber-uns",
    "/uber-uns",
    "/unternehmen",
    "/mitarbeiter",
    "/ansprechpartner",
    "/unternehmen/geschäftsführung",
    "/de/unser-team",
    "/unserteam",
    "/kontakt.html",
    "/Impressum.php",
    // fr
    "/equipe",
    "/équipe",
    "/notre-equipe",
    "/a-propos",
    "/à-propos",
    "/qui-sommes-nous",
    "/nous-contacter",
    "/contactez-nous",
    "/mentions-legales",
    "/fr/societe/direction",
    // es
    "/equipo",
    "/nosotros",
    "/quienes-somos",
    "/quiénes-somos",
    "/sobre-nosotros",
    "/contacto",
    "/aviso-legal",
    "/empresa/equipo-directivo",
    // nl
    "/ons-team",
    "/over-ons",
    "/medewerkers",
    "/wie-zijn-wij",
    "/mensen",
    "/contact",
    "/nl/directie",
  ])("%s", (path) => {
    expect(scoreLink(at(path))).toBeGreaterThanOrEqual(PEOPLE_PAGE_SCORE);
  });
});

describe("scoreLink: ordering", () => {
  it.each([
    // people > contact > about > careers > unknown > blog/products > legal > account
    ["/team", "/contact"],
    ["/kontakt", "/ueber-uns"],
    ["/impressum", "/about"],
    ["/equipe", "/a-propos"],
    ["/nosotros", "/empleo"],
    ["/over-ons", "/vacatures"],
    ["/careers", "/some-page"],
    ["/some-page", "/blog/2024/05/launch"],
    ["/blog/2024/05/launch", "/privacy-policy"],
    ["/datenschutz", "/login"],
    ["/cookies", "/cart"],
    // imprint is high even though it is a legal page
    ["/impressum", "/datenschutz"],
    ["/legal-notice", "/legal"],
    ["/mentions-legales", "/politique-de-confidentialite"],
    // shallower beats deeper within a category; no query beats a query
    ["/team", "/team/jane-doe"],
    ["/team/jane-doe", "/team/europe/berlin/jane-doe"],
    ["/contact", "/contact?ref=nav"],
    // a blog post mentioning the team stays below the real team page
    ["/team", "/blog/meet-the-team"],
    ["/about", "/news/our-new-ceo-joins-the-management-team"],
    ["/blog/meet-the-team", "/blog/product-launch"],
    // the home page is above unknown pages, below people pages
    ["/", "/some-page"],
    ["/about", "/"],
  ])("%s > %s", (higher, lower) => {
    expect(scoreLink(at(higher))).toBeGreaterThan(scoreLink(at(lower)));
  });
});

describe("scoreLink: anchor text", () => {
  it.each([
    ["/p/123", "Unser Team", "/p/123", undefined],
    ["/p/123", "Kontakt", "/p/123", "Read more"],
    ["/node/42", "Qui sommes-nous ?", "/node/42", "En savoir plus"],
    ["/page-7", "Over ons", "/page-7", ""],
    ["/team", "Meet the team", "/team", undefined], // anchor agreeing with the path adds a little
    ["/p/1", "Impressum", "/blog/2023/x", "Impressum"], // anchor text cannot lift a blog post to the top
  ])("%s %j > %s %j", (higherPath, higherText, lowerPath, lowerText) => {
    expect(scoreLink(at(higherPath), higherText)).toBeGreaterThan(scoreLink(at(lowerPath), lowerText));
  });

  it("trusts a descriptive path over contradicting anchor text", () => {
    expect(scoreLink(at("/privacy"), "Contact")).toBe(scoreLink(at("/privacy")));
    expect(scoreLink(at("/team"), "Privacy")).toBe(scoreLink(at("/team")));
  });
});

describe("scoreLink: assets are never fetched", () => {
  it.each([
    "/files/team.pdf",
    "/img/team.JPG",
    "/logo.png",
    "/a.jpeg",
    "/b.gif",
    "/c.svg",
    "/d.webp",
    "/e.zip",
    "/style.css",
    "/app.js",
    "/bundle.mjs",
    "/font.woff2",
    "/video.mp4",
    "/deck.pptx",
    "/sheet.xlsx",
    "/doc.docx",
    "/feed.xml",
    "/favicon.ico",
    "/kontakt/anfahrt.pdf",
  ])("%s", (path) => {
    expect(scoreLink(at(path))).toBe(Number.NEGATIVE_INFINITY);
  });

  it("is not fooled by extensions in the query or in folder names", () => {
    expect(scoreLink(at("/team?photo=a.jpg"))).toBeGreaterThan(PEOPLE_PAGE_SCORE);
    expect(scoreLink(at("/js/team"))).toBeGreaterThan(PEOPLE_PAGE_SCORE);
  });
});

describe("scoreLink: robustness", () => {
  it("is deterministic and accepts relative or malformed paths", () => {
    expect(scoreLink(at("/team"), "Team")).toBe(scoreLink(at("/team"), "Team"));
    expect(scoreLink("/team")).toBe(scoreLink(at("/team")));
    expect(Number.isFinite(scoreLink(at("/%E0%A4%A")))).toBe(true);
  });

  it("does not match keywords inside other words", () => {
    expect(scoreLink(at("/steam-engines"))).toBeLessThan(PEOPLE_PAGE_SCORE);
    expect(scoreLink(at("/contactless-payments"))).toBeLessThan(PEOPLE_PAGE_SCORE);
    expect(scoreLink(at("/peoplesoft-integration"))).toBeLessThan(PEOPLE_PAGE_SCORE);
  });
});
