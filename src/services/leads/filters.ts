/**
 * What lead search filters on, shared by the page query and the facets:
 * the facet names, the filters, the column each reads, and the SQL
 * conditions (tenant, not deleted, full text; then the other filters).
 * Each list filter binds one JSON parameter, not one per value: the facets
 * query repeats every other filter once per facet, which at the largest
 * lists passed D1's 100 parameters a statement many times over.
 */
import { type SQL, sql } from "drizzle-orm";
import { inJsonList } from "../../db/chunks.ts";
import { toFtsQuery } from "../../domain/search/fts-query.ts";

export const searchFacets = [
  "verify_status",
  "seniority",
  "roles",
  "industries",
  "sizes",
  "tech",
  "source",
] as const;
export type SearchFacet = (typeof searchFacets)[number];

export interface SearchFilters {
  q?: string | undefined;
  verify_status?: string[] | undefined;
  icp_min?: number | undefined;
  roles?: string[] | undefined;
  seniority?: string[] | undefined;
  industries?: string[] | undefined;
  sizes?: string[] | undefined;
  tech?: string[] | undefined;
  source?: string[] | undefined;
  recency_days?: number | undefined;
}

/** The column (or expression) each list filter and facet reads. */
export const COLUMNS: Record<Exclude<SearchFacet, "tech">, string> = {
  verify_status: "l.verify_status",
  seniority: "l.seniority",
  roles: "l.department",
  industries: "l.industry",
  sizes: "l.size",
  source: "l.source",
};

/** The tenant, not deleted, and the full-text match: what every query and facet shares. */
export function baseConditions(tenantId: string, filters: SearchFilters): SQL[] {
  const where: SQL[] = [sql`l.tenant_id = ${tenantId}`, sql`l.deleted_at IS NULL`];
  const fts = filters.q ? toFtsQuery(filters.q).match : null;
  if (fts) where.push(sql`l.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ${fts})`);
  return where;
}

/**
 * The filter conditions on rows of alias `a` (`l` for leads, `m` for the
 * facets' working set), leaving out the one named `except` (for its facet).
 */
export function filterConditions(
  a: "l" | "m",
  filters: SearchFilters,
  now: number,
  except?: SearchFacet,
): SQL[] {
  const where: SQL[] = [];
  const col = (name: string) => sql.raw(`${a}.${name.replace(/^l\./, "")}`);
  for (const facet of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const values = filters[facet];
    if (facet === except || !values || values.length === 0) continue;
    where.push(inJsonList(col(COLUMNS[facet]), values));
  }
  if (except !== "tech" && filters.tech && filters.tech.length > 0) {
    const wanted = filters.tech.map((t) => t.toLowerCase());
    where.push(
      sql`EXISTS (SELECT 1 FROM json_each(${col("technologies")}) t WHERE ${inJsonList(sql`lower(t.value)`, wanted)})`,
    );
  }
  if (filters.icp_min !== undefined) where.push(sql`${col("icp_score")} >= ${filters.icp_min}`);
  if (filters.recency_days !== undefined) {
    const since = new Date(now - filters.recency_days * 86_400_000).toISOString();
    where.push(sql`${col("verified_at")} >= ${since}`);
  }
  return where;
}
