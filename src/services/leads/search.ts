/**
 * Lead search (seed 000's GET /leads/search): full text through the FTS5
 * index, filters, keyset pages in a stable order, and facet counts, each
 * facet over the rows that match every other filter. Always scoped to the
 * tenant; soft-deleted leads never appear.
 */
import { type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  filtersFingerprint,
  type SearchSort,
} from "../../domain/search/cursor.ts";
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

export interface SearchRequest extends SearchFilters {
  sort: SearchSort;
  limit: number;
  cursor?: string | undefined;
  facets?: SearchFacet[] | undefined;
  /** Count facets exactly however many leads match (slower on large result sets). */
  facets_exact?: boolean | undefined;
}

/** The column (or expression) each list filter and facet reads. */
const COLUMNS: Record<Exclude<SearchFacet, "tech">, string> = {
  verify_status: "l.verify_status",
  seniority: "l.seniority",
  roles: "l.department",
  industries: "l.industry",
  sizes: "l.size",
  source: "l.source",
};

const SORTS: Record<SearchSort, { key: string; dir: "ASC" | "DESC" }> = {
  icp_desc: { key: "l.icp_score", dir: "DESC" },
  icp_asc: { key: "l.icp_score", dir: "ASC" },
  verified_at_desc: { key: "coalesce(l.verified_at, '')", dir: "DESC" },
  verified_at_asc: { key: "coalesce(l.verified_at, '')", dir: "ASC" },
};

/** The tenant, not deleted, and the full-text match: what every query and facet shares. */
function baseConditions(tenantId: string, filters: SearchFilters): SQL[] {
  const where: SQL[] = [sql`l.tenant_id = ${tenantId}`, sql`l.deleted_at IS NULL`];
  const fts = filters.q ? toFtsQuery(filters.q).match : null;
  if (fts) where.push(sql`l.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ${fts})`);
  return where;
}

/**
 * The filter conditions on rows of alias `a` (`l` for leads, `m` for the
 * facets' working set), leaving out the one named `except` (for its facet).
 */
function filterConditions(a: "l" | "m", filters: SearchFilters, now: number, except?: SearchFacet): SQL[] {
  const where: SQL[] = [];
  const col = (name: string) => sql.raw(`${a}.${name.replace(/^l\./, "")}`);
  const list = (values: string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  for (const facet of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const values = filters[facet];
    if (facet === except || !values || values.length === 0) continue;
    where.push(sql`${col(COLUMNS[facet])} IN (${list(values)})`);
  }
  if (except !== "tech" && filters.tech && filters.tech.length > 0) {
    const wanted = filters.tech.map((t) => t.toLowerCase());
    where.push(
      sql`EXISTS (SELECT 1 FROM json_each(${col("technologies")}) t WHERE lower(t.value) IN (${list(wanted)}))`,
    );
  }
  if (filters.icp_min !== undefined) where.push(sql`${col("icp_score")} >= ${filters.icp_min}`);
  if (filters.recency_days !== undefined) {
    const since = new Date(now - filters.recency_days * 86_400_000).toISOString();
    where.push(sql`${col("verified_at")} >= ${since}`);
  }
  return where;
}

/** What a search row carries (seed 000's fields first). */
export interface SearchRow {
  id: string;
  email: string;
  type: string;
  first_name: string | null;
  last_name: string | null;
  full_name: string | null;
  title: string | null;
  seniority: string | null;
  department: string | null;
  company: string | null;
  company_domain: string;
  company_id: number | null;
  industry: string | null;
  size: string | null;
  technologies: string;
  country: string | null;
  icp_score: number;
  icp_reasons: string;
  data_gaps: string;
  verify_status: string;
  verify_reason: string;
  verified_at: string | null;
  source: string;
  source_url: string | null;
}

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
    icp_reasons: JSON.parse(row.icp_reasons) as { code: string; points: number; detail?: string }[],
    data_gaps: JSON.parse(row.data_gaps) as string[],
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
    technologies: JSON.parse(row.technologies) as string[],
    source: row.source,
  };
}

/** Runs a search: one page of rows, the next cursor, and the requested facets. */
export async function searchLeads(db: Database, tenantId: string, request: SearchRequest, now = Date.now()) {
  const { sort, limit } = request;
  const filters: SearchFilters = {
    q: request.q,
    verify_status: request.verify_status,
    icp_min: request.icp_min,
    roles: request.roles,
    seniority: request.seniority,
    industries: request.industries,
    sizes: request.sizes,
    tech: request.tech,
    source: request.source,
    recency_days: request.recency_days,
  };
  const fingerprint = await filtersFingerprint(filters);
  const after: CursorPosition | null = request.cursor
    ? await decodeCursor(request.cursor, sort, fingerprint)
    : null;
  const order = SORTS[sort];
  const key = sql.raw(order.key);
  const where = [...baseConditions(tenantId, filters), ...filterConditions("l", filters, now)];
  if (after) {
    // Written as key <= k AND (key < k OR id < i) rather than (key, id) < (k, i): SQLite seeks an
    // expression index (the verified_at sorts) only with the first form.
    const [le, lt] = order.dir === "DESC" ? ["<=", "<"] : [">=", ">"];
    where.push(
      sql`${key} ${sql.raw(le)} ${after.key} AND (${key} ${sql.raw(lt)} ${after.key} OR l.id ${sql.raw(lt)} ${after.id})`,
    );
  }
  const dir = sql.raw(order.dir);
  const rows = await db.all<SearchRow & { sort_key: number | string }>(sql`
    SELECT l.id, l.email, l.type, l.first_name, l.last_name, l.full_name, l.title, l.seniority, l.department,
      l.company, l.company_domain, l.company_id, l.industry, l.size, l.technologies, l.country, l.icp_score, l.icp_reasons,
      l.data_gaps, l.verify_status,
      l.verify_reason, l.verified_at, l.source, l.source_url, ${key} AS sort_key
    FROM leads l
    WHERE ${sql.join(where, sql` AND `)}
    ORDER BY ${key} ${dir}, l.id ${dir}
    LIMIT ${limit + 1}`);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? await encodeCursor({ sort, key: last.sort_key, id: last.id }, fingerprint)
      : null;
  const facets = await facetCounts(
    db,
    tenantId,
    filters,
    request.facets ?? [],
    now,
    request.facets_exact ?? false,
  );
  return {
    results: page.map(searchResultView),
    next_cursor: nextCursor,
    facets: facets.counts,
    facets_approximate: facets.approximate,
  };
}

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

type FacetCounts = Partial<Record<SearchFacet, Record<string, number>>>;

/** The candidates' count: the text's matches (all tenants: the index alone answers), or the tenant's leads. */
async function candidateCount(db: Database, tenantId: string, fts: string | null): Promise<number> {
  const [row] = await db.all<{ n: number }>(
    fts
      ? sql`SELECT count(*) AS n FROM leads_fts WHERE leads_fts MATCH ${fts}`
      : sql`SELECT count(*) AS n FROM leads INDEXED BY leads_tenant_id WHERE tenant_id = ${tenantId}`,
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
async function facetCounts(
  db: Database,
  tenantId: string,
  filters: SearchFilters,
  wanted: readonly SearchFacet[],
  now: number,
  exact: boolean,
): Promise<{ counts: FacetCounts; approximate: boolean }> {
  const counts: FacetCounts = {};
  if (wanted.length === 0) return { counts, approximate: false };
  const fts = filters.q ? toFtsQuery(filters.q).match : null;
  const n = exact ? 0 : await candidateCount(db, tenantId, fts);
  const parts = wanted.map((facet) => {
    const where = filterConditions("m", filters, now, facet);
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
          WHERE tenant_id = ${tenantId} AND ${sampled(sql`rowid`, n)} ORDER BY rowid`;
    const result = await db.all<{ facet: string; value: string | null; n: number }>(sql`
      WITH s AS MATERIALIZED (${sample}),
      m AS MATERIALIZED (
        SELECT ${columns} FROM s CROSS JOIN leads l ON l.rowid = s.rid
        WHERE l.tenant_id = ${tenantId} AND l.deleted_at IS NULL
      )
      SELECT '_sample' AS facet, NULL AS value, (SELECT count(*) FROM s) AS n
      UNION ALL SELECT '_tenant', NULL, (SELECT count(*) FROM m)
      UNION ALL ${sql.join(parts, sql` UNION ALL `)}`);
    const size = result.find((r) => r.facet === "_sample")?.n ?? 0;
    const tenantRows = result.find((r) => r.facet === "_tenant")?.n ?? 0;
    if (size > 0 && tenantRows >= MIN_TENANT_SAMPLE) {
      scale = n / size;
      rows = result.filter((r) => !r.facet.startsWith("_"));
    }
  }
  rows ??= await db.all<{ facet: string; value: string | null; n: number }>(sql`
    WITH m AS MATERIALIZED (
      SELECT ${columns} FROM leads l WHERE ${sql.join(baseConditions(tenantId, filters), sql` AND `)}
    )
    ${sql.join(parts, sql` UNION ALL `)}`);
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
