/**
 * The D1 side of an ingest: which of the rows' addresses and domains the
 * tenant suppressed, which addresses it already has, and the upsert of the
 * merged leads in one atomic batch.
 *
 * Lists travel as one JSON parameter read with `json_each` rather than one
 * parameter per value: a lead row takes 23 values, so D1's 100 parameters
 * per statement would allow 4 rows a statement, about 10,000 statements for
 * a 5 MiB file, ten times D1's queries per invocation. Each JSON parameter
 * is kept under 90 KB, so a 5 MiB file is about a hundred statements.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { leadColumns } from "../../db/lead-columns.ts";
import { leads, suppressions } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import {
  type IngestedLeadRow,
  ingestedLeadColumns,
  type StoredLead,
  storedLeadColumns,
} from "../../domain/ingest/lead-merge.ts";

/** Largest JSON parameter (characters) one statement carries. */
export const MAX_JSON_PARAMETER = 90_000;

/** Splits values into JSON arrays of at most `maxChars` characters each. */
export function jsonChunks(values: readonly unknown[], maxChars = MAX_JSON_PARAMETER): string[] {
  const chunks: string[] = [];
  let parts: string[] = [];
  let size = 2;
  for (const value of values) {
    const part = JSON.stringify(value);
    if (parts.length > 0 && size + part.length + 1 > maxChars) {
      chunks.push(`[${parts.join(",")}]`);
      parts = [];
      size = 2;
    }
    parts.push(part);
    size += part.length + 1;
  }
  if (parts.length > 0) chunks.push(`[${parts.join(",")}]`);
  return chunks;
}

/** True when the tenant has any suppression at all (most have none: no hashing needed then). */
export async function hasSuppressions(db: Database, tenantId: string): Promise<boolean> {
  const rows = await tenantScope(db, tenantId).selectFields(suppressions, { one: sql<number>`1` }).limit(1);
  return rows.length > 0;
}

/** The subset of `hashes` (sha256 hex of an address or a domain) the tenant suppressed. */
export async function suppressedHashes(
  db: Database,
  tenantId: string,
  hashes: string[],
): Promise<Set<string>> {
  const scope = tenantScope(db, tenantId);
  const found = new Set<string>();
  const queries = jsonChunks(hashes).map((chunk) =>
    scope.selectFields(
      suppressions,
      { hash: suppressions.value_hash },
      sql`${suppressions.value_hash} IN (SELECT value FROM json_each(${chunk}))`,
    ),
  );
  for (const rows of await batch(db, queries)) for (const r of rows) found.add(r.hash);
  return found;
}

/** The tenant's stored leads for these addresses, by address. */
export async function storedLeads(
  db: Database,
  tenantId: string,
  emails: string[],
): Promise<Map<string, StoredLead>> {
  const scope = tenantScope(db, tenantId);
  const queries = jsonChunks(emails).map((chunk) =>
    scope.selectFields(
      leads,
      leadColumns(storedLeadColumns),
      sql`${leads.email} IN (SELECT value FROM json_each(${chunk}))`,
    ),
  );
  const found = new Map<string, StoredLead>();
  for (const rows of await batch(db, queries)) for (const r of rows) found.set(r.email, r);
  return found;
}

/** The order of a row's values in the JSON the upsert reads (`$[0]`...). */
const COLUMNS = [...ingestedLeadColumns, "now"] as const satisfies readonly (keyof IngestedLeadRow)[];

const at = (name: (typeof COLUMNS)[number]) => `json_extract(r.value, '$[${COLUMNS.indexOf(name)}]')`;

/**
 * The upsert of one chunk (parameters: the tenant, the rows as a JSON array
 * of arrays). On an address the tenant already has, the merged values
 * replace the stored ones and the lead is refreshed and restored if it was
 * deleted; its id, creation, origin, sources and verification stay. Plain
 * SQL on the D1 binding: drizzle's batch cannot carry a raw statement.
 */
const UPSERT_SQL = `
INSERT INTO leads (id, tenant_id, email, type, first_name, last_name, full_name, title, seniority, department,
  company, company_domain, email_source, verify_status, verify_reason, icp_score, icp_reasons, data_gaps,
  source_url, sources, alternatives, source, refreshed_at, created_at, updated_at)
SELECT ${at("id")}, ?1, ${at("email")}, ${at("type")}, ${at("first_name")}, ${at("last_name")}, ${at("full_name")},
  ${at("title")}, ${at("seniority")}, ${at("department")}, ${at("company")}, ${at("company_domain")}, 'published',
  ${at("verify_status")}, ${at("verify_reason")}, ${at("icp_score")}, ${at("icp_reasons")},
  ${at("data_gaps")}, ${at("source_url")}, '[]', '[]',
  ${at("source")}, ${at("now")}, ${at("created_at")}, ${at("now")}
FROM json_each(?2) AS r WHERE true
ON CONFLICT (tenant_id, email) DO UPDATE SET
  type = excluded.type, first_name = excluded.first_name, last_name = excluded.last_name,
  full_name = excluded.full_name, title = excluded.title, seniority = excluded.seniority,
  department = excluded.department, company = excluded.company, company_domain = excluded.company_domain,
  email_source = 'published', icp_score = excluded.icp_score,
  icp_reasons = excluded.icp_reasons, data_gaps = excluded.data_gaps, source_url = excluded.source_url,
  refreshed_at = excluded.refreshed_at, updated_at = excluded.updated_at, deleted_at = NULL`;

/** Inserts or updates the rows, all in one atomic batch. */
export async function upsertIngestedLeads(db: Database, tenantId: string, rows: IngestedLeadRow[]) {
  if (rows.length === 0) return;
  const upsert = db.$client.prepare(UPSERT_SQL);
  const chunks = jsonChunks(rows.map((row) => COLUMNS.map((c) => row[c])));
  const scope = tenantScope(db, tenantId);
  await db.$client.batch(chunks.map((chunk) => scope.bind(upsert, chunk)));
}

/** db.batch for a list that may be empty (drizzle wants at least one statement). */
async function batch<T extends Parameters<Database["batch"]>[0][number]>(db: Database, items: T[]) {
  if (items.length === 0) return [];
  return db.batch(items as [T, ...T[]]);
}
