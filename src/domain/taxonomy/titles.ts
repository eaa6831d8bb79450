/**
 * The job-title taxonomy: reads a free-text title ("VP, Sales", "Vertriebsleiter",
 * "Directrice commerciale") and says how senior the person is and which department they
 * work in; also tells the HTML extractor whether a short line of text is a title at all.
 *
 * Matching is on whole tokens after folding case, accents and punctuation (phrases.ts),
 * so "CTO" never fires inside "Doctor" nor "intern" inside "international". The words
 * live in seniority-lexicon.ts and department-lexicon.ts, with the decisions on the
 * ambiguous titles written beside them.
 */
import { memoizeString } from "../memo.ts";
import { DEPARTMENT_PHRASES, GENERIC_ROLES } from "./department-lexicon.ts";
import {
  compileLexicon,
  findPhrases,
  type PhraseMatch,
  phraseList,
  SEGMENT_BREAK,
  tokenize,
} from "./phrases.ts";
import { SENIORITY_MODIFIERS, SENIORITY_PHRASES } from "./seniority-lexicon.ts";
import {
  AREA_FILLERS,
  BACK_LINK,
  CARD_LABELS,
  DESCRIPTION,
  FORMER,
  NOT_IN_TITLES,
  PRODUCT_NUMBER,
  unbalanced,
  withoutQualifiers,
} from "./title-words.ts";

export { isRegionPart } from "./title-words.ts";

/** Ranks from most to least senior; when a title matches several, the earliest here wins. */
export const seniorities = [
  "owner",
  "founder",
  "c_suite",
  "partner",
  "vp",
  "head",
  "director",
  "manager",
  "senior",
  "entry",
  "intern",
] as const;
export type Seniority = (typeof seniorities)[number];

/** The departments a title can belong to; `other` is a recognised job outside the rest. */
export const departments = [
  "executive",
  "engineering",
  "it",
  "product",
  "design",
  "sales",
  "marketing",
  "customer_success",
  "support",
  "finance",
  "legal",
  "hr",
  "operations",
  "education",
  "health",
  "other",
] as const;
export type Department = (typeof departments)[number];

/** What a title says about its holder; a field is null when the title does not tell. */
export interface TitleClassification {
  seniority: Seniority | null;
  department: Department | null;
}

type Rank = Seniority | "neutral";
interface DepartmentWord {
  readonly department: Department | null;
  readonly role: boolean;
}

const RANKS = compileLexicon(
  Object.entries(SENIORITY_PHRASES).flatMap(([rank, text]) =>
    phraseList(text).map((phrase) => [phrase, rank as Rank] as const),
  ),
);

const DEPARTMENT_WORDS = compileLexicon<DepartmentWord>([
  ...Object.entries(DEPARTMENT_PHRASES).flatMap(([department, { roles, areas }]) => [
    ...phraseList(roles).map((p) => [p, { department: department as Department, role: true }] as const),
    ...phraseList(areas).map((p) => [p, { department: department as Department, role: false }] as const),
  ]),
  ...phraseList(GENERIC_ROLES).map((p) => [p, { department: null, role: true }] as const),
]);

/** Ranks whose holders run the whole organisation, so their department is executive by default. */
const EXECUTIVE_RANKS: ReadonlySet<Rank> = new Set(["owner", "founder", "c_suite", "partner"]);

/** Ranks an assistant word can modify: "Assistant Vice President" is a VP, not an assistant. */
const ASSISTED_RANKS: ReadonlySet<Rank> = new Set(["vp", "head", "director", "manager"]);

/** Words after "assistant" that introduce whom they assist: "to the CEO", "der Geschäftsführung". */
const ASSISTED_PERSON = new Set([
  "to",
  "of",
  "for",
  "de",
  "del",
  "der",
  "des",
  "du",
  "van",
  "an",
  "aan",
  "a",
  "al",
]);

/** Assistant in any of our languages, alone or in a compound ("Geschäftsführungsassistentin"). */
const ASSISTANT_WORD = /assist|^asist/;

/** The tokens of a title and the lexicon phrases found in them. */
interface TitleReading {
  readonly tokens: readonly string[];
  readonly ranks: readonly PhraseMatch<Rank>[];
  readonly words: readonly PhraseMatch<DepartmentWord>[];
}

function readUncached(title: string): TitleReading {
  const tokens = tokenize(title);
  return { tokens, ranks: findPhrases(tokens, RANKS), words: findPhrases(tokens, DEPARTMENT_WORDS) };
}

/** Readings are shared by isLikelyTitle and classifyTitle (the extractor asks both of the same line); read-only. */
const read = memoizeString(readUncached);

function highestRank(ranks: readonly PhraseMatch<Rank>[]): Seniority | null {
  const found = new Set(ranks.map((m) => m.value));
  return seniorities.find((s) => found.has(s)) ?? null;
}

function segmentEnd(tokens: readonly string[], from: number): number {
  const end = tokens.indexOf(SEGMENT_BREAK, from);
  return end === -1 ? tokens.length : end;
}

/**
 * An assistant ranks entry (senior if the title says so), whatever executive they assist,
 * unless the word modifies a rank that follows it in the same part of the title.
 */
function seniorityOf({ tokens, ranks }: TitleReading): Seniority | null {
  const assistant = tokens.findIndex((t) => ASSISTANT_WORD.test(t));
  if (assistant === -1) return highestRank(ranks);
  const next = tokens[assistant + 1];
  const end = segmentEnd(tokens, assistant);
  const modifiesRank =
    next !== undefined &&
    !ASSISTED_PERSON.has(next) &&
    ranks.some((m) => m.start > assistant && m.start < end && ASSISTED_RANKS.has(m.value));
  if (modifiesRank) return highestRank(ranks);
  return ranks.some((m) => m.value === "senior") ? "senior" : "entry";
}

/**
 * The first functional department named wins ("Head of Sales & Marketing" is sales); a title
 * naming none is executive when it names an executive rank or office, else `other` when it
 * names a recognised outside job.
 */
function departmentOf({ ranks, words }: TitleReading): Department | null {
  let executive = ranks.some((m) => EXECUTIVE_RANKS.has(m.value));
  let other = false;
  for (const { value } of words) {
    if (value.department === "executive") executive = true;
    else if (value.department === "other") other = true;
    else if (value.department !== null) return value.department;
  }
  if (executive) return "executive";
  return other ? "other" : null;
}

/** Classifies a free-text job title; null fields when it cannot tell. */
function classifyTitleUncached(title: string): TitleClassification {
  const reading = read(title);
  return { seniority: seniorityOf(reading), department: departmentOf(reading) };
}

/** The rank a job title states ("SVP Sales" is vp), or null when it states none. */
export function classifySeniority(title: string): Seniority | null {
  return seniorityOf(read(title));
}

/** The department a job title names ("Head of People" is hr), or null when it names none. */
export function classifyDepartment(title: string): Department | null {
  return departmentOf(read(title));
}

const MAX_TITLE_CHARS = 80;
const MAX_TITLE_WORDS = 12;

/**
 * True when a short line of text reads like a job title (used by the HTML extractor to
 * recognise the title line on a team-page card, e.g. "Head of Marketing", "CTO",
 * "Geschäftsführer", "Directrice commerciale"); false for person names, addresses, phone
 * numbers, nav labels ("About us", "Contact"), sentences.
 *
 * A line qualifies when it names a rank or a person's role ("Senior" or "Marketing" alone
 * do not), is short, and carries nothing a title never does: an @, a web address, three or
 * more digits, a closing ! or ?, a pronoun or a call to action.
 */
function isLikelyTitleUncached(text: string): boolean {
  const line = text.trim();
  const core = withoutQualifiers(line);
  if (core) return line.length <= MAX_TITLE_CHARS + 40 && isLikelyTitle(core);
  if (line.length < 2 || line.length > MAX_TITLE_CHARS) return false;
  if (
    /@|https?:|www\.|[!?]$/i.test(line) ||
    (line.replace(PRODUCT_NUMBER, "").match(/\d/g)?.length ?? 0) >= 3
  )
    return false;
  // A bracket opened and not closed (or the reverse) is a sentence cut at a comma, not a title.
  if (BACK_LINK.test(line) || unbalanced(line) || FORMER.test(line) || DESCRIPTION.test(line)) return false;
  const reading = read(line);
  const words = reading.tokens.filter((t) => t !== SEGMENT_BREAK);
  if (words.length === 0 || words.length > MAX_TITLE_WORDS) return false;
  // "Tom looks after the brewhouse as Head Brewer.": a sentence that ends with a role names one, it is not one.
  if (words.length >= 5 && /\p{Ll}{2}\.$/u.test(line)) return false;
  if (words.some((w) => NOT_IN_TITLES.has(w))) return false;
  return (
    reading.ranks.some((m) => m.value !== "neutral" && !SENIORITY_MODIFIERS.has(m.phrase)) ||
    reading.words.some((m) => m.value.role) ||
    words.some((w) => ASSISTANT_WORD.test(w))
  );
}

/** Memoised isLikelyTitle (pure; inputs repeat across a page and a crawl). */
export const isLikelyTitle = memoizeString(isLikelyTitleUncached);

/**
 * True when a short line names only a department or field ("Buchhaltung", "Vertrieb &
 * Projektierung", "Investor Relations", "Außendienst Süd"). Not a title on its own, but one
 * when it stands in a person's title slot: right under the name on a card, or after it in
 * "Name – Buchhaltung". Every word must be a lexicon word, a connector or a region, so a
 * company ("Bluestone Manufacturing") or a sentence does not qualify.
 */
function isLikelyAreaTitleUncached(text: string): boolean {
  const line = text.trim();
  const core = withoutQualifiers(line);
  if (core) return line.length <= 100 && isLikelyAreaTitle(core);
  if (line.length < 2 || line.length > 60 || /[\d@]/.test(line) || BACK_LINK.test(line)) return false;
  const reading = read(line);
  const words = reading.tokens.filter((t) => t !== SEGMENT_BREAK);
  if (words.length === 0 || words.length > 6) return false;
  if (!reading.words.some((m) => m.value.department !== null)) return false;
  const covered = new Array<boolean>(reading.tokens.length).fill(false);
  for (const m of [...reading.words, ...reading.ranks]) covered.fill(true, m.start, m.end);
  return reading.tokens.every((t, i) => covered[i] || t === SEGMENT_BREAK || AREA_FILLERS.has(t));
}

/** Memoised isLikelyAreaTitle. */
export const isLikelyAreaTitle = memoizeString(isLikelyAreaTitleUncached);

/**
 * True when a line has the shape of a title no lexicon knows ("Mälzer", "tourier", "capataz de
 * viñedo"): one to six words, no digits, address, sentence end, pronoun, call to action or
 * contact label. Only a position gives it a title's meaning (the title slot of a card among
 * titled siblings), so the extractor asks this only there.
 */
export function isTitleShaped(text: string): boolean {
  const line = text.trim();
  const core = withoutQualifiers(line);
  if (core) return line.length <= 100 && isTitleShaped(core);
  // A slash between words ("Binnendienst / orderverwerking") is a title's; a number standing alone is a
  // date, a phone or an address, one inside a word is not ("3D", "B2B"); a closing full stop ends a
  // sentence unless it closes an abbreviation ("RR. HH.").
  if (line.length < 3 || line.length > 60 || /[@:]|\/\/|www\.|[!?…]$/.test(line) || BACK_LINK.test(line))
    return false;
  if (
    /(?:^|[\s/(-])\d[\d\s./-]*(?=$|[\s/),-])/.test(line) ||
    (/\.$/.test(line) && !/\b\p{Lu}{1,3}\.$/u.test(line))
  )
    return false;
  const words = tokenize(line).filter((t) => t !== SEGMENT_BREAK);
  if (words.length === 0 || words.length > 6) return false;
  return !words.some((w) => NOT_IN_TITLES.has(w) || CARD_LABELS.has(w));
}

/** A line that can fill a person's title slot: a title, or a department named on its own. */
export function isLikelyTitleSlot(text: string): boolean {
  return isLikelyTitle(text) || isLikelyAreaTitle(text);
}

/** Memoised: see classifyTitleUncached. Returns a fresh copy each call. */
export function classifyTitle(input: string) {
  const value = classifyTitleMemo(input);
  return value && { ...value };
}
const classifyTitleMemo = memoizeString(classifyTitleUncached);
