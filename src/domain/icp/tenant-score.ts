/**
 * A lead's score for its tenant: against the tenant's profile when it has
 * one (scoreLead), the baseline otherwise. Every writer of leads (runs,
 * ingests, re-scoring runs) scores through here, at the moment it writes.
 */
import type { Lead, LeadColumn } from "../leads/lead.ts";
import { baselineBreakdown } from "./baseline.ts";
import { type DomainLists, type IcpProfile, type IcpScore, scoreLead } from "./score.ts";

/** The columns scoring reads of a lead. */
export const scorableLeadColumns = [
  "email",
  "type",
  "title",
  "seniority",
  "department",
  "company_domain",
  "industry",
  "size",
  "country",
  "technologies",
  "verify_status",
] as const satisfies readonly LeadColumn[];
export type ScorableLead = Pick<Lead, (typeof scorableLeadColumns)[number]>;

export function scoreForTenant(profile: IcpProfile | null, lead: ScorableLead, lists: DomainLists): IcpScore {
  if (!profile) {
    return baselineBreakdown({
      type: lead.type,
      title: lead.title,
      seniority: lead.seniority,
      department: lead.department,
      verifyStatus: lead.verify_status,
    });
  }
  return scoreLead(
    profile,
    {
      email: lead.email,
      company_domain: lead.company_domain,
      seniority: lead.seniority,
      department: lead.department,
      industry: lead.industry,
      size: lead.size,
      technologies: lead.technologies,
      country: lead.country,
      verify_status: lead.verify_status,
    },
    lists,
  );
}

/** The columns a score writes onto a lead. */
export function scoreColumns(score: IcpScore) {
  return { icp_score: score.score, icp_reasons: score.reasons, data_gaps: score.gaps };
}
