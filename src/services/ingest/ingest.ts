/**
 * An ingest from start to finish: read and check every row of the body,
 * drop the rows the tenant suppressed, merge the rest with the leads the
 * tenant already has, and write them all in one atomic batch. Nothing is
 * written before the whole body has been read, so a body that turns out too
 * large or malformed halfway leaves the data as it was.
 */
import type { Database } from "../../db/client.ts";
import { packagedDomainLists } from "../../domain/icp/domain-lists.ts";
import { type ScorableLead, scoreForTenant } from "../../domain/icp/tenant-score.ts";
import { type IngestedLeadRow, mergeIngestedLead } from "../../domain/ingest/lead-merge.ts";
import { type FieldProblem, type RowLead, readLeadRow } from "../../domain/ingest/lead-row.ts";
import { newId, nowIso, sha256Hex } from "../../lib/ids.ts";
import { getIcpProfile } from "../icp/profiles.ts";
import { hasSuppressions, storedLeads, suppressedHashes, upsertIngestedLeads } from "./lead-store.ts";
import { type IngestFormat, readRows } from "./read-rows.ts";

/** How many row errors the response lists (the count covers them all). */
export const MAX_LISTED_ERRORS = 100;

export interface IngestInput {
  tenantId: string;
  body: ReadableStream<Uint8Array> | null;
  format: IngestFormat;
  maxBytes: number;
  /** Accept the reserved testing domains (.test, example.com): development only. */
  allowReservedNames: boolean;
}

/** One refused row (a row with several problems has several). */
export interface RowError extends FieldProblem {
  row: number;
}

export interface IngestSummary {
  received_bytes: number;
  /** Rows that created a lead. */
  accepted: number;
  /** Rows for an address the tenant already had (refreshed even when no value changed). */
  updated: number;
  /** Rows refused: invalid, repeated in the file, or suppressed. */
  rejected: number;
  errors: RowError[];
  error_count: number;
  ignored_columns: string[];
}

interface Candidate {
  row: number;
  lead: RowLead;
}

/** Reads, checks and writes one body of leads for the tenant. */
export async function ingestLeads(db: Database, input: IngestInput): Promise<IngestSummary> {
  const errors: RowError[] = [];
  let errorCount = 0;
  const rejectedRows = new Set<number>();
  const reject = (row: number, problem: FieldProblem) => {
    rejectedRows.add(row);
    errorCount += 1;
    if (errors.length < MAX_LISTED_ERRORS) errors.push({ row, ...problem });
  };

  const byEmail = new Map<string, Candidate>();
  const options = { allowReservedNames: input.allowReservedNames };
  const read = await readRows(input.body, input.format, input.maxBytes, {
    problem: reject,
    row(row, values) {
      const result = readLeadRow(values, options);
      if (!result.ok) {
        for (const problem of result.problems) reject(row, problem);
        return;
      }
      const first = byEmail.get(result.lead.email);
      if (first) {
        reject(row, {
          field: "email",
          detail: `the same address as row ${first.row}; only the first is used`,
        });
        return;
      }
      byEmail.set(result.lead.email, { row, lead: result.lead });
    },
  });

  const candidates = await withoutSuppressed(db, input.tenantId, [...byEmail.values()], reject);
  const [stored, icp] = await Promise.all([
    storedLeads(
      db,
      input.tenantId,
      candidates.map((c) => c.lead.email),
    ),
    getIcpProfile(db, input.tenantId),
  ]);
  const score = (lead: ScorableLead) => scoreForTenant(icp?.profile ?? null, lead, packagedDomainLists);
  const now = nowIso();
  let updated = 0;
  const rows: IngestedLeadRow[] = candidates.map(({ lead }) => {
    const before = stored.get(lead.email);
    if (before) updated += 1;
    return mergeIngestedLead(lead, before, { newId: () => newId("lead"), now }, score);
  });
  await upsertIngestedLeads(db, input.tenantId, rows);

  errors.sort((a, b) => a.row - b.row);
  return {
    received_bytes: read.bytes,
    accepted: rows.length - updated,
    updated,
    rejected: rejectedRows.size,
    errors,
    error_count: errorCount,
    ignored_columns: read.ignoredColumns,
  };
}

/** The candidates whose address, host and domains are not suppressed; the others are rejected. */
async function withoutSuppressed(
  db: Database,
  tenantId: string,
  candidates: Candidate[],
  reject: (row: number, problem: FieldProblem) => void,
): Promise<Candidate[]> {
  if (candidates.length === 0 || !(await hasSuppressions(db, tenantId))) return candidates;
  const hashOf = new Map<string, string>();
  const hash = async (value: string) => {
    let h = hashOf.get(value);
    if (!h) {
      h = await sha256Hex(value);
      hashOf.set(value, h);
    }
    return h;
  };
  const keys = await Promise.all(
    candidates.map(async ({ lead }) => ({
      email: await hash(lead.email),
      domains: await Promise.all(
        [...new Set([lead.email_host, lead.email_domain, lead.company_domain ?? lead.email_domain])].map(
          hash,
        ),
      ),
    })),
  );
  const suppressed = await suppressedHashes(db, tenantId, [...new Set(hashOf.values())]);
  return candidates.filter((candidate, i) => {
    const key = keys[i]!;
    if (suppressed.has(key.email)) {
      reject(candidate.row, {
        field: "email",
        detail: "suppressed: this address is on the suppression list",
      });
      return false;
    }
    if (key.domains.some((h) => suppressed.has(h))) {
      reject(candidate.row, { field: "email", detail: "suppressed: this domain is on the suppression list" });
      return false;
    }
    return true;
  });
}
