/**
 * The domain list of a new run: every entry reduced to the registrable
 * domain we crawl (URLs, hosts with `www.` or other subdomains, and email
 * addresses accepted), duplicates dropped in first-seen order, and every
 * entry that is not a domain reported with its position and why.
 */
import { normalizeDomain } from "../crawl/domain-name.ts";

export const MAX_RUN_DOMAINS = 1_000;

export interface RejectedDomain {
  index: number;
  input: string;
  reason: string;
}

export type RunDomainsResult =
  | { ok: true; domains: string[]; duplicates: number }
  | { ok: false; rejected: RejectedDomain[] };

/** Normalises a run's `domains`; `allowReservedNames` admits .test and friends (local development). */
export function normalizeRunDomains(
  inputs: readonly string[],
  options: { allowReservedNames?: boolean } = {},
): RunDomainsResult {
  const domains: string[] = [];
  const seen = new Set<string>();
  const rejected: RejectedDomain[] = [];
  inputs.forEach((input, index) => {
    const result = normalizeDomain(input, options);
    if (!result.ok) {
      rejected.push({ index, input: input.slice(0, 200), reason: result.reason });
      return;
    }
    if (seen.has(result.domain)) return;
    seen.add(result.domain);
    domains.push(result.domain);
  });
  if (rejected.length > 0) return { ok: false, rejected };
  return { ok: true, domains, duplicates: inputs.length - domains.length };
}
