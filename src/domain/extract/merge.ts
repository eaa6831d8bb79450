/**
 * Folds the pages of one domain into its findings: each address and person
 * once, with every source URL and when it was first and last seen; people
 * and addresses found on different pages linked by name; then the domain's
 * email pattern inferred and candidate addresses generated for the people
 * who publish none.
 */
import { type EmailCandidate, generateCandidates } from "../patterns/candidates.ts";
import { inferEmailPattern, type PatternInference } from "../patterns/infer.ts";
import { patternsMatching } from "../patterns/patterns.ts";
import { isGenericMailbox } from "./classify.ts";
import { type ExtractedPerson, type PageExtraction, titleRank } from "./extract-page.ts";
import type { EmailSource, PersonSource } from "./types.ts";

export interface SourceSighting {
  url: string;
  first_seen_at: string;
  last_seen_at: string;
}

export interface DomainEmail {
  email: string;
  type: "personal" | "generic";
  person: string | null;
  found_by: EmailSource[];
  sources: SourceSighting[];
}

/** A person of the domain: as extracted from a page, plus every sighting and, without an address, candidates. */
export interface DomainPerson extends Omit<ExtractedPerson, "sources"> {
  /** How the person was found (structured data, cards, lines...). */
  found_by: PersonSource[];
  sources: SourceSighting[];
  /** For people without a published address: likely addresses, most likely first. */
  candidates: EmailCandidate[];
}

export interface DomainFindings {
  domain: string;
  emails: DomainEmail[];
  people: DomainPerson[];
  pattern: PatternInference;
  mailDomains: string[];
}

function sight(sources: SourceSighting[], url: string, at: string) {
  const existing = sources.find((s) => s.url === url);
  if (!existing) sources.push({ url, first_seen_at: at, last_seen_at: at });
  else {
    if (at < existing.first_seen_at) existing.first_seen_at = at;
    if (at > existing.last_seen_at) existing.last_seen_at = at;
  }
}

/** Merges the extractions of one domain's pages (each with the time it was fetched). */
export function mergeDomainFindings(
  domain: string,
  pages: { extraction: PageExtraction; fetchedAt: string }[],
  options: { maxCandidates?: number } = {},
): DomainFindings {
  const emails = new Map<string, DomainEmail>();
  const people = new Map<string, DomainPerson>();
  const mailDomains = new Set<string>();
  const titleRanks = new Map<string, number>();
  for (const { extraction, fetchedAt } of pages) {
    for (const d of extraction.mailDomains) mailDomains.add(d);
    for (const e of extraction.emails) {
      const entry = emails.get(e.email) ?? {
        email: e.email,
        type: e.type,
        person: null,
        found_by: [],
        sources: [],
      };
      entry.person ??= e.personName;
      if (e.type === "personal") entry.type = "personal";
      for (const s of e.sources) if (!entry.found_by.includes(s)) entry.found_by.push(s);
      sight(entry.sources, extraction.url, fetchedAt);
      emails.set(e.email, entry);
    }
    for (const p of extraction.people) {
      const key = `${p.first} ${p.last}`.toLowerCase();
      const entry: DomainPerson = people.get(key) ?? {
        ...p,
        found_by: [],
        profiles: [],
        sources: [],
        candidates: [],
      };
      // Titles from structured data beat card layouts, which beat prose lines (an Impressum role, say).
      const rank = Math.max(0, ...p.sources.map(titleRank));
      if (p.title && (!people.has(key) || !entry.title || rank > (titleRanks.get(key) ?? 0))) {
        entry.title = p.title;
        entry.seniority = p.seniority;
        entry.department = p.department;
        titleRanks.set(key, rank);
      }
      entry.email ??= p.email;
      for (const s of p.sources) if (!entry.found_by.includes(s)) entry.found_by.push(s);
      for (const u of p.profiles) if (!entry.profiles.includes(u)) entry.profiles.push(u);
      sight(entry.sources, extraction.url, fetchedAt);
      people.set(key, entry);
    }
  }
  const everyone = [...people.values()];
  linkAcrossPages(everyone, emails);
  for (const e of emails.values()) {
    if (e.person) e.type = "personal";
    else if (isGenericMailbox(e.email)) e.type = "generic";
  }
  const pairs = everyone
    .filter((p) => p.email && !isGenericMailbox(p.email))
    .map((p) => ({ first: p.first, last: p.last, email: p.email! }));
  const pattern = inferEmailPattern(pairs);
  for (const p of everyone) {
    if (!p.email) p.candidates = generateCandidates(p, domain, pattern, { max: options.maxCandidates ?? 8 });
  }
  return { domain, emails: [...emails.values()], people: everyone, pattern, mailDomains: [...mailDomains] };
}

/** Addresses and people seen on different pages, matched by name pattern when exactly one fits. */
function linkAcrossPages(people: DomainPerson[], emails: Map<string, DomainEmail>) {
  for (const p of people) {
    if (p.email) {
      const e = emails.get(p.email);
      if (e) e.person ??= p.name;
    }
  }
  for (const e of emails.values()) {
    if (e.person || isGenericMailbox(e.email)) continue;
    const local = e.email.split("@")[0] ?? "";
    const fits = people.filter((p) => !p.email && patternsMatching(local, p.first, p.last).length > 0);
    if (fits.length === 1) {
      fits[0]!.email = e.email;
      e.person = fits[0]!.name;
    }
  }
}
