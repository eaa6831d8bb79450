/**
 * What lead search filters on, shared by the page query and the facets:
 * the facet names, the filters, the column each reads, and the SQL
 * conditions (tenant, not deleted, full text; then the other filters).
 * A list filter binds one parameter per value (`IN (?, ?)`, which SQLite
 * plans best: bench:search measured p95 147 ms with JSON lists against
 * 109 ms) when the statement stays well inside D1's 100 bound parameters,
 * and else one JSON parameter (`IN (SELECT value FROM json_each(?))`): the
 * facets query repeats every other filter once per facet, which at the
 * largest lists passed the limit many times over.
 */
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { inJsonList } from "../../db/chunks.ts";
import type { TenantScope } from "../../db/tenant-scope.ts";
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
export function baseConditions(scope: TenantScope, filters: SearchFilters): SQL[] {
  const where: SQL[] = [scope.sqlCondition("l"), sql`l.deleted_at IS NULL`];
  const fts = filters.q ? toFtsQuery(filters.q).match : null;
  if (fts) where.push(sql`l.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ${fts})`);
  return where;
}

/** Bound list values a statement may carry before lists go as JSON (the rest of a search binds fewer than 20). */
export const INLINE_LIST_VALUES = 60;

/** How many values the list filters hold together. */
export function listValueCount(filters: SearchFilters): number {
  let n = 0;
  for (const facet of [...Object.keys(COLUMNS), "tech"] as (keyof SearchFilters)[]) {
    const values = filters[facet];
    if (Array.isArray(values)) n += values.length;
  }
  return n;
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
  copies = 1,
): SQL[] {
  const where: SQL[] = [];
  const col = (name: string) => sql.raw(`${a}.${name.replace(/^l\./, "")}`);
  // `copies`: how many times the statement repeats these conditions (the facets query: once per facet).
  const inline = listValueCount(filters) * copies <= INLINE_LIST_VALUES;
  const inList = (column: SQLWrapper, values: readonly string[]) =>
    inline
      ? sql`${column} IN (${sql.join(
          values.map((v) => sql`${v}`),
          sql`, `,
        )})`
      : inJsonList(column, values);
  for (const facet of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const values = filters[facet];
    if (facet === except || !values || values.length === 0) continue;
    where.push(inList(col(COLUMNS[facet]), values));
  }
  if (except !== "tech" && filters.tech && filters.tech.length > 0) {
    const wanted = filters.tech.map((t) => t.toLowerCase());
    where.push(
      sql`EXISTS (SELECT 1 FROM json_each(${col("technologies")}) t WHERE ${inList(sql`lower(t.value)`, wanted)})`,
    );
  }
  if (filters.icp_min !== undefined) where.push(sql`${col("icp_score")} >= ${filters.icp_min}`);
  if (filters.recency_days !== undefined) {
    const since = new Date(now - filters.recency_days * 86_400_000).toISOString();
    where.push(sql`${col("verified_at")} >= ${since}`);
  }
  return where;
}
