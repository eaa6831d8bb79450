/** Shared bits of the ingest route tests: sending a file, reading the tenant's leads straight from D1. */
import { env } from "cloudflare:test";
import { sha256Hex } from "../../../src/lib/ids.ts";
import { type Caller, type CallOptions, call } from "../helpers/api.ts";

/** POSTs a file to /ingest as `caller` (dev headers unless other headers are given). */
export function ingest(
  caller: Caller | null,
  body: BodyInit,
  contentType = "text/csv",
  options: Omit<CallOptions, "body"> = {},
) {
  return call("POST", "/ingest", {
    ...options,
    body,
    headers: { "Content-Type": contentType, ...(caller ? caller.devHeaders() : {}), ...options.headers },
  });
}

export interface StoredLeadRow {
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
  email_source: string;
  verify_status: string;
  verify_reason: string;
  icp_score: number;
  source_url: string | null;
  sources: string;
  source: string;
  refreshed_at: string | null;
  created_at: string;
  updated_at: string | null;
  deleted_at: string | null;
}

/** The tenant's leads, by address (read directly from D1). */
export async function leadsOf(tenantId: string): Promise<Map<string, StoredLeadRow>> {
  const { results } = await env.DB.prepare("SELECT * FROM leads WHERE tenant_id = ? ORDER BY email")
    .bind(tenantId)
    .all<StoredLeadRow>();
  return new Map(results.map((r) => [r.email, r]));
}

/** Suppresses an address or a domain for the tenant, as the suppression endpoints store it. */
export async function suppress(tenantId: string, kind: "email" | "domain", value: string) {
  await env.DB.prepare("INSERT INTO suppressions (id, tenant_id, kind, value_hash) VALUES (?, ?, ?, ?)")
    .bind(crypto.randomUUID(), tenantId, kind, await sha256Hex(value.toLowerCase()))
    .run();
}
