/** The shapes the API returns for runs (seed 000's, plus the per-domain list) and the live events' payloads. */
import type { Run, RunDomain } from "../../db/schema.ts";

export function runSummary(run: Run) {
  return {
    id: run.id,
    status: run.status,
    label: run.label,
    mode: run.options.mode,
    domains_total: run.domains_total,
    domains_completed: run.domains_completed,
    leads_count: run.leads_count,
    created_at: run.created_at,
    started_at: run.started_at,
    finished_at: run.finished_at,
  };
}

export function runProgress(run: Run) {
  return {
    domains_total: run.domains_total,
    domains_completed: run.domains_completed,
    domains_failed: run.domains_failed,
    emails_found: run.emails_found,
    emails_verified: run.emails_verified,
    leads_found: run.leads_count,
    ...(run.options.mode === "rescore" ? { leads_total: run.options.leads_total } : {}),
  };
}

export function runDomainView(d: RunDomain) {
  return {
    domain: d.domain,
    status: d.status,
    stage: d.stage,
    pages_crawled: d.pages_crawled,
    emails_found: d.emails_found,
    emails_verified: d.emails_verified,
    leads_found: d.leads_found,
    attempts: d.attempts,
    error: d.error,
    started_at: d.started_at,
    finished_at: d.finished_at,
  };
}

export function runView(run: Run, domains: RunDomain[]) {
  return {
    run_id: run.id,
    tenant_id: run.tenant_id,
    user_id: run.user_id,
    label: run.label,
    status: run.status,
    domains: domains.map((d) => d.domain),
    options: run.options,
    progress: runProgress(run),
    domain_details: domains.map(runDomainView),
    error: run.error,
    created_at: run.created_at,
    updated_at: run.updated_at,
    started_at: run.started_at,
    finished_at: run.finished_at,
  };
}

export type RunView = ReturnType<typeof runView>;

/** Seed 001's `job:progress` payload, in domains (leads for a re-scoring run). */
export function progressEvent(run: Run, currentDomain: string | null) {
  // A re-scoring run counts leads; a discovery run counts domains.
  const [done, total] =
    run.options.mode === "rescore"
      ? [run.leads_count, run.options.leads_total]
      : [run.domains_completed, run.domains_total];
  return {
    jobId: run.id,
    status: run.status,
    progress: total === 0 ? 100 : Math.min(100, Math.round((done / total) * 100)),
    processedLeads: done,
    totalLeads: total,
    currentLead: currentDomain,
    ...runProgress(run),
  };
}
