/**
 * Retention: the daily purge of leads a tenant has not seen for longer than
 * its `retention_days`. Age counts from `refreshed_at` (the last crawl or
 * ingest that saw the lead; edits do not move it), or `created_at` when it
 * was never refreshed. Leads go in chunks, each chunk one batch (run links
 * first, then the rows), and one invocation deletes at most `maxLeads`, so a
 * backlog is worked off over several days instead of exceeding the Worker's
 * limits. Logs carry counts and tenant ids only.
 *
 * The sweep is cross-tenant by nature (the scheduled handler, no principal):
 * it reads every tenant's setting, then deletes through each tenant's scope.
 */
import { and, inArray, isNotNull, isNull, lt, or } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { leads, runLeads, tenants } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import type { Logger } from "../../lib/logger.ts";

const DAY_MS = 86_400_000;

export interface PurgeOptions {
  now?: Date;
  /** Leads deleted per batch. */
  chunkSize?: number;
  /** Leads deleted per invocation, all tenants together. */
  maxLeads?: number;
}

export interface PurgeReport {
  tenants: number;
  deleted: number;
  /** True when the budget ran out before every expired lead was deleted (the next run goes on). */
  truncated: boolean;
}

/** Deletes expired leads of every tenant with a retention setting. */
export async function purgeExpiredLeads(
  db: Database,
  log: Logger,
  options: PurgeOptions = {},
): Promise<PurgeReport> {
  const { now = new Date(), chunkSize = 500, maxLeads = 10_000 } = options;
  const settings = await db
    .select({ id: tenants.id, days: tenants.retention_days })
    .from(tenants)
    .where(isNotNull(tenants.retention_days));
  const report: PurgeReport = { tenants: 0, deleted: 0, truncated: false };
  for (const tenant of settings) {
    const scope = tenantScope(db, tenant.id);
    const cutoff = new Date(now.getTime() - tenant.days! * DAY_MS).toISOString();
    const expired = or(
      lt(leads.refreshed_at, cutoff),
      and(isNull(leads.refreshed_at), lt(leads.created_at, cutoff)),
    );
    let deleted = 0;
    for (;;) {
      const budget = Math.min(chunkSize, maxLeads - report.deleted);
      if (budget <= 0) {
        report.truncated = true;
        break;
      }
      // The same ordered subquery in both statements of one batch (a transaction) picks the same leads.
      const chunk = scope.selectFields(leads, { id: leads.id }, expired).orderBy(leads.id).limit(budget);
      const [, rows] = await db.batch([
        scope.delete(runLeads, inArray(runLeads.lead_id, chunk)),
        scope.delete(leads, inArray(leads.id, chunk)).returning({ id: leads.id }),
      ]);
      deleted += rows.length;
      report.deleted += rows.length;
      if (rows.length < budget) break;
    }
    if (deleted > 0) {
      report.tenants += 1;
      log.info("retention: expired leads purged", {
        tenant_id: tenant.id,
        retention_days: tenant.days,
        deleted,
      });
    }
    if (report.truncated) break;
  }
  log.info("retention: purge finished", { ...report, tenants_with_setting: settings.length });
  return report;
}
