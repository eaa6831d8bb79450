/**
 * Candidate addresses for a person whose address is not published, most
 * likely first, from the domain's inferred pattern when there is one and
 * from how common each pattern is across companies when there is not. The
 * candidates go on to mailbox verification; the probabilities decide which
 * to try first and how many to try.
 */
import { mailboxVariants } from "../people/mailbox-names.ts";
import type { PatternInference } from "./infer.ts";
import {
  applyPattern,
  type EmailPattern,
  patternUses,
  priorPatternOrder,
  priorPatternShares,
} from "./patterns.ts";

/** One address to try, with the pattern that built it and how likely it is to be the person's. */
export interface EmailCandidate {
  email: string;
  pattern: EmailPattern;
  probability: number;
}

/**
 * The order patterns are tried in without evidence: first.last, flast, first,
 * firstlast, f.last, lastf, first_last, last.first, firstl, lastfirst,
 * first-last, last (the order of `priorPatternShares`).
 */
export const PRIOR_PATTERN_ORDER: readonly EmailPattern[] = priorPatternOrder;

/**
 * How many addresses the prior is worth against a domain's own evidence.
 * With 2, one observed flast address already ranks flast (0.45) above
 * first.last (0.24); ten matching addresses give the pattern about 0.89.
 */
const priorStrength = 2;

/** Relative weight of a name's spellings, most common first (see `mailboxVariants`). */
const spellingWeights = [1, 0.5, 0.25, 0.125];

/**
 * Candidate addresses for a person without a published email, most likely
 * first, at most `max` (default 8), deduplicated.
 *
 * A pattern's probability is its share at this domain shrunk towards the
 * prior: (matches + 2 · prior share) / (sample + 2), the posterior mean under
 * a Dirichlet prior worth two addresses. Without an inference it is the prior
 * share. So the inferred pattern comes first, then the other observed
 * patterns, then the rest in prior order (an ambiguous pair's half-count
 * can rarely let a pattern the prior favours overtake it). A pattern's
 * probability is split over the name's spellings ("mueller" before
 * "muller"); an address several spellings produce gets their sum. The
 * probabilities sum to less than 1: the prior keeps 7% for patterns outside
 * the vocabulary.
 */
export function generateCandidates(
  person: { first: string; last: string },
  domain: string,
  inference: PatternInference | null,
  options: { max?: number } = {},
): EmailCandidate[] {
  const max = options.max ?? 8;
  const host = domain.trim().toLowerCase().replace(/^@/, "");
  const firsts = mailboxVariants(person.first);
  const lasts = mailboxVariants(person.last);
  if (max <= 0 || host === "") return [];

  const byEmail = new Map<string, EmailCandidate>();
  for (const { pattern, probability } of patternProbabilities(inference)) {
    const uses = patternUses(pattern);
    if ((uses.first && firsts.length === 0) || (uses.last && lasts.length === 0)) continue;
    for (const spelling of spellings(uses.first ? firsts : [""], uses.last ? lasts : [""])) {
      const email = `${applyPattern(pattern, spelling.first, spelling.last)}@${host}`;
      const share = probability * spelling.weight;
      const seen = byEmail.get(email);
      if (seen) seen.probability += share;
      else byEmail.set(email, { email, pattern, probability: share });
    }
  }

  // Rounded down to 6 places so float noise neither breaks ties (which keep pattern order) nor the sum.
  return [...byEmail.values()]
    .map((candidate) => ({ ...candidate, probability: Math.floor(candidate.probability * 1e6 + 1e-6) / 1e6 }))
    .sort((a, b) => b.probability - a.probability)
    .slice(0, max);
}

/** Each pattern with its probability, in the order ties are broken: best, observed, prior. */
function patternProbabilities(
  inference: PatternInference | null,
): { pattern: EmailPattern; probability: number }[] {
  if (!inference?.best || inference.sample <= 0) {
    return priorPatternOrder.map((pattern) => ({ pattern, probability: priorPatternShares[pattern] }));
  }
  const observed = inference.shares.map((share) => share.pattern);
  const ordered = [...new Set([inference.best.pattern, ...observed, ...priorPatternOrder])];
  const matches = new Map(inference.shares.map((share) => [share.pattern, share.matches]));
  return ordered.map((pattern) => ({
    pattern,
    probability:
      ((matches.get(pattern) ?? 0) + priorStrength * priorPatternShares[pattern]) /
      (inference.sample + priorStrength),
  }));
}

/** Every combination of spellings with its share of the pattern's probability. */
function spellings(
  firsts: readonly string[],
  lasts: readonly string[],
): { first: string; last: string; weight: number }[] {
  const firstWeights = firsts.map((_, i) => spellingWeights[i] ?? 0);
  const lastWeights = lasts.map((_, i) => spellingWeights[i] ?? 0);
  const total = sum(firstWeights) * sum(lastWeights);
  return firsts.flatMap((first, i) =>
    lasts.map((last, j) => ({
      first,
      last,
      weight: ((firstWeights[i] ?? 0) * (lastWeights[j] ?? 0)) / total,
    })),
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
