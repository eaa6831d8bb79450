/**
 * Whole phrases that read as names word by word but are none: page furniture ("Read more",
 * "Our team") and the names of a team widget's template card ("John Doe", "Max Mustermann").
 */

/** The names of a team widget's template card, as themes ship them: the card names nobody. */
export const templateNames: ReadonlySet<string> = new Set([
  "john doe",
  "jane doe",
  "your name",
  "nombre apellido",
  "nombre y apellido",
  "prénom nom",
  "vorname nachname",
  "max mustermann",
  "erika mustermann",
  "voornaam achternaam",
  "naam achternaam",
  "first last",
  "firstname lastname",
  "full name",
]);

/** Whole phrases that look like names word by word but are page furniture. */
export const nonNamePhrases: ReadonlySet<string> = new Set([
  "read more",
  "show more",
  "load more",
  "see more",
  "find more",
  "view more",
  "learn more",
  "page not found",
  "mehr lesen",
  "weiterlesen",
  "lees meer",
  "leer más",
  "saiba mais",
  "en savoir plus",
  ...templateNames,
  "front desk",
  "name surname",
  "nom prénom",
  "job title",
  "your title",
  "your position",
  "team member",
  "member name",
]);
