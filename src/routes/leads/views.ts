/**
 * What door 000 sends about leads: the lead as run results and the JSON
 * export show it, and a page of lead search. The web pages take their
 * shapes from here; another door's views of a lead go beside these.
 */
import type { Lead, LeadPublicField } from "../../domain/leads/lead.ts";
import type { SearchPage, SearchRequest, SearchRow } from "../../services/leads/search.ts";

/**
 * A lead as results and exports show it: its public fields in their
 * documented order (domain/leads/lead.ts), the company record's id as text.
 * Written out rather than looped over the list: a literal is about twice as
 * fast to build and serialise, which a 100,000-row export notices; the key
 * set is checked against the list here, the order by views.test.ts.
 */
export function leadView(lead: Lead) {
  return {
    email: lead.email,
    type: lead.type,
    first_name: lead.first_name,
    last_name: lead.last_name,
    full_name: lead.full_name,
    title: lead.title,
    seniority: lead.seniority,
    department: lead.department,
    company: lead.company,
    /** The enriched company record (null until the domain was enriched). */
    company_id: lead.company_id === null ? null : String(lead.company_id),
    company_domain: lead.company_domain,
    email_source: lead.email_source,
    pattern: lead.pattern,
    confidence: lead.confidence,
    icp_score: lead.icp_score,
    icp_reasons: lead.icp_reasons,
    data_gaps: lead.data_gaps,
    verify_status: lead.verify_status,
    verify_reason: lead.verify_reason,
    verified_at: lead.verified_at,
    source_url: lead.source_url,
    sources: lead.sources,
    alternatives: lead.alternatives,
  } satisfies Record<LeadPublicField, unknown>;
}

export type LeadView = ReturnType<typeof leadView>;

/** A search result as GET /leads/search shows it (the company's name as `company_name`). */
export function searchResultView(row: SearchRow) {
  return {
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    full_name: row.full_name,
    title: row.title,
    company_name: row.company,
    company_domain: row.company_domain,
    company_id: row.company_id === null ? null : String(row.company_id),
    icp_score: row.icp_score,
    icp_reasons: row.icp_reasons,
    data_gaps: row.data_gaps,
    verify_status: row.verify_status,
    verify_reason: row.verify_reason,
    verified_at: row.verified_at,
    source_url: row.source_url,
    type: row.type,
    seniority: row.seniority,
    department: row.department,
    industry: row.industry,
    size: row.size,
    country: row.country,
    technologies: row.technologies,
    source: row.source,
  };
}

export type SearchResultView = ReturnType<typeof searchResultView>;

/** GET /leads/search's body: the page's results, its cursor and facets, the limit and sort it ran with. */
export function searchPageView(page: SearchPage, request: Pick<SearchRequest, "limit" | "sort">) {
  return {
    results: page.rows.map(searchResultView),
    next_cursor: page.nextCursor,
    facets: page.facets,
    facets_approximate: page.facetsApproximate,
    limit: request.limit,
    sort: request.sort,
  };
}
