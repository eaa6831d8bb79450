/**
 * People whose role is only told in prose: "Maria Gonzalez leads our finance team as CFO",
 * "Aaron Whitfield founded the firm. As our CEO he …", "Pablo Gil cuida nuestras cepas como
 * capataz de viñedo". The role is the title phrase after "as" (als, como, comme, en tant
 * que), without article or possessive; it belongs to the person named last before it in the
 * paragraph. People mentioned without a role are not reported from prose.
 */

import { isLikelyPersonName } from "../people/names.ts";
import {
  isLikelyAreaTitle,
  isLikelyTitle,
  isLikelyTitleSlot,
  isRegionPart,
  isTitleShaped,
} from "../taxonomy/titles.ts";
import { clauseOpeners, joiners, maxRoleWords, prepositions, stopWords } from "./prose-words.ts";
import type { FoundPerson, PersonSource } from "./types.ts";

const marker =
  /(?<![\p{L}])(?:as|als|como|comme|en tant que)\s+(?:(?:our|the|unser|unsere|unserer|nuestro|nuestra|el|la|notre|le|onze|de|het)\s+)?/giu;
/** "after a decade as a trial lawyer": a role with an indefinite article is a description. */
const indefinite = /^(?:a|an|un|une|una|uno|ein|eine|einen|een)\s/i;
/** Capitalised words in a row, particles allowed between them: the places a name can be. */
const nameRun =
  /\p{Lu}(?:[\p{L}'’-]+|\.)(?:\s+(?:(?:van|von|de|der|den|del|la|le|da|di|du|ten|ter)\s+)*\p{Lu}(?:[\p{L}'’-]+|\.)){1,4}/gu;
/** A guest's bio ("guest contributor", "sumiller invitada") describes someone from outside. */
const guest = /(?<!\p{L})(?:guest|gast|invitad[oa]|invit[ée]e?)(?!\p{L})/iu;
/**
 * "Tom Reed, our head brewer, …": an apposition with a possessive gives the role; so does a relative
 * clause in the present ("Tomeu Salas, who has been our head gardener since 1998", "qui est notre …").
 */
const apposition =
  /^,\s+(?:(?:who(?:'s| is| has been)|qui est|que es)\s+)?(?:our|unser|unsere|unserer|notre|nuestro|nuestra|onze)\s+/iu;
/** A paragraph that can give a role: a marker word, an apposition, or a possessive before a role. */
const mayGiveRole =
  /\p{Ll},\s+[^,.;:]{2,60},\s+\p{Ll}|(?:^|\s)(?:as|als|como|comme|que)\s|,\s(?:(?:who(?:'s| is| has been)|qui est|que es)\s)?(?:our|unser|unsere|unserer|notre|nuestro|nuestra|onze)\s|(?:^|\s)(?:our|unser|unsere|unserer|unseren|notre|nos|nuestro|nuestra|onze|ons)\s+[^\s,.;:]+(?:\s+[^\s,.;:]+){0,4}?\s+\p{Lu}\p{Ll}+\s+\p{Lu}/iu;
/** "Our practice manager, Bethan Lloyd, …", "while accounts assistant Kwame Asante …": a role before its holder. */
const roleBeforeName =
  /(?:^|\s)(?:[Oo]ur|[Uu]nser[e]?|[Nn]otre|[Nn]uestr[oa]|[Oo]nze)\s+[^\s,.;:]+(?:\s+[^\s,.;:]+){0,4}?,\s+\p{Lu}|(?:^|\s)(?:while|whilst|whereas|and|but|während|und|aber|tandis|mais|et|mientras|pero|y|terwijl|maar|en)\s+\p{Ll}[^\s,.;:]*(?:\s+\p{Ll}[^\s,.;:]*){0,3}\s+\p{Lu}\p{Ll}+\s+\p{Lu}/u;
/** "our CEO Jane Smith", "unser Geschäftsführer Max Berger": a possessive, a role, the holder's name. */
const possessive = /^(?:our|unser|unsere|unserer|unseren|notre|nuestro|nuestra|onze|ons)$/i;
/** "CEO of Northwind", "directeur de Acme": a role at a firm named after it. */
const ofFirm = /\s(?:of|at|de|du|van|von|bei|chez|bij)\s+\p{Lu}/u;
/** "… as Head of Communications at Fieldhouse Labs": a role at another company. */
const elsewhere = /^[\s,]*(?:at|bei|chez|bij)\s+\p{Lu}/u;

/** People whose role a paragraph gives in a sentence. */
export function prosePeople(lines: readonly string[]): FoundPerson[] {
  const found: FoundPerson[] = [];
  for (const line of lines) {
    if (line.length < 30 || line.length > 1500 || !(mayGiveRole.test(line) || roleBeforeName.test(line)))
      continue;
    if (guest.test(line)) continue;
    for (const [name, title] of rolesIn(line)) {
      found.push({ name, title, email: null, source: "prose", profiles: [] });
    }
  }
  return found;
}

/** The (name, role) pairs of one paragraph, one role per person. */
function rolesIn(paragraph: string): Map<string, string> {
  const names = [...paragraph.matchAll(nameRun)].flatMap((m) => {
    const name = personIn(m[0]);
    return name ? [{ name, at: m.index! }] : [];
  });
  const roles = new Map<string, string[]>();
  if (names.length === 0) return new Map();
  const add = (name: string, role: string) => roles.set(name, [...(roles.get(name) ?? []), role]);
  for (const m of paragraph.matchAll(marker)) {
    const from = m.index! + m[0].length;
    const rest = paragraph.slice(from);
    const role = indefinite.test(rest) ? null : rolePhrase(rest);
    if (!role || elsewhere.test(rest.slice(role.length))) continue;
    // "As our head of finance, Clara Jensen …": the name right after the role is its holder.
    const after = /^,\s*/.exec(rest.slice(role.length));
    const next = after && names.find((n) => n.at === from + role.length + after[0].length);
    const subject = next ?? names.filter((n) => n.at < m.index!).at(-1);
    if (subject) add(subject.name, role);
  }
  for (const { name, at } of names) {
    const rest = paragraph.slice(paragraph.indexOf(name, at) + name.length);
    // "Vragen? Karin Smits, hr-adviseur, vertelt je …": a sentence opening with a name and a known title set
    // off by commas, of no other firm ("founded by Arthur Pennant, a bookseller," is history, not a role).
    const bare = /^,\s+([^,.;:!?()]{2,60}),\s+\p{Ll}/u.exec(rest)?.[1];
    const opensSentence = /(?:^|\p{Ll}{3}[.!?]\s+|[?!:]\s+)$/u.test(
      paragraph.slice(0, paragraph.indexOf(name, at)),
    );
    if (bare && opensSentence && !indefinite.test(bare) && isLikelyTitle(bare) && !ofFirm.test(bare))
      if (!isLikelyPersonName(bare)) add(name, bare);
    const a = apposition.exec(rest);
    const role = a && rolePhrase(rest.slice(a[0].length));
    if (role && !elsewhere.test(rest.slice(a[0].length + role.length))) add(name, role);
  }
  for (const { name, at } of names) {
    const start = paragraph.indexOf(name, at);
    const role = roleBefore(paragraph.slice(0, start), paragraph.slice(start + name.length));
    if (role) add(name, role);
  }
  const out = new Map<string, string>();
  // A role written as a title ("Head of Data Science") beats a description ("first data scientist").
  // The role told last is the one held now ("der 2021 als Praktikant begann, arbeitet heute als Motion Designer").
  for (const [name, list] of roles) out.set(name, list.findLast((r) => /^\p{Lu}/u.test(r)) ?? list.at(-1)!);
  return out;
}

/**
 * The role right before a name: after a possessive ("… our CEO" Jane Smith, "unser
 * Geschäftsführer" Max Berger, "Our practice manager, Bethan Lloyd, runs …"), the longest title
 * between the possessive and the name; or written in lower case after a clause's start ("while
 * accounts assistant Kwame Asante looks after …").
 */
function roleBefore(text: string, after: string): string | null {
  // "Our practice manager, Bethan Lloyd, …": the name set off by commas after its role.
  const apposed = /,\s*$/.test(text) && /^,\s/.test(after);
  const body = apposed ? text.replace(/,\s*$/, "") : text;
  if (/[.,;:!?)»”"]\s*$/.test(body)) return null;
  const words = body
    .trim()
    .split(/\s+/)
    .slice(-(maxRoleWords + 1));
  for (let start = 0; start < words.length - 1; start++) {
    if (!possessive.test(words[start]!)) continue;
    const role = words.slice(start + 1);
    // Set off by commas, the role may join two fields ("Our finance and operations lead, Teresa Nguyen, …").
    const stops = (w: string) => stopWords.has(w.toLowerCase()) && !(apposed && joiners.has(w.toLowerCase()));
    if (role.some((w) => stops(w) || /[.,;:!?]$/.test(w))) continue;
    const phrase = role.join(" ");
    // "our partner Atlas Customs Brokers": a partner named this way is mostly a firm.
    if (isLikelyTitle(phrase) && !/^(?:partners?|partenaires?)$/i.test(phrase)) return phrase;
  }
  return apposed ? null : lowercaseRoleBefore(words);
}

/**
 * "while accounts assistant" (Kwame Asante): a lower-case title right after a clause's first word, or
 * one title word right after a verb ("versterkt leerling-timmerman" Sven Hilbrands).
 */
function lowercaseRoleBefore(words: readonly string[]): string | null {
  for (let start = Math.max(1, words.length - 4); start < words.length; start++) {
    const opener = words[start - 1]!;
    const role = words.slice(start);
    // "Sinds vorig jaar versterkt leerling-timmerman Sven Hilbrands ons team": one role word right after a verb.
    const afterVerb =
      role.length === 1 &&
      /^\p{Ll}+$/u.test(opener) &&
      !stopWords.has(opener) &&
      !prepositions.has(opener) &&
      !possessive.test(opener);
    if (!clauseOpeners.has(opener.toLowerCase()) && !/,$/.test(opener) && !afterVerb) continue;
    if (role.some((w) => !/^\p{Ll}[\p{L}-]*$/u.test(w) || stopWords.has(w) || clauseOpeners.has(w))) continue;
    // "gerente de logística de" (Viña Los Boldos): a role of a firm named after it, not a person's.
    if (prepositions.has(role.at(-1)!)) continue;
    const phrase = role.join(" ");
    if (isLikelyTitle(phrase)) return phrase;
  }
  return null;
}

/**
 * The role a card's bio gives its person, who is named above it and in the bio by first name
 * at most: "Today he heads our paid team as Head of Performance Marketing", "As our Senior Content
 * Strategist, Elena turns interviews … into plans". Null when it names none, or one elsewhere.
 */
export function bioRole(bio: string): string | null {
  if (bio.length > 1500 || !/(?:^|\s)(?:as|als|como|comme|que)\s/i.test(bio) || guest.test(bio)) return null;
  for (const m of bio.matchAll(marker)) {
    const rest = bio.slice(m.index! + m[0].length);
    const role = indefinite.test(rest) ? null : rolePhrase(rest);
    if (role && !elsewhere.test(rest.slice(role.length))) return role;
  }
  return null;
}

/** The person's name in a run of capitalised words: the longest window of two to five words that is one. */
function personIn(run: string): string | null {
  const words = run.split(/\s+/);
  for (let n = Math.min(words.length, 5); n >= 2; n--) {
    for (let start = 0; start + n <= words.length; start++) {
      const candidate = words.slice(start, start + n).join(" ");
      // "Frontend-Entwickler Emre Kılıç": a role word before the name is not part of it; "the
      // Franklin County Engineer’s office" names an office.
      if (isLikelyPersonName(candidate) && !isLikelyTitle(words[start]!) && !/['’]s$/.test(candidate))
        return candidate;
    }
  }
  return null;
}

/** The longest title at the start of `text`, up to punctuation or a word that ends the phrase. */
function rolePhrase(text: string): string | null {
  const { words, comma } = phraseWords(text);
  for (let n = Math.min(words.length, maxRoleWords); n >= 1; n--) {
    const phrase = words.slice(0, n).join(" ");
    if (!isLikelyTitle(phrase)) continue;
    // "as VP, Payroll Services", "as Head of Sales, UK & Ireland": a department or a region after
    // the comma still belongs to the title.
    if (n === words.length && comma) {
      const more = phraseWords(text.slice(text.indexOf(",") + 1)).words.join(" ");
      if (more && (isLikelyAreaTitle(more) || isRegionPart(more))) return `${phrase}, ${more}`;
    }
    return phrase;
  }
  return null;
}

/**
 * A role's qualifier in brackets, one word of the phrase: "as Design Lead (Brand, Web & Motion)".
 * Not a date or a count ("as CFO (since 2019)"): no digits.
 */
const qualifier = /^\([^()\d]{2,60}\)/;

/** "and" joining a title's last two words: "directrice administrative et financière", "CEO and Founder". */
const joiner = /^(?:and|und|et|y|en|e)\s+([^\s.,;:!?]+)(?=[.,;:!?]|$)/;

/**
 * The words of `text` up to punctuation, a digit or a word that ends a role phrase. An "and"
 * stays when one word after it ends the clause ("comme directrice administrative et
 * financière."); "as CFO and runs the office" ends at "and".
 */
function phraseWords(text: string): { words: string[]; comma: boolean } {
  const words: string[] = [];
  let rest = text.trim();
  while (rest && words.length <= maxRoleWords) {
    const joined = words.length > 0 ? joiner.exec(rest) : null;
    if (joined) {
      words.push(rest.slice(0, joined[0].length - joined[1]!.length).trim(), joined[1]!);
      rest = rest.slice(joined[0].length);
      return { words, comma: rest.startsWith(",") };
    }
    const bracket = words.length > 0 ? qualifier.exec(rest)?.[0] : undefined;
    const raw = bracket
      ? rest.slice(0, bracket.length) + /^[^\s]*/.exec(rest.slice(bracket.length))![0]
      : /^\S+/.exec(rest)![0];
    rest = rest.slice(raw.length).trimStart();
    const word = bracket ? bracket : raw.replace(/[.,;:!?)»”"]+$/, "");
    if (word === "" || (!bracket && (stopWords.has(word.toLowerCase()) || /^\d/.test(word)))) break;
    words.push(word);
    if (word !== raw) return { words, comma: raw.endsWith(",") };
  }
  return { words, comma: false };
}

/** "Name (Title)" inside a sentence: the name is the longest run of up to four words before "(" that is one. */
const nameBeforeParen =
  /((?:[\p{Lu}][\p{L}'’.-]*\s+|(?:van|de|der|den|von|du|del|la|le|ter|ten)\s+){1,4})\(([^()]{2,60})\)/gu;

/**
 * People written "Name (Title)" in running text ("Martin Zettler (Landmaschinenmechanikermeister)
 * und Benedikt Wölfle (Servicetechniker Fendt & Claas) sind für Sie unterwegs"): only a title the
 * lexicon knows, so a place or a year in brackets is never one.
 */
export function parenthesisedInProse(
  line: string,
): { name: string; title: string | null; source: PersonSource }[] {
  const out: { name: string; title: string | null; source: PersonSource }[] = [];
  for (const m of line.matchAll(nameBeforeParen)) {
    const title = m[2]!.trim();
    // A known title, or one opened by a known title word ("Servicetechniker Fendt & Claas").
    const opening = title.split(/\s+/)[0]!;
    if (!isLikelyTitleSlot(title) && !(isLikelyTitle(opening) && isTitleShaped(title))) continue;
    const words = m[1]!.trim().split(/\s+/);
    for (let from = 0; from < words.length - 1; from++) {
      const name = words.slice(from).join(" ");
      if (isLikelyPersonName(name)) {
        out.push({ name, title, source: "line" });
        break;
      }
    }
  }
  return out;
}
