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

/** The WHERE conditions for `filters`, leaving out the one named `except` (for its facet). */
function conditions(tenantId: string, filters: SearchFilters, now: number, except?: SearchFacet): SQL[] {
  const where: SQL[] = [sql`l.tenant_id = ${tenantId}`, sql`l.deleted_at IS NULL`];
  const fts = filters.q ? toFtsQuery(filters.q).match : null;
  if (fts) where.push(sql`l.rowid IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH ${fts})`);
  for (const facet of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    const values = filters[facet];
    if (facet === except || !values || values.length === 0) continue;
    where.push(
      sql`${sql.raw(COLUMNS[facet])} IN (${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )})`,
    );
  }
  if (except !== "tech" && filters.tech && filters.tech.length > 0) {
    const wanted = filters.tech.map((t) => t.toLowerCase());
    where.push(
      sql`EXISTS (SELECT 1 FROM json_each(l.technologies) t WHERE lower(t.value) IN (${sql.join(
        wanted.map((v) => sql`${v}`),
        sql`, `,
      )}))`,
    );
  }
  if (filters.icp_min !== undefined) where.push(sql`l.icp_score >= ${filters.icp_min}`);
  if (filters.recency_days !== undefined) {
    const since = new Date(now - filters.recency_days * 86_400_000).toISOString();
    where.push(sql`l.verified_at >= ${since}`);
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
  industry: string | null;
  size: string | null;
  technologies: string;
  icp_score: number;
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
    icp_score: row.icp_score,
    verify_status: row.verify_status,
    verify_reason: row.verify_reason,
    verified_at: row.verified_at,
    source_url: row.source_url,
    type: row.type,
    seniority: row.seniority,
    department: row.department,
    industry: row.industry,
    size: row.size,
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
  const where = conditions(tenantId, filters, now);
  if (after) {
    const cmp = sql.raw(order.dir === "DESC" ? "<" : ">");
    where.push(sql`(${key}, l.id) ${cmp} (${after.key}, ${after.id})`);
  }
  const dir = sql.raw(order.dir);
  const rows = await db.all<SearchRow & { sort_key: number | string }>(sql`
    SELECT l.id, l.email, l.type, l.first_name, l.last_name, l.full_name, l.title, l.seniority, l.department,
      l.company, l.company_domain, l.industry, l.size, l.technologies, l.icp_score, l.verify_status,
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
  const facets: Partial<Record<SearchFacet, Record<string, number>>> = {};
  for (const facet of request.facets ?? [])
    facets[facet] = await facetCounts(db, tenantId, filters, facet, now);
  return { results: page.map(searchResultView), next_cursor: nextCursor, facets };
}

/** Counts per value of one facet over the rows matching every other filter (nulls as "unknown"). */
async function facetCounts(
  db: Database,
  tenantId: string,
  filters: SearchFilters,
  facet: SearchFacet,
  now: number,
): Promise<Record<string, number>> {
  const where = sql.join(conditions(tenantId, filters, now, facet), sql` AND `);
  const rows =
    facet === "tech"
      ? await db.all<{ value: string; n: number }>(sql`
          SELECT t.value AS value, count(*) AS n FROM leads l, json_each(l.technologies) t
          WHERE ${where} GROUP BY t.value ORDER BY n DESC, value LIMIT 50`)
      : await db.all<{ value: string | null; n: number }>(sql`
          SELECT ${sql.raw(COLUMNS[facet])} AS value, count(*) AS n FROM leads l
          WHERE ${where} GROUP BY value ORDER BY n DESC, value LIMIT 50`);
  return Object.fromEntries(rows.map((r) => [r.value ?? "unknown", r.n]));
}
