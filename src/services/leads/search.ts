/**
 * Lead search (seed 000's GET /leads/search): full text through the FTS5
 * index, filters, keyset pages in a stable order, and facet counts, each
 * facet over the rows that match every other filter. Always scoped to the
 * tenant; soft-deleted leads never appear.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { leadColumnsSql, leadFromDriver } from "../../db/lead-columns.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import type { Lead, LeadColumn } from "../../domain/leads/lead.ts";
import {
  type CursorPosition,
  decodeCursor,
  encodeCursor,
  filtersFingerprint,
  type SearchSort,
} from "../../domain/search/cursor.ts";
import { facetCounts } from "./facets.ts";
import { baseConditions, filterConditions, type SearchFacet, type SearchFilters } from "./filters.ts";

export interface SearchRequest extends SearchFilters {
  sort: SearchSort;
  limit: number;
  cursor?: string | undefined;
  facets?: SearchFacet[] | undefined;
  /** Count facets exactly however many leads match (slower on large result sets). */
  facets_exact?: boolean | undefined;
}

const SORTS: Record<SearchSort, { key: string; dir: "ASC" | "DESC" }> = {
  icp_desc: { key: "l.icp_score", dir: "DESC" },
  icp_asc: { key: "l.icp_score", dir: "ASC" },
  verified_at_desc: { key: "coalesce(l.verified_at, '')", dir: "DESC" },
  verified_at_asc: { key: "coalesce(l.verified_at, '')", dir: "ASC" },
};

/** The columns a search row reads (seed 000's fields first). */
const SEARCH_COLUMNS = [
  "id",
  "email",
  "type",
  "first_name",
  "last_name",
  "full_name",
  "title",
  "seniority",
  "department",
  "company",
  "company_domain",
  "company_id",
  "industry",
  "size",
  "technologies",
  "country",
  "icp_score",
  "icp_reasons",
  "data_gaps",
  "verify_status",
  "verify_reason",
  "verified_at",
  "source",
  "source_url",
] as const satisfies readonly LeadColumn[];
type SearchColumn = (typeof SEARCH_COLUMNS)[number];
/** A lead as a search reads it (a door shows it its own way: src/routes/leads/views.ts for door 000). */
export type SearchRow = Pick<Lead, SearchColumn>;

/** One page of a search: its rows, the next page's cursor (null on the last), the requested facets' counts. */
export interface SearchPage {
  rows: SearchRow[];
  nextCursor: string | null;
  facets: Partial<Record<SearchFacet, Record<string, number>>>;
  /** The counts were scaled up from a sample (facets.ts), not counted exactly. */
  facetsApproximate: boolean;
}

/** Runs a search: one page of rows, the next cursor, and the requested facets. */
export async function searchLeads(
  db: Database,
  tenantId: string,
  request: SearchRequest,
  now = Date.now(),
): Promise<SearchPage> {
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
  const where = [
    ...baseConditions(tenantScope(db, tenantId), filters),
    ...filterConditions("l", filters, now),
  ];
  if (after) {
    // Written as key <= k AND (key < k OR id < i) rather than (key, id) < (k, i): SQLite seeks an
    // expression index (the verified_at sorts) only with the first form.
    const [le, lt] = order.dir === "DESC" ? ["<=", "<"] : [">=", ">"];
    where.push(
      sql`${key} ${sql.raw(le)} ${after.key} AND (${key} ${sql.raw(lt)} ${after.key} OR l.id ${sql.raw(lt)} ${after.id})`,
    );
  }
  const dir = sql.raw(order.dir);
  const rows = await db.all<Record<SearchColumn, unknown> & { id: string; sort_key: number | string }>(sql`
    SELECT ${leadColumnsSql("l", SEARCH_COLUMNS)}, ${key} AS sort_key
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
    rows: page.map((row) => leadFromDriver(row, SEARCH_COLUMNS)),
    nextCursor,
    facets: facets.counts,
    facetsApproximate: facets.approximate,
  };
}
