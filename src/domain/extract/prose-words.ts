/** The small words the prose readers (people-prose.ts) decide by, in the five languages. */

/** Words that end a role phrase: pronouns, prepositions, conjunctions. */
export const stopWords = new Set(
  `he she they who which that and or in at since for with from to by on after before until
   er sie und oder in im bei seit mit von fur für nach il elle qui et ou dans chez depuis avec pour
   él ella que y o en desde con para hij zij die bij sinds met voor op aan om naar tot uit te tijdens
   every each jeden jede jedes am auf chaque cada elke iedere`.split(/\s+/),
);
export const maxRoleWords = 6;
/** Words that join two fields of one role. */
export const joiners = new Set(["and", "und", "et", "y", "en", "&"]);
/** Words a role never ends with: what follows them is a firm or a place. */
export const prepositions = new Set([
  "de",
  "del",
  "of",
  "van",
  "von",
  "du",
  "des",
  "la",
  "le",
  "di",
  "der",
  "for",
  "für",
  "at",
  "bei",
]);
/** Words that open a clause, after which a bare role may name the clause's subject. */
export const clauseOpeners = new Set(
  `while whilst whereas and but während und aber tandis mais et mientras pero y terwijl maar en by door von durch par por`.split(
    /\s+/,
  ),
);
