/** Leads written straight into D1 for search tests (the FTS index follows through its triggers). */
import { env } from "cloudflare:test";
import type { Caller } from "../helpers/api.ts";

export interface SeedLead {
  email: string;
  full_name?: string;
  title?: string;
  seniority?: string | null;
  department?: string | null;
  company?: string;
  industry?: string | null;
  size?: string | null;
  technologies?: string[];
  icp_score?: number;
  verify_status?: string;
  verified_at?: string | null;
  source?: "crawl" | "ingest";
  deleted_at?: string | null;
}

export async function seedLeads(owner: Caller, leads: SeedLead[]): Promise<void> {
  await owner.provision();
  const statements = leads.map((l, i) => {
    const [first = null, last = null] = (l.full_name ?? "").split(" ");
    const domain = l.email.split("@")[1]!;
    return env.DB.prepare(
      `INSERT INTO leads (id, tenant_id, email, type, first_name, last_name, full_name, title, seniority, department,
         company, company_domain, email_source, verify_status, verify_reason, verified_at, icp_score, source_url,
         sources, alternatives, source, industry, size, technologies, deleted_at)
       VALUES (?, ?, ?, 'personal', ?, ?, ?, ?, ?, ?, ?, ?, 'published', ?, 'r', ?, ?, ?, '[]', '[]', ?, ?, ?, ?, ?)`,
    ).bind(
      `lead-${crypto.randomUUID()}-${i}`,
      owner.tenantId,
      l.email,
      first,
      last,
      l.full_name ?? null,
      l.title ?? null,
      l.seniority ?? null,
      l.department ?? null,
      l.company ?? domain,
      domain,
      l.verify_status ?? "valid",
      l.verified_at === undefined ? "2026-11-20T00:00:00.000Z" : l.verified_at,
      l.icp_score ?? 50,
      `https://${domain}/team`,
      l.source ?? "crawl",
      l.industry ?? null,
      l.size ?? null,
      JSON.stringify(l.technologies ?? []),
      l.deleted_at ?? null,
    );
  });
  for (let i = 0; i < statements.length; i += 50) await env.DB.batch(statements.slice(i, i + 50));
}
