/**
 * From a domain's findings (and the verdicts of the addresses that were
 * verified) to its leads: one per person, and one per generic mailbox.
 *
 * A person's address is the best one known: the one published for them;
 * else, among their candidates, the best verdict (valid, then risky, then
 * unknown, then invalid), the most likely first within a verdict. When the
 * likeliest candidates all come back invalid (the domain's pattern is not
 * among them, as for a company that publishes no address and uses a rare
 * pattern), the next ones are verified in a second round. The other
 * candidates tried stay on the lead as alternatives with their outcomes. In
 * `autodiscovery` mode nothing is guessed: people without a published
 * address are not leads.
 */
import type { LeadAlternative, LeadSource, RunMode } from "../../db/schema.ts";
import type { DomainEmail, DomainFindings, DomainPerson } from "../extract/merge.ts";
import { baselineIcpScore } from "../icp/baseline.ts";
import type { LeadDraft } from "../leads/lead.ts";
import type { EmailCandidate } from "../patterns/candidates.ts";
import { companyNameFromDomain } from "./company-name.ts";

/** Candidates per person sent to verification (the most likely ones). */
export const CANDIDATES_VERIFIED_PER_PERSON = 4;
/** Candidates per person verified at most, counting the second round. */
export const CANDIDATES_VERIFIED_AT_MOST = 8;

/** What verification said about an address (or why it was not verified). */
export interface AddressOutcome {
  status: string;
  reason: string;
  checked_at: string | null;
}

export const NOT_VERIFIED: AddressOutcome = { status: "unknown", reason: "not_verified", checked_at: null };

/** The addresses of `findings` worth verifying: every published one, and each guessed person's top candidates. */
export function addressesToVerify(findings: DomainFindings, mode: RunMode): string[] {
  const out = new Set<string>();
  for (const e of findings.emails) out.add(e.email);
  for (const p of findings.people) {
    if (p.email) out.add(p.email);
    else if (mode !== "autodiscovery") {
      for (const c of p.candidates.slice(0, CANDIDATES_VERIFIED_PER_PERSON)) out.add(c.email);
    }
  }
  return [...out];
}

/**
 * The second round: for each guessed person whose first candidates were all
 * definitively invalid, the next ones (up to CANDIDATES_VERIFIED_AT_MOST).
 */
export function secondRoundAddresses(
  findings: DomainFindings,
  mode: RunMode,
  outcome: (email: string) => AddressOutcome,
): string[] {
  if (mode === "autodiscovery") return [];
  const out = new Set<string>();
  for (const p of findings.people) {
    if (p.email) continue;
    const first = p.candidates.slice(0, CANDIDATES_VERIFIED_PER_PERSON);
    if (first.length === 0 || !first.every((c) => outcome(c.email).status === "invalid")) continue;
    for (const c of p.candidates.slice(CANDIDATES_VERIFIED_PER_PERSON, CANDIDATES_VERIFIED_AT_MOST))
      out.add(c.email);
  }
  return [...out];
}

const VERDICT_RANK = (status: string) =>
  status === "valid" ? 0 : status.startsWith("risky") ? 1 : status.startsWith("unknown") ? 2 : 3;

function pickCandidate(candidates: EmailCandidate[], outcome: (email: string) => AddressOutcome) {
  // The first candidates always count (verified or not); later ones when a second round verified them.
  const tried = candidates
    .slice(0, CANDIDATES_VERIFIED_AT_MOST)
    .filter((c, i) => i < CANDIDATES_VERIFIED_PER_PERSON || outcome(c.email).reason !== NOT_VERIFIED.reason);
  let best = tried[0]!;
  for (const c of tried) {
    const rank = VERDICT_RANK(outcome(c.email).status);
    const bestRank = VERDICT_RANK(outcome(best.email).status);
    if (rank < bestRank || (rank === bestRank && c.probability > best.probability)) best = c;
  }
  return { best, tried };
}

function confidenceOf(source: "published" | "generated", status: string, probability: number): number {
  if (status === "valid") return source === "published" ? 100 : 95;
  if (status === "invalid") return source === "published" ? 20 : 0;
  const base = source === "published" ? 90 : Math.round(probability * 100);
  return Math.max(0, Math.min(100, base));
}

function fromPerson(
  p: DomainPerson,
  findings: DomainFindings,
  outcome: (email: string) => AddressOutcome,
  emailSources: Map<string, DomainEmail>,
  company: string,
): LeadDraft | null {
  let email: string;
  let source: "published" | "generated";
  let pattern: string | null = null;
  let probability = 1;
  let alternatives: LeadAlternative[] = [];
  if (p.email) {
    email = p.email;
    source = "published";
  } else {
    if (p.candidates.length === 0) return null;
    const { best, tried } = pickCandidate(p.candidates, outcome);
    email = best.email;
    source = "generated";
    pattern = best.pattern;
    probability = best.probability;
    alternatives = tried
      .filter((c) => c.email !== best.email)
      .map((c) => ({
        email: c.email,
        pattern: c.pattern,
        probability: Math.round(c.probability * 1000) / 1000,
        verify_status: outcome(c.email).status,
        verify_reason: outcome(c.email).reason,
      }));
  }
  const verdict = outcome(email);
  const sources = mergeSources(p.sources, emailSources.get(email)?.sources ?? []);
  const draft: LeadDraft = {
    email,
    type: "personal",
    first_name: p.first || null,
    last_name: p.last || null,
    full_name: p.name,
    title: p.title,
    seniority: p.seniority,
    department: p.department,
    company,
    company_domain: findings.domain,
    email_source: source,
    pattern,
    confidence: confidenceOf(source, verdict.status, probability),
    verify_status: verdict.status,
    verify_reason: verdict.reason,
    verified_at: verdict.checked_at,
    icp_score: 0,
    source_url: sources[0]?.url ?? null,
    sources,
    alternatives,
  };
  draft.icp_score = baselineIcpScore({
    type: "personal",
    title: draft.title,
    seniority: draft.seniority,
    department: draft.department,
    verifyStatus: draft.verify_status,
  });
  return draft;
}

/** Sightings of both lists, one per URL, earliest first seen and latest last seen. */
export function mergeSources(...lists: LeadSource[][]): LeadSource[] {
  const byUrl = new Map<string, LeadSource>();
  for (const list of lists) {
    for (const s of list) {
      const seen = byUrl.get(s.url);
      if (!seen) byUrl.set(s.url, { ...s });
      else {
        if (s.first_seen_at < seen.first_seen_at) seen.first_seen_at = s.first_seen_at;
        if (s.last_seen_at > seen.last_seen_at) seen.last_seen_at = s.last_seen_at;
      }
    }
  }
  return [...byUrl.values()].sort((a, b) => a.first_seen_at.localeCompare(b.first_seen_at));
}

/** The leads of one domain, people first (in the order found), then the remaining published addresses. */
export function buildLeads(
  findings: DomainFindings,
  mode: RunMode,
  outcome: (email: string) => AddressOutcome,
  companyName?: string,
): LeadDraft[] {
  const company = companyName ?? companyNameFromDomain(findings.domain);
  const emailSources = new Map(findings.emails.map((e) => [e.email, e]));
  const leads = new Map<string, LeadDraft>();
  for (const p of findings.people) {
    if (!p.email && mode === "autodiscovery") continue;
    const draft = fromPerson(p, findings, outcome, emailSources, company);
    if (draft && !leads.has(draft.email)) leads.set(draft.email, draft);
  }
  for (const e of findings.emails) {
    if (leads.has(e.email)) continue;
    const verdict = outcome(e.email);
    const type = e.type === "generic" ? "generic" : "personal";
    const draft: LeadDraft = {
      email: e.email,
      type,
      first_name: null,
      last_name: null,
      full_name: type === "personal" ? e.person : null,
      title: null,
      seniority: null,
      department: null,
      company,
      company_domain: findings.domain,
      email_source: "published",
      pattern: null,
      confidence: confidenceOf("published", verdict.status, 1),
      verify_status: verdict.status,
      verify_reason: verdict.reason,
      verified_at: verdict.checked_at,
      icp_score: 0,
      source_url: e.sources[0]?.url ?? null,
      sources: mergeSources(e.sources),
      alternatives: [],
    };
    draft.icp_score = baselineIcpScore({
      type,
      title: null,
      seniority: null,
      department: null,
      verifyStatus: draft.verify_status,
    });
    leads.set(draft.email, draft);
  }
  return [...leads.values()];
}
