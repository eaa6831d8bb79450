/**
 * Writes a company record: one row per domain (the `companies_domain`
 * unique index), inserted or updated in one statement. A value the new
 * enrichment lacks (null) keeps the stored one, so a crawl that could not
 * reach the site, or an RDAP server that was down, never erases facts.
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type Company, companies } from "../../db/schema.ts";
import type { CompanyDraft } from "./enrich-company.ts";

const scalarColumns = [
  "name",
  "description",
  "industry",
  "size",
  "country",
  "city",
  "mx_provider",
  "m365_tenant",
  "spf",
  "dmarc",
  "accepts_mail",
  "https",
  "hsts",
  "domain_created_at",
  "first_capture_at",
  "enriched_at",
] as const;
const listColumns = ["social", "technologies", "security_headers"] as const;

export async function upsertCompany(db: Database, draft: CompanyDraft): Promise<Company> {
  const set: Record<string, unknown> = {};
  for (const c of scalarColumns) set[c] = sql.raw(`coalesce(excluded.${c}, ${c})`);
  for (const c of listColumns) if (draft[c] !== null) set[c] = sql.raw(`excluded.${c}`);
  const [row] = await db
    .insert(companies)
    .values({
      ...draft,
      social: draft.social ?? [],
      technologies: draft.technologies ?? [],
      security_headers: draft.security_headers ?? [],
    })
    .onConflictDoUpdate({ target: companies.domain, set })
    .returning();
  return row!;
}
