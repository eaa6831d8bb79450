/**
 * The platform's activity over time, for the admin console: per hour (24h)
 * or per day (7d, 30d), runs created (by their status now), domains
 * finished, leads found by those domains, and verifications (by verdict).
 * Every bucket is present, empty ones as zeros. Cross-tenant by design
 * (platform administrators only).
 *
 * Three grouped range scans in one D1 batch, each over a covering index
 * from migration 0010. Verifications come from the global verification
 * cache, which keeps each address's latest verdict: an address checked
 * twice counts once, in the bucket of its latest check.
 */
import { count, gte, sql, sum } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
  emailVerifications,
  type RunStatus,
  runDomains,
  runStatuses,
  runs,
  type VerificationStatus,
  verificationStatuses,
} from "../../db/schema.ts";
import {
  type AnalyticsWindow,
  type BucketUnit,
  bucketKey,
  bucketKeyLength,
  windowBuckets,
} from "../../domain/admin/time-buckets.ts";
import { tally } from "./counts.ts";

export interface AnalyticsBucket {
  /** The bucket's start (ISO 8601, UTC). */
  start: string;
  runs_created: Record<RunStatus, number>;
  domains_done: number;
  domains_failed: number;
  leads_found: number;
  verifications: Record<VerificationStatus, number>;
}

export interface PlatformAnalytics {
  window: AnalyticsWindow;
  bucket: BucketUnit;
  generated_at: string;
  series: AnalyticsBucket[];
}

type Counted = { key: string; status: string; n: number };

function byKey<T extends { key: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) out.set(row.key, [...(out.get(row.key) ?? []), row]);
  return out;
}

/** The time series of a window ending now (`now` is for tests). */
export async function platformAnalytics(
  db: Database,
  window: AnalyticsWindow,
  now = new Date(),
): Promise<PlatformAnalytics> {
  const { bucket, from, starts } = windowBuckets(window, now);
  // A constant from a closed set (13 or 10), inlined so SELECT and GROUP BY are the same expression.
  const length = sql.raw(String(bucketKeyLength[bucket]));
  const runKey = sql<string>`substr(${runs.created_at}, 1, ${length})`;
  const domainKey = sql<string>`substr(${runDomains.finished_at}, 1, ${length})`;
  const verificationKey = sql<string>`substr(${emailVerifications.checked_at}, 1, ${length})`;
  const [runRows, domainRows, verificationRows] = await db.batch([
    db
      .select({ key: runKey, status: runs.status, n: count() })
      .from(runs)
      .where(gte(runs.created_at, from))
      .groupBy(runKey, runs.status),
    db
      .select({ key: domainKey, status: runDomains.status, n: count(), leads: sum(runDomains.leads_found) })
      .from(runDomains)
      // Cancelled domains are dropped below, not here, so the planner ranges over finished_at.
      .where(gte(runDomains.finished_at, from))
      .groupBy(domainKey, runDomains.status),
    db
      .select({ key: verificationKey, status: emailVerifications.status, n: count() })
      .from(emailVerifications)
      .where(gte(emailVerifications.checked_at, from))
      .groupBy(verificationKey, emailVerifications.status),
  ]);
  const runsBy = byKey<Counted>(runRows);
  const domainsBy = byKey(domainRows);
  const verificationsBy = byKey<Counted>(verificationRows);
  const series = starts.map((start): AnalyticsBucket => {
    const key = bucketKey(start, bucket);
    const domains = (domainsBy.get(key) ?? []).filter((d) => d.status === "done" || d.status === "failed");
    const done = domains.find((d) => d.status === "done");
    const failed = domains.find((d) => d.status === "failed");
    return {
      start,
      runs_created: tally(runStatuses, runsBy.get(key) ?? []),
      domains_done: Number(done?.n ?? 0),
      domains_failed: Number(failed?.n ?? 0),
      leads_found: domains.reduce((total, d) => total + Number(d.leads ?? 0), 0),
      verifications: tally(verificationStatuses, verificationsBy.get(key) ?? []),
    };
  });
  return { window, bucket, generated_at: now.toISOString(), series };
}
