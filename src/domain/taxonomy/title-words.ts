/**
 * The words and shapes that tell a line of text from a job title, besides the lexicons:
 * words titles never hold (pronouns, verbs, calls to action, contact labels), the fillers an
 * area title may hold, a navigation arrow, and a title's qualifiers in parentheses.
 */
import { phraseList, tokenize } from "./phrases.ts";

/** Words that make a line prose or navigation rather than a title: pronouns, verbs, calls to action. */
export const NOT_IN_TITLES = new Set(
  phraseList(`
    we, our, ours, us, you, your, my, he, she, his, her, they, their, is, are, was, were, has, have, had,
    unseren, unserem, unserer, unseres, nuestros, nuestras, leur, leurs,
    will, would, can, this, ich, wir, unser, unsere, ist, sind, war, hat, haben, wird, nous, notre, nos,
    vous, votre, est, sont, nosotros, nuestro, nuestra, somos, wij, ons, onze, zijn, heeft, hebben,
    ihr, ihre, ihren, ihrem, dein, deine, euer, eure, vos, tu, tus, su, sus, jouw, uw, je,
    guest, invited, invitado, invitada, invite, invitee, gast, gastautor, gastautorin, gastdocent,
    joined, since, become, join, meet, read, learn, discover, explore, download, apply, follow, view,
    click, subscribe, mehr, erfahren, lesen, entdecken, savoir, decouvrir, lire, leer, lees, meer, ontdek`),
);

/**
 * A title's qualifiers in parentheses ("Accounting Manager (Owner Statements)", "Senior
 * energieadviseur (EPA-W, NTA 8800)", "Drukker (Heidelberg Speedmaster XL 106)"): the title
 * is judged without them, and they may hold what a title's own words may not (digits, a
 * licence number). Null when the line has none, or one that no title carries (an address,
 * a link, a phone number).
 */
export function withoutQualifiers(line: string): string | null {
  if (!line.includes("(")) return null;
  const qualifiers = line.match(/\([^()]*\)/g);
  const unlike = /@|https?:|www\.|\d{5,}|\+\d|\d[\d\s./-]{6,}\d/;
  // A year or a number alone ("(2023)") dates or counts something: a project, not a job.
  if (!qualifiers || qualifiers.some((q) => q.length > 62 || unlike.test(q) || !/\p{L}/u.test(q)))
    return null;
  const core = line.replace(/\s*\([^()]*\)/g, "").trim();
  return core.length >= 2 && !/[()]/.test(core) ? core : null;
}

/** A navigation arrow ("← All leadership", "« Zurück zum Team"): a link back, never a title. */
export const BACK_LINK = /^[←↩⟵⇐‹«<]|[→⟶⇒›»>]$/;

/** Words an area title may hold besides lexicon phrases: connectors and regions ("Außendienst Süd"). */
export const AREA_FILLERS = new Set(
  phraseList(`
    and, und, et, y, en, of, for, fur, voor, de, del, der, des, du, la, le, the, van,
    north, south, east, west, nord, sud, ost, oost, zuid, noord, norte, sur, este, oeste, est, ouest,
    international, national, regional, emea, dach, europe, europa, benelux, intern, extern,
    services, service, team, department, division, group, corporate, general, global`),
);

/** Regions a title's last part may name ("Head of Customer Success, UK & Ireland", "VP Sales, DACH"). */
export const REGIONS = new Set(
  phraseList(`
    uk, gb, ireland, us, usa, canada, americas, latam, apac, asia, pacific, africa, mena, nordics, iberia,
    emea, dach, europe, europa, benelux, france, germany, deutschland, spain, espana, italy, netherlands,
    nederland, belgium, belgie, belgique, switzerland, schweiz, suisse, austria, osterreich, scotland, wales,
    england, london, paris, berlin, madrid, amsterdam, global, worldwide, international, national, regional`),
);

/** Link and contact labels that sit where a title would on a card ("Profil", "E-Mail", "Read bio"). */
export const CARD_LABELS = new Set(
  phraseList(`
    email, mail, phone, tel, telefon, telefoon, telephone, telefono, fax, mobile, mobil, call,
    contact, kontakt, contacto, linkedin, xing, twitter, instagram, facebook, website, web, vcard,
    profile, profil, perfil, profiel, bio, biography, biografie, biographie, biografia, more, plus,
    cv, portrait, portret, details, info, zum, vers, ver, naar, book, schedule, appointment, termin,
    vereinbaren, prendre, rendez, afspraak, maken, cita, pedir, reservar, write, schreiben, ecrire`),
);

/** True when a short part names only regions ("UK & Ireland", "DACH", "North America"): a title's territory. */
export function isRegionPart(text: string): boolean {
  if (text.length > 40 || /[\d@]/.test(text)) return false;
  const tokens = tokenize(text);
  return (
    tokens.some((t) => REGIONS.has(t)) &&
    tokens.every((t) => REGIONS.has(t) || AREA_FILLERS.has(t) || t === "and" || t === "america")
  );
}

/** A product's number is part of a title ("Consultant Cloud & Microsoft 365"), unlike a phone's or a street's. */
export const PRODUCT_NUMBER = /\b(?:Microsoft|Office|Dynamics|Windows(?: Server)?|SQL Server)\s+\d{2,4}\b/g;

/** "a coastal ecologist at …", "une paysagiste": a description with an indefinite article, not a title. */
export const DESCRIPTION = /^(?:a|an|un|une|una|uno|ein|eine|einen|een)\s/i;

/** "former CPO, Meridian News", "ehemaliger Geschäftsführer": a role someone had, elsewhere or before. */
export const FORMER =
  /^(?:former|ex-|retired|ehemalige[rn]?|fr[üu]here[rn]?|ancien(?:ne)?|antigu[oa]|voormalig[e]?|oud-)/i;
export const unbalanced = (line: string) =>
  (line.match(/\(/g)?.length ?? 0) !== (line.match(/\)/g)?.length ?? 0);
