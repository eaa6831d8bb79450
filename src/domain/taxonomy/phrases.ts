/**
 * Phrase matching for job titles: folds free text into comparable tokens and finds
 * lexicon phrases in them, whole tokens only, longest phrase first.
 *
 * A lexicon phrase is lower-case ASCII words separated by spaces, written the way
 * {@link tokenize} leaves text. A `*` inside a word stands for any run of letters or
 * digits (so "*leiter" finds the German compound "vertriebsleiter"); a word that is just
 * `*` stands for any one word. Phrases never reach across a {@link SEGMENT_BREAK}.
 */

import { registerMemoCache } from "../memo.ts";

/** The token that stands for a break between parts of a title: comma, slash, dash, bracket. */
export const SEGMENT_BREAK = ",";

const ascii = /^[\x20-\x7e]*$/;
const FOLDS: Record<string, string> = { ß: "ss", ø: "o", æ: "ae", œ: "oe", ł: "l", đ: "d", ı: "i" };

/**
 * Splits a title into lower-case ASCII word tokens, with {@link SEGMENT_BREAK} between
 * parts. Accents are dropped, "V.P." becomes "vp", "R&D" becomes "rd", other "&" and "+"
 * become "and", hyphens and apostrophes inside words become spaces.
 */
export function tokenize(text: string): string[] {
  // ASCII text (most titles) has no accents to drop or letters to fold.
  const lower = ascii.test(text)
    ? text.toLowerCase()
    : text
        .normalize("NFKD")
        .replace(/\p{M}+/gu, "")
        .toLowerCase()
        .replace(/[ßøæœłđı]/g, (c) => FOLDS[c] ?? c);
  const folded = lower
    .replace(/\b(?:[a-z]\.){2,}/g, (dotted) => `${dotted.replaceAll(".", "")} `)
    .replace(/\b([a-z]{1,2}) ?& ?([a-z])\b/g, "$1$2")
    .replace(/\s[-–—]\s|[,;|/\\()[\]{}:·•–—]/g, ` ${SEGMENT_BREAK} `)
    .replace(/[&+]/g, " and ")
    .replace(/[^a-z0-9,]+/g, " ");
  const tokens: string[] = [];
  for (const token of folded.split(" ")) {
    if (token === "") continue;
    if (token === SEGMENT_BREAK && (tokens.length === 0 || tokens.at(-1) === SEGMENT_BREAK)) continue;
    tokens.push(token);
  }
  if (tokens.at(-1) === SEGMENT_BREAK) tokens.pop();
  return tokens;
}

/** Reads a lexicon list written as phrases separated by commas or new lines. */
export function phraseList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((phrase) => phrase.trim().replace(/\s+/g, " "))
    .filter((phrase) => phrase !== "");
}

/** A lexicon word: literal, or a wildcard word with a `test` for tokens. */
type WordPattern = string | { readonly test: (token: string) => boolean };

interface CompiledPhrase<V> {
  readonly text: string;
  readonly words: readonly WordPattern[];
  readonly value: V;
  /** More words beat fewer; then exact words beat wildcards; then longer literal text. */
  readonly weight: number;
}

/** A set of phrases ready to match, indexed by first word. Build once with {@link compileLexicon}. */
export interface Lexicon<V> {
  readonly byFirstWord: ReadonlyMap<string, readonly CompiledPhrase<V>[]>;
  readonly wildcardFirst: readonly CompiledPhrase<V>[];
}

/** One phrase found in a token list: tokens `start` (inclusive) to `end` (exclusive). */
export interface PhraseMatch<V> {
  readonly phrase: string;
  readonly value: V;
  readonly start: number;
  readonly end: number;
}

/** Wildcard words become plain string tests when they can ("*leiter" ends with "leiter"); tokens are [a-z0-9]. */
function compileWord(word: string): WordPattern {
  if (!word.includes("*")) return word;
  const inner = word.slice(1, -1);
  if (/^\*[a-z0-9]+\*$/.test(word)) return { test: (token) => token.includes(inner) };
  if (/^\*[a-z0-9]+$/.test(word)) return { test: (token) => token.endsWith(word.slice(1)) };
  if (/^[a-z0-9]+\*$/.test(word)) return { test: (token) => token.startsWith(word.slice(0, -1)) };
  return new RegExp(`^${word.replaceAll("*", "[a-z0-9]*")}$`);
}

/** Compiles `[phrase, value]` pairs into a {@link Lexicon}. */
export function compileLexicon<V>(entries: Iterable<readonly [string, V]>): Lexicon<V> {
  const byFirstWord = new Map<string, CompiledPhrase<V>[]>();
  const wildcardFirst: CompiledPhrase<V>[] = [];
  for (const [text, value] of entries) {
    const words = text.split(" ").map(compileWord);
    const wildcards = words.filter((w) => typeof w !== "string").length;
    const literal = text.replace(/[* ]/g, "").length;
    const phrase = { text, words, value, weight: words.length * 10_000 - wildcards * 1_000 + literal };
    const first = words[0];
    if (typeof first === "string") {
      const list = byFirstWord.get(first) ?? [];
      list.push(phrase);
      byFirstWord.set(first, list);
    } else {
      wildcardFirst.push(phrase);
    }
  }
  return { byFirstWord, wildcardFirst };
}

function matchesAt(tokens: readonly string[], at: number, words: readonly WordPattern[]): boolean {
  return words.every((word, offset) => {
    const token = tokens[at + offset];
    if (token === undefined || token === SEGMENT_BREAK) return false;
    return typeof word === "string" ? token === word : word.test(token);
  });
}

const wildcardCache = new WeakMap<object, Map<string, readonly CompiledPhrase<unknown>[]>>();

/** The wildcard-first phrases whose first word fits `token` (cached: tokens repeat far more than they vary). */
function wildcardCandidates<V>(lexicon: Lexicon<V>, token: string): readonly CompiledPhrase<V>[] {
  let cache = wildcardCache.get(lexicon);
  if (!cache) {
    cache = new Map();
    registerMemoCache(cache);
    wildcardCache.set(lexicon, cache);
  }
  let hit = cache.get(token);
  if (!hit) {
    hit = lexicon.wildcardFirst.filter((p) => (p.words[0] as Exclude<WordPattern, string>).test(token));
    if (cache.size > 20_000) cache.clear();
    cache.set(token, hit);
  }
  return hit as readonly CompiledPhrase<V>[];
}

function bestAt<V>(tokens: readonly string[], at: number, lexicon: Lexicon<V>): CompiledPhrase<V> | null {
  const token = tokens[at];
  if (token === undefined || token === SEGMENT_BREAK) return null;
  let best: CompiledPhrase<V> | null = null;
  for (const list of [lexicon.byFirstWord.get(token) ?? [], wildcardCandidates(lexicon, token)]) {
    for (const phrase of list) {
      if ((best === null || phrase.weight > best.weight) && matchesAt(tokens, at, phrase.words))
        best = phrase;
    }
  }
  return best;
}

/**
 * Finds lexicon phrases left to right. At each token the heaviest matching phrase wins and
 * its tokens are used up, so "vice president" hides "president" and "product owner" hides
 * "owner".
 */
export function findPhrases<V>(tokens: readonly string[], lexicon: Lexicon<V>): PhraseMatch<V>[] {
  const found: PhraseMatch<V>[] = [];
  let at = 0;
  while (at < tokens.length) {
    const phrase = bestAt(tokens, at, lexicon);
    if (phrase === null) {
      at += 1;
      continue;
    }
    const end = at + phrase.words.length;
    found.push({ phrase: phrase.text, value: phrase.value, start: at, end });
    at = end;
  }
  return found;
}
