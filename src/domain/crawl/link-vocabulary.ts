/**
 * The words that tell the link ranker what a page is about, by category, with the priority a
 * page of that category gets. Keywords are in the folded form the ranker compares against:
 * lowercase ASCII, accents removed ("über" -> "uber", "équipe" -> "equipe"), "ß" -> "ss", words
 * separated by single spaces. A multi-word keyword also matches its run-together spelling
 * ("aboutus", "ueberuns"). Each line starts with its language: en, de, fr, es, nl, it/pt.
 */

/** One kind of page and how much it is worth fetching when looking for people and emails. */
export interface LinkCategory {
  name: string;
  score: number;
  keywords: readonly string[];
}

/** Splits a vocabulary block: one language per line ("de: a, b c"), keywords separated by commas. */
function vocabulary(block: string): string[] {
  return block
    .split("\n")
    .map((line) => line.replace(/^\s*[a-z]{2}(?:\/[a-z]{2})?:/, ""))
    .flatMap((line) => line.split(","))
    .map((keyword) => keyword.trim())
    .filter((keyword) => keyword !== "");
}

/** All categories; the ranker takes the highest-scoring one that matches. */
export const LINK_CATEGORIES: readonly LinkCategory[] = [
  {
    name: "people",
    score: 100,
    keywords: vocabulary(`
      en: team, teams, our team, meet the team, meet our team, the team, people, our people, leadership,
      en: leadership team, management, management team, executive team, executives, board, board of directors,
      en: directors, founders, founder, staff, employees, who is who, whos who, experts, our experts,
      en: attorneys, lawyers, consultants
      de: unser team, das team, mitarbeiter, mitarbeitende, ansprechpartner, ansprechpartnerin, vorstand,
      de: geschaftsfuhrung, geschaeftsfuehrung, geschaftsleitung, geschaeftsleitung, fuhrungsteam,
      de: fuehrungsteam, aufsichtsrat, personen, kopfe, koepfe
      fr: equipe, notre equipe, l equipe, equipe dirigeante, direction, dirigeants, gouvernance,
      fr: collaborateurs, associes
      es: equipo, nuestro equipo, el equipo, equipo directivo, directiva, personas, socios
      nl: ons team, het team, medewerkers, mensen, onze mensen, directie, bestuur
      it/pt: il nostro team, nossa equipe, nossa equipa
    `),
  },
  {
    name: "contact",
    score: 90,
    keywords: vocabulary(`
      en: contact, contacts, contact us, contact form, get in touch, reach us, legal notice, imprint
      de: kontakt, kontaktformular, impressum, kontaktieren sie uns, anfahrt
      fr: nous contacter, contactez nous, contactez, mentions legales
      es: contacto, contactanos, contacta, aviso legal
      nl: neem contact op, contact opnemen, colofon
      it/pt: contatti, contatto, contato, fale conosco, note legali
    `),
  },
  {
    name: "about",
    score: 70,
    keywords: vocabulary(`
      en: about, about us, who we are, company, our company, our story, firm, the firm, organisation,
      en: organization
      de: uber uns, ueber uns, wir uber uns, wir ueber uns, unternehmen, das unternehmen, wer wir sind, firma
      fr: a propos, qui sommes nous, qui nous sommes, societe, notre societe, entreprise, cabinet
      es: nosotros, quienes somos, sobre nosotros, acerca de, empresa, la empresa, compania
      nl: over ons, wie zijn wij, wie we zijn, bedrijf, organisatie
      it/pt: chi siamo, azienda, sobre nos, quem somos
    `),
  },
  {
    name: "locations",
    score: 45,
    keywords: vocabulary(`
      en: locations, offices, our offices
      de: standorte, standort, niederlassungen
      fr: bureaux, implantations
      es: oficinas, sedes
      nl: vestigingen, kantoren
      it/pt: sedi
    `),
  },
  {
    name: "press",
    score: 30,
    keywords: vocabulary(`
      en: press, media, newsroom, press room, investors, investor relations
      de: presse, pressekontakt, investoren
      es: prensa, sala de prensa
      nl: pers
    `),
  },
  {
    name: "careers",
    score: 20,
    keywords: vocabulary(`
      en: careers, career, jobs, job, join us, work with us, vacancies
      de: karriere, stellenangebote, stellen, jobs und karriere
      fr: carrieres, carriere, emplois, recrutement, nous rejoindre
      es: empleo, empleos, trabaja con nosotros
      nl: vacatures, werken bij
      it/pt: lavora con noi, carreiras, trabalhe conosco
    `),
  },
  {
    name: "content",
    score: 0,
    keywords: vocabulary(`
      en: blog, blogs, news, article, articles, post, posts, stories, insights, events, webinars, tag, tags,
      en: category, categories, archive, author, feed, products, product, shop, store, catalog, catalogue,
      en: solutions, services, pricing
      de: aktuelles, neuigkeiten, nachrichten, produkte, produkt, leistungen, veranstaltungen
      fr: actualites, nouvelles, produits, boutique, evenements
      es: noticias, productos, tienda, eventos
      nl: nieuws, producten, winkel, evenementen
      it/pt: notizie, prodotti
    `),
  },
  {
    name: "legal",
    score: -5,
    keywords: vocabulary(`
      en: privacy, privacy policy, cookie, cookies, cookie policy, terms, terms of use, terms and conditions,
      en: legal, disclaimer, gdpr, accessibility, sitemap
      de: datenschutz, datenschutzerklarung, agb, nutzungsbedingungen, barrierefreiheit
      fr: confidentialite, politique de confidentialite, cgv, cgu
      es: privacidad, politica de privacidad, terminos
      nl: privacybeleid, voorwaarden, algemene voorwaarden
    `),
  },
  {
    name: "account",
    score: -20,
    keywords: vocabulary(`
      en: login, log in, signin, sign in, signup, sign up, register, account, my account, cart, basket,
      en: checkout, wishlist, search, logout, password
      de: anmelden, registrieren, warenkorb, konto, suche
      fr: connexion, panier, recherche
      es: carrito, buscar
      nl: inloggen, winkelwagen, zoeken
    `),
  },
];
