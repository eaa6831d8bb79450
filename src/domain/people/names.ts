/**
 * Splitting a person's name as a company website displays it ("Prof. Dr. Jan
 * van der Berg", "MÜLLER, Anna", "John F. Kennedy Jr.") into the parts email
 * addresses are built from, and telling names apart from other short
 * capitalised texts on a page ("Read More", "Acme GmbH").
 *
 * Rules, in order:
 * - Parenthesised or quoted nicknames are dropped: "Robert (Bob) Smith".
 * - Trailing comma-separated suffixes are peeled off ("Jane Doe, PhD"); one
 *   remaining comma means "LAST, First" ("Müller, Anna").
 * - Honorifics are peeled off the front and suffixes off the end. "M." is
 *   only Monsieur when a full name follows, otherwise it is an initial.
 * - ALL-CAPS words are title-cased ("JOHN O'BRIEN" -> "John O'Brien"), and
 *   ALL-CAPS particles lowercased ("VAN DER BERG" -> "van der Berg").
 * - The last name starts at the first particle after the first word that
 *   still has a word after it ("Ludwig van Beethoven"), or at the word before
 *   a Spanish "y" ("José Ortega y Gasset").
 * - Without either, two or three words end in a one-word last name ("Gabriel
 *   García Márquez" gets middle "García": we cannot tell a Spanish double
 *   surname from a middle name at that length). Four or five words end in a
 *   two-word last name, because names displayed that long are mostly Spanish
 *   or Portuguese double surnames ("María José García López" -> first "María",
 *   middle "José", last "García López") — unless the second-to-last word is an
 *   initial ("George H. W. Bush").
 */
import { memoizeString } from "../memo.ts";
import {
  companyWords,
  honorifics,
  hyphenatedParticle,
  isCompanyWord,
  isCompoundGivenName,
  isGermanNounWord,
  nonNameWords,
  particleLength,
  particles,
  suffixes,
  wordKey,
} from "./name-words.ts";
import { nonNamePhrases } from "./non-name-phrases.ts";

/** A person's name split into parts; `last` includes its particle ("van der Berg"). */
export interface PersonName {
  /** The name in natural order without honorifics or suffixes: "Jan van der Berg". */
  full: string;
  first: string;
  last: string;
  middle: string | null;
  /** The particle that starts the last name, as written: "van der", "de la", "al". */
  particle: string | null;
  /** Post-nominal suffixes as written, space-separated: "Jr.", "PhD". */
  suffix: string | null;
  /** Honorifics as written, space-separated: "Prof. Dr.". */
  prefix: string | null;
}

const maxNameWords = 5;
/** Letters and a name's punctuation; "&" only inside a credential ("BVM&S"), never a word of its own. */
const allowedText = /^(?:[\p{L}\p{M} .,'-]|(?<=\p{Lu})&(?=\p{Lu}))+$/u;
const nameWord = /^[\p{L}\p{M}]+(?:['-][\p{L}\p{M}]+)*$/u;
const lowercasePrefixed = /^\p{Ll}{1,4}['-]\p{Lu}/u;
const initial = /^\p{Lu}\.?$/u;
/** "J.P.", "H.-P." (Hans-Peter): initials written without a space, a hyphen kept from the names. */
const joinedInitials = /^\p{Lu}\.(?:-?\p{Lu}\.){1,2}$/u;
const particleWords: ReadonlySet<string> = new Set(particles.flat());

/** Splits a displayed person name into parts; null when it is not plausibly a person's name. */
function splitNameUncached(displayed: string): PersonName | null {
  const text = clean(displayed);
  if (text.length === 0 || text.length > 100 || !allowedText.test(text)) return null;
  if (nonNamePhrases.has(text.toLowerCase())) return null;

  const segments = text.split(",").map((segment) => segment.trim());
  const suffixWords: string[] = [];
  while (segments.length > 1) {
    const trailing = words(segments.at(-1) ?? "");
    if (trailing.length === 0 || !trailing.every(isSuffix)) break;
    suffixWords.unshift(...trailing);
    segments.pop();
  }
  if (segments.length > 2) return null;
  const inverted = segments.length === 2;
  const given = words(segments[inverted ? 1 : 0] ?? "");
  const family = inverted ? words(segments[0] ?? "") : [];
  // "Dayton, OH", "Zwolle, NL": a place and its state or country code, not "Last, First".
  if (inverted && given.length === 1 && /^\p{Lu}{2}$/u.test(given[0]!)) return null;

  const prefixWords = takeHonorifics(given, inverted ? 1 : 2);
  const minimum = inverted ? 1 : 2;
  suffixWords.unshift(...takeSuffixes(given, minimum));
  if (inverted) suffixWords.unshift(...takeSuffixes(family, 1));

  const tokens = inverted ? [...family, ...given] : given;
  const compound = !inverted && isCompoundGivenName(tokens);
  if (tokens.length < 2 || tokens.length > maxNameWords + (compound ? 1 : 0)) return null;
  if (
    tokens.some((token) => {
      const key = wordKey(token);
      // A legal form after a hyphen is still one: "Krämer Verwaltungs-GmbH".
      const tail = key.includes("-") ? key.slice(key.lastIndexOf("-") + 1) : "";
      return (
        isCompanyWord(key) ||
        nonNameWords.has(key) ||
        isGermanNounWord(key) ||
        (tail !== "" && companyWords.has(tail))
      );
    })
  ) {
    return null;
  }

  const shouting = tokens.every((token) => !hasLowercase(token));
  const lastStart = inverted ? 0 : compound ? tokens.length - 2 : findLastNameStart(tokens, shouting);
  const ordered = inverted ? [...given, ...family] : tokens;
  const lastFrom = inverted ? given.length : lastStart;
  if (lastFrom < 1) return null;

  const cased = ordered.map((token, i) =>
    normaliseWord(token, i, compound ? 1 : lastFrom, ordered.length, shouting),
  );
  if (cased.some((token) => token === null)) return null;
  const parts = cased as string[];

  const lastWords = parts.slice(lastFrom);
  const last = lastWords.join(" ");
  // "María del Mar" is one given name; "J. R." written as initials only is the first name.
  const givenWords = parts.slice(0, lastFrom);
  const joined = compound || givenWords.every((word) => initial.test(word) || joinedInitials.test(word));
  const first = joined ? givenWords.join(" ") : (givenWords[0] ?? "");
  const middle = joined ? null : givenWords.slice(1).join(" ") || null;
  const particleCount = particleLength(lastWords, 0);
  const particle =
    particleCount > 0 && particleCount < lastWords.length
      ? lastWords.slice(0, particleCount).join(" ")
      : (hyphenatedParticle.exec(lastWords[0] ?? "")?.[1]?.toLowerCase() ?? null);

  return {
    full: [first, middle, last].filter(Boolean).join(" "),
    first,
    last,
    middle,
    particle,
    suffix: suffixWords.join(" ") || null,
    prefix: prefixWords.join(" ") || null,
  };
}

/**
 * True when a short text reads like a person's name: it splits (capitalised
 * name words, no digits, no company or page-furniture words) into 2 to 4
 * words besides particles, and is at most 60 characters long.
 */
function isLikelyPersonNameUncached(text: string): boolean {
  if (text.length > 60) return false;
  const name = splitNameMemo(text);
  if (!name) return false;
  const nameWords = name.full.split(" ").filter((word) => !isConnectingWord(word));
  return nameWords.length >= 2 && nameWords.length <= 4;
}

/** Plain ASCII names with single spaces (most of them) are already clean. */
const alreadyClean = /^[A-Za-z.,'-]+(?: [A-Za-z.,'-]+)*$/;

/** "Dr. med. dent." / "Dr. med. vet.": the field after "med." belongs to the degree (Dent is also a surname). */
const medicalField = /\bmed\.\s*(?:dent|vet)\./gi;

function clean(input: string): string {
  const displayed = input.includes("med.") ? input.replace(medicalField, "med.") : input;
  if (alreadyClean.test(displayed)) return displayed;
  return (
    displayed
      .normalize("NFC")
      .replace(/[’‘ʼ`´]/g, "'")
      // "CFP®": a credential's registration mark is not part of it.
      .replace(/[®™℠]/g, "")
      .replace(/\([^()]*\)/g, " ")
      .replace(/["“”„«»][^"“”„«»]*["“”„«»]/g, " ")
      .replace(/\s+/g, " ")
      .trim()
  );
}

function words(segment: string): string[] {
  return segment.split(" ").filter((word) => word.length > 0);
}

/**
 * A credential as post-nominals are written: in capitals ("MBBS", "FFSEM", "FRCP(C)"; not "Mc"
 * or "O"), with an ampersand ("BVM&S"), or a certificate or diploma named by capitals ("CertAVP",
 * "DipECVS", "PgCert").
 */
const credential =
  /^(?:\p{Lu}{3,6}|\p{Lu}{2,5}&\p{Lu}{1,3}|(?:Cert|Dip|PgDip|PGDip|PgCert|PGCert|Assoc|Tech)\p{Lu}{0,6})$/u;

function isSuffix(word: string): boolean {
  return suffixes.has(wordKey(word));
}

/** Removes leading honorifics from `given` in place and returns them. */
function takeHonorifics(given: string[], wordsAfter: number): string[] {
  const taken: string[] = [];
  for (let word = given[0]; word !== undefined; word = given[0]) {
    const key = wordKey(word);
    if (!honorifics.has(key) || (key === "di" && word !== "DI")) break;
    // "M." is Monsieur only before a full name; otherwise it is an initial.
    const next = given[1] ?? "";
    if (key === "m" && (!word.endsWith(".") || given.length - 1 < wordsAfter || initial.test(next))) break;
    taken.push(word);
    given.shift();
  }
  return taken;
}

/** Removes trailing suffixes from `tokens` in place, keeping `minimum` words, and returns them. */
function takeSuffixes(tokens: string[], minimum: number): string[] {
  // Trailing capitals are post-nominals when a known one is among them ("Imran Qureshi MBBS MSc
  // FFSEM"), never alone: "Marie Claire DUPONT" writes the surname in capitals.
  let run = 0;
  while (run < tokens.length - minimum) {
    const word = tokens[tokens.length - 1 - run]!;
    if (!isSuffix(word) && !credential.test(word)) break;
    run += 1;
  }
  const trailing = tokens.slice(tokens.length - run);
  if (!trailing.some(isSuffix)) return [];
  // The run starts at its first known suffix or capitals next to one: "MBBS MSc FFSEM" whole.
  tokens.splice(tokens.length - run, run);
  return trailing;
}

function findLastNameStart(tokens: readonly string[], shouting: boolean): number {
  const n = tokens.length;
  for (let i = 1; i < n - 1; i++) {
    const length = particleLength(tokens, i);
    if (length > 0 && i + length < n) return i;
  }
  for (let i = 2; i < n - 1; i++) {
    if (isSpanishAnd(tokens[i] ?? "", shouting)) return i - 1;
  }
  const beforeLast = tokens[n - 2] ?? "";
  return n >= 4 && !initial.test(beforeLast) ? n - 2 : n - 1;
}

function isSpanishAnd(word: string, shouting: boolean): boolean {
  return word === "y" || (shouting && word === "Y");
}

function isConnectingWord(word: string): boolean {
  return particleWords.has(word.toLowerCase()) || word === "y";
}

function hasLowercase(word: string): boolean {
  return /\p{Ll}/u.test(word.replaceAll("ß", ""));
}

/**
 * The word as it should read in the name, or null when it cannot be part of
 * it: lowercase words are only allowed as particles inside the last name.
 */
function normaliseWord(word: string, index: number, lastFrom: number, count: number, shouting: boolean) {
  const inLastName = index >= lastFrom;
  const isFinal = index === count - 1;
  if (
    inLastName &&
    !isFinal &&
    index > 0 &&
    (particleWords.has(word.toLowerCase()) || isSpanishAnd(word, shouting))
  ) {
    // "Jan VAN Berg" reads "van"; a one-letter particle ("Ó Briain") is written in capitals.
    return shouting || (!hasLowercase(word) && word.length > 1) ? word.toLowerCase() : word;
  }
  if (initial.test(word)) return inLastName ? null : `${word.charAt(0)}.`;
  // "J.P. Brouwer": initials written without a space stay as written.
  if (joinedInitials.test(word)) return inLastName ? null : word;
  if (!nameWord.test(word)) return null;
  const shouted = !hasLowercase(word) && (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
  const cased = shouted ? titleCase(word) : word;
  return /^\p{Lu}/u.test(cased) || lowercasePrefixed.test(cased) ? cased : null;
}

function titleCase(word: string): string {
  const lower = word.toLowerCase();
  const cased = lower.replace(/(^|['-])(\p{L})/gu, (_, separator: string, letter: string) => {
    return separator + letter.toUpperCase();
  });
  // "AL-RASHID" reads "al-Rashid": the hyphenated particle stays lowercase.
  return hyphenatedParticle.test(lower) ? lower.slice(0, 3) + cased.slice(3) : cased;
}

/** Memoised isLikelyPersonName (pure; inputs repeat across a page and a crawl). */
export const isLikelyPersonName = memoizeString(isLikelyPersonNameUncached);

/** Memoised: see splitNameUncached. Returns a fresh copy each call. */
export function splitName(input: string) {
  const value = splitNameMemo(input);
  return value && { ...value };
}
const splitNameMemo = memoizeString(splitNameUncached);
