/**
 * Facet counts for lead search: per value of each requested facet, over the
 * leads matching every other filter; estimated from a uniform sample over
 * many candidates (see FACET_SAMPLE), exact otherwise or on request.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type TenantScope, tenantScope } from "../../db/tenant-scope.ts";
import { toFtsQuery } from "../../domain/search/fts-query.ts";
import {
  baseConditions,
  COLUMNS,
  filterConditions,
  type SearchFacet,
  type SearchFilters,
} from "./filters.ts";

/** Facet values returned at most, most frequent first. */
const FACET_VALUES = 50;

/**
 * Facet counts are exact while the candidate rows (the text's matches, or
 * the tenant's leads without text) are at most this many; above, they are
 * estimated from a uniform sample of about this many (`facets_approximate`).
 */
export const FACET_SAMPLE = 4_000;

/** A sample holding fewer of the tenant's matching leads than this is too thin: counted exactly instead. */
const MIN_TENANT_SAMPLE = 400;

/**
 * A deterministic hash of a rowid onto 0..P-1 (P = 4294967291, a prime):
 * keeping the rows whose hash is under P x rate is a uniform sample at that
 * rate that needs no sort and keeps rowid order (cheap, local lookups), and
 * the same request samples the same rows.
 */
const sampled = (rowid: SQL, n: number) =>
  sql`((${rowid} * 2654435761) % 4294967291) < ${Math.floor((4294967291 * FACET_SAMPLE) / n)}`;

/** D1 allows at most 5 terms in one compound SELECT ("too many terms in compound SELECT" beyond). */
export const MAX_COMPOUND_TERMS = 5;

/** `a UNION ALL b ...`, nested in groups of at most MAX_COMPOUND_TERMS so that any number of facets fits. */
export function unionAll(parts: readonly SQL[]): SQL {
  if (parts.length <= MAX_COMPOUND_TERMS) return sql.join([...parts], sql` UNION ALL `);
  const groups: SQL[] = [];
  for (let i = 0; i < parts.length; i += MAX_COMPOUND_TERMS)
    groups.push(sql`SELECT * FROM (${sql.join(parts.slice(i, i + MAX_COMPOUND_TERMS), sql` UNION ALL `)})`);
  return unionAll(groups);
}

type FacetCounts = Partial<Record<SearchFacet, Record<string, number>>>;

/** The candidates' count: the text's matches (all tenants: the index alone answers), or the tenant's leads. */
async function candidateCount(scope: TenantScope, fts: string | null): Promise<number> {
  const [row] = await scope.db.all<{ n: number }>(
    fts
      ? sql`SELECT count(*) AS n FROM leads_fts WHERE leads_fts MATCH ${fts}`
      : sql`SELECT count(*) AS n FROM leads INDEXED BY leads_tenant_id WHERE ${scope.sqlCondition()}`,
  );
  return row?.n ?? 0;
}

/**
 * Counts per value of each facet over the rows matching every other filter
 * (nulls as "unknown"), in one query: the rows matching the text and the
 * tenant are gathered once (a materialized working set of the few columns
 * filters and facets read), then each facet counts over it with the other
 * filters applied. Over many candidates the working set is a uniform sample
 * and the counts are scaled up (`approximate`), unless `exact` is asked.
 */
export async function facetCounts(
  db: Database,
  tenantId: string,
  filters: SearchFilters,
  wanted: readonly SearchFacet[],
  now: number,
  exact: boolean,
): Promise<{ counts: FacetCounts; approximate: boolean }> {
  const counts: FacetCounts = {};
  if (wanted.length === 0) return { counts, approximate: false };
  const scope = tenantScope(db, tenantId);
  const fts = filters.q ? toFtsQuery(filters.q).match : null;
  const n = exact ? 0 : await candidateCount(scope, fts);
  const parts = wanted.map((facet) => {
    const where = filterConditions("m", filters, now, facet, wanted.length);
    const cond = where.length > 0 ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
    return facet === "tech"
      ? sql`SELECT ${facet} AS facet, t.value AS value, count(*) AS n FROM m, json_each(m.technologies) t ${cond} GROUP BY t.value`
      : sql`SELECT ${facet} AS facet, ${sql.raw(COLUMNS[facet].replace("l.", "m."))} AS value, count(*) AS n FROM m ${cond} GROUP BY value`;
  });
  const columns = sql.raw(
    "l.verify_status, l.seniority, l.department, l.industry, l.size, l.source, l.icp_score, l.verified_at" +
      (wanted.includes("tech") || (filters.tech?.length ?? 0) > 0 ? ", l.technologies" : ""),
  );
  let scale = 1;
  let rows: { facet: string; value: string | null; n: number }[] | null = null;
  if (n > FACET_SAMPLE) {
    const sample = fts
      ? sql`SELECT rowid AS rid FROM leads_fts WHERE leads_fts MATCH ${fts} AND ${sampled(sql`rowid`, n)}`
      : sql`SELECT rowid AS rid FROM leads INDEXED BY leads_tenant_id
          WHERE ${scope.sqlCondition()} AND ${sampled(sql`rowid`, n)} ORDER BY rowid`;
    const result = await db.all<{ facet: string; value: string | null; n: number }>(sql`
      WITH s AS MATERIALIZED (${sample}),
      m AS MATERIALIZED (
        SELECT ${columns} FROM s CROSS JOIN leads l ON l.rowid = s.rid
        WHERE ${scope.sqlCondition("l")} AND l.deleted_at IS NULL
      )
      ${unionAll([
        sql`SELECT '_sample' AS facet, NULL AS value, (SELECT count(*) FROM s) AS n`,
        sql`SELECT '_tenant', NULL, (SELECT count(*) FROM m)`,
        ...parts,
      ])}`);
    const size = result.find((r) => r.facet === "_sample")?.n ?? 0;
    const tenantRows = result.find((r) => r.facet === "_tenant")?.n ?? 0;
    if (size > 0 && tenantRows >= MIN_TENANT_SAMPLE) {
      scale = n / size;
      rows = result.filter((r) => !r.facet.startsWith("_"));
    }
  }
  rows ??= await db.all<{ facet: string; value: string | null; n: number }>(sql`
    WITH m AS MATERIALIZED (
      SELECT ${columns} FROM leads l WHERE ${sql.join(baseConditions(scope, filters), sql` AND `)}
    )
    ${unionAll(parts)}`);
  for (const facet of wanted) {
    const values = rows
      .filter((r) => r.facet === facet)
      .map((r) => ({ value: r.value ?? "unknown", n: Math.round(r.n * scale) }))
      .sort((a, b) => b.n - a.n || a.value.localeCompare(b.value))
      .slice(0, FACET_VALUES);
    counts[facet] = Object.fromEntries(values.map((r) => [r.value, r.n]));
  }
  return { counts, approximate: scale !== 1 };
}
