/** Lead search: full text, facet filters with their counts, a sort, and cursor paging. */
import type { SearchResultView } from "../../routes/leads/views.ts";
import type { SearchFacet } from "../../services/leads/filters.ts";
import { Layout } from "../layout.tsx";
import { LeadTable } from "../lead-table.tsx";
import type { PageUser } from "../page-kit.tsx";

export const facetLabels: Record<SearchFacet, string> = {
  verify_status: "Verification",
  seniority: "Seniority",
  roles: "Department",
  industries: "Industry",
  sizes: "Company size",
  tech: "Technology",
  source: "Source",
};

const sortLabels = {
  icp_desc: "Best ICP score first",
  icp_asc: "Lowest ICP score first",
  verified_at_desc: "Recently verified first",
  verified_at_asc: "Oldest verification first",
} as const;

/** Values shown per facet (the most frequent; chosen ones always). */
const FACET_VALUES_SHOWN = 12;

export interface LeadsPageProps {
  user: PageUser;
  csrf: string;
  /** The request's filters as the form shows them. */
  q: string;
  sort: keyof typeof sortLabels;
  icpMin: string;
  selected: Partial<Record<SearchFacet, string[]>>;
  results: SearchResultView[];
  facets: Partial<Record<SearchFacet, Record<string, number>>>;
  approximate: boolean;
  /** Links to the next and the first page (null when there is none). */
  nextHref: string | null;
  firstHref: string | null;
  problem?: string | undefined;
}

function FacetGroup({
  facet,
  counts,
  chosen,
}: {
  facet: SearchFacet;
  counts: Record<string, number>;
  chosen: string[];
}) {
  const values = Object.entries(counts)
    // Elsewhere "unknown" stands for "not known" (no value to filter on); a verification can be "unknown".
    .filter(([value]) => facet === "verify_status" || value !== "unknown")
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, FACET_VALUES_SHOWN)
    .map(([value]) => value);
  for (const value of chosen) if (!values.includes(value)) values.push(value);
  if (values.length === 0) return null;
  return (
    <fieldset>
      <legend>{facetLabels[facet]}</legend>
      {values.map((value) => (
        <label class="check">
          <input type="checkbox" name={facet} value={value} checked={chosen.includes(value)} />
          {value.replaceAll("_", " ")}{" "}
          <span class="muted">({(counts[value] ?? 0).toLocaleString("en")})</span>
        </label>
      ))}
    </fieldset>
  );
}

export function LeadsPage(props: LeadsPageProps) {
  const { user, csrf, results, facets, selected } = props;
  return (
    <Layout title="Leads" user={user} csrf={csrf}>
      <h1>Leads</h1>
      {props.problem ? (
        <p class="notice error" role="alert">
          {props.problem}
        </p>
      ) : null}
      <form method="get" action="/app/leads" class="search" aria-label="Lead search">
        <aside>
          <div class="actions">
            <button type="submit">Apply filters</button>
            <a href="/app/leads">Clear</a>
          </div>
          {(Object.keys(facetLabels) as SearchFacet[]).map((facet) => (
            <FacetGroup facet={facet} counts={facets[facet] ?? {}} chosen={selected[facet] ?? []} />
          ))}
          {props.approximate ? (
            <p class="muted">Counts are estimated from a sample of the matching leads.</p>
          ) : null}
        </aside>
        <section aria-label="Results">
          <label for="q">Search</label>
          <input
            id="q"
            name="q"
            type="text"
            value={props.q}
            maxlength={500}
            placeholder="name, title, company, email"
          />
          <div class="toolbar">
            <span>
              <label for="sort">Sort</label>
              <select id="sort" name="sort">
                {Object.entries(sortLabels).map(([value, label]) => (
                  <option value={value} selected={value === props.sort}>
                    {label}
                  </option>
                ))}
              </select>
            </span>
            <span>
              <label for="icp_min">Minimum ICP score</label>
              <input id="icp_min" name="icp_min" type="number" min="0" max="100" value={props.icpMin} />
            </span>
          </div>
          <div class="actions">
            <button type="submit">Search</button>
          </div>
          {results.length === 0 ? (
            <p class="muted">No leads match.</p>
          ) : (
            <LeadTable
              leads={results.map((r) => ({ ...r, company: r.company_name }))}
              caption={`${results.length} leads on this page`}
            />
          )}
          <nav class="pager" aria-label="Pages">
            {props.firstHref ? <a href={props.firstHref}>First page</a> : null}
            {props.nextHref ? (
              <a href={props.nextHref} rel="next">
                Next page
              </a>
            ) : null}
          </nav>
        </section>
      </form>
    </Layout>
  );
}
