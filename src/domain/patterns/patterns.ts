/**
 * The vocabulary of email address patterns ("first.last", "flast"...): how a
 * pattern turns a person's name into a local part, which patterns explain an
 * observed address, and how common each pattern is across companies (the
 * prior used when a domain has no evidence of its own).
 */
import { mailboxVariants } from "../people/mailbox-names.ts";

/** Every pattern we build and recognise; named by what they produce for Anna Weber. */
export const emailPatterns = [
  "first.last",
  "firstlast",
  "flast",
  "f.last",
  "first",
  "last",
  "first_last",
  "first-last",
  "firstl",
  "lastfirst",
  "last.first",
  "lastf",
] as const;

export type EmailPattern = (typeof emailPatterns)[number];

/**
 * Rough share of company domains using each pattern, most common first. An
 * estimate in line with commonly reported B2B distributions (first.last
 * dominant, then flast, first, firstlast), not a measurement: tune it
 * against our own verified addresses. The shares sum to 0.93; the rest is
 * patterns outside this vocabulary.
 */
export const priorPatternShares: Readonly<Record<EmailPattern, number>> = {
  "first.last": 0.36,
  flast: 0.18,
  first: 0.12,
  firstlast: 0.08,
  "f.last": 0.06,
  lastf: 0.03,
  first_last: 0.03,
  "last.first": 0.02,
  firstl: 0.02,
  lastfirst: 0.01,
  "first-last": 0.01,
  last: 0.01,
};

/** The patterns by prior share, most common first (ties in the order they are listed above). */
export const priorPatternOrder: readonly EmailPattern[] = [
  "first.last",
  "flast",
  "first",
  "firstlast",
  "f.last",
  "lastf",
  "first_last",
  "last.first",
  "firstl",
  "lastfirst",
  "first-last",
  "last",
];

/** Which name parts a pattern needs; "first" alone needs no last name. */
export function patternUses(pattern: EmailPattern): { first: boolean; last: boolean } {
  return { first: pattern !== "last", last: pattern !== "first" };
}

/** The local part for a pattern, from already-normalised mailbox name parts. */
export function applyPattern(pattern: EmailPattern, first: string, last: string): string {
  const f = first.charAt(0);
  const l = last.charAt(0);
  switch (pattern) {
    case "first.last":
      return `${first}.${last}`;
    case "firstlast":
      return first + last;
    case "flast":
      return f + last;
    case "f.last":
      return `${f}.${last}`;
    case "first":
      return first;
    case "last":
      return last;
    case "first_last":
      return `${first}_${last}`;
    case "first-last":
      return `${first}-${last}`;
    case "firstl":
      return first + l;
    case "lastfirst":
      return last + first;
    case "last.first":
      return `${last}.${first}`;
    case "lastf":
      return last + f;
  }
}

/**
 * Which patterns produce this local part for this person, in vocabulary
 * order. Several can when names are short (first "A": flast == firstlast),
 * and every spelling from `mailboxVariants` counts ("amueller" and "amuller"
 * both match flast for Anna Müller). A "+tag" is ignored.
 */
export function patternsMatching(localPart: string, first: string, last: string): EmailPattern[] {
  const local = (localPart.toLowerCase().split("+")[0] ?? "").trim();
  if (local === "") return [];
  const firsts = mailboxVariants(first);
  const lasts = mailboxVariants(last);
  return emailPatterns.filter((pattern) => {
    const uses = patternUses(pattern);
    const firstOptions = uses.first ? firsts : [""];
    const lastOptions = uses.last ? lasts : [""];
    return firstOptions.some((f) => lastOptions.some((l) => applyPattern(pattern, f, l) === local));
  });
}
