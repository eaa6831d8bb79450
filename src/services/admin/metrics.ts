/**
 * The platform's state right now, for the admin console: runs by status,
 * the backlog of domains, throughput, the verification mix of the last 24
 * hours, the sidecar and its outbound addresses, users and tenants.
 * Cross-tenant by design (platform administrators only).
 *
 * Cloudflare Queues offer no backlog count from inside a Worker, so the
 * backlog is counted from `run_domains`: queued domains (sent to the queue,
 * or waiting for their run's window) and running ones. Every count is one
 * round trip (a D1 batch) over indexes from migration 0010, most of them
 * covering, so the snapshot stays cheap as the tables grow.
 */
import { count, gte, inArray, min, sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import {
  emailVerifications,
  type RunStatus,
  runDomains,
  runStatuses,
  runs,
  tenantStatuses,
  tenants,
  userStatuses,
  type VerificationStatus,
  verificationStatuses,
} from "../../db/schema.ts";
import type { SidecarClient } from "../sidecar-client.ts";
import { tally, userCountsQuery } from "./counts.ts";
import { type OutboundAddress, type SidecarState, sidecarState } from "./sidecar-state.ts";
import type { UserStatus } from "./users.ts";

export interface PlatformMetrics {
  generated_at: string;
  runs: { by_status: Record<RunStatus, number> };
  queue: {
    /** Queued domains: in the queue plus waiting for their run's window. */
    domains_queued: number;
    /** Sent to the queue, not started yet. */
    domains_in_queue: number;
    /** Waiting for their run's window (a run keeps at most 20 domains in the queue). */
    domains_waiting: number;
    domains_running: number;
    /** When the oldest domain still in the queue was sent there (null: none is). */
    oldest_queued_at: string | null;
  };
  throughput: {
    domains_last_minute: number;
    domains_last_hour: number;
    domains_per_minute_last_hour: number;
  };
  verification_mix_24h: Record<VerificationStatus, number>;
  sidecar: SidecarState;
  outbound_addresses: OutboundAddress[];
  users: Record<UserStatus, number>;
  tenants: { total: number; active: number; suspended: number };
}

/** Finished domains: done or failed (cancelled ones were not worked on). */
const isFinished = sql`${runDomains.status} IN ('done', 'failed')`;

/** The snapshot; `now` is for tests. */
export async function platformMetrics(
  db: Database,
  sidecar: SidecarClient,
  now = new Date(),
): Promise<PlatformMetrics> {
  const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
  const minuteAgo = ago(60_000);
  const hourAgo = ago(3_600_000);
  const dayAgo = ago(86_400_000);
  const [counts, sidecarView] = await Promise.all([
    db.batch([
      db.select({ status: runs.status, n: count() }).from(runs).groupBy(runs.status),
      db
        .select({
          status: runDomains.status,
          n: count(),
          dispatched: count(runDomains.dispatched_at),
          oldest: min(runDomains.dispatched_at),
        })
        .from(runDomains)
        .where(inArray(runDomains.status, ["queued", "running"]))
        .groupBy(runDomains.status),
      // Status is tested in the aggregate, not the WHERE, so the planner ranges over finished_at.
      db
        .select({
          lastHour: sql<number>`coalesce(sum(${isFinished}), 0)`,
          lastMinute: sql<number>`coalesce(sum(${isFinished} AND ${runDomains.finished_at} >= ${minuteAgo}), 0)`,
        })
        .from(runDomains)
        .where(gte(runDomains.finished_at, hourAgo)),
      db
        .select({ status: emailVerifications.status, n: count() })
        .from(emailVerifications)
        .where(gte(emailVerifications.checked_at, dayAgo))
        .groupBy(emailVerifications.status),
      userCountsQuery(db),
      db.select({ status: tenants.status, n: count() }).from(tenants).groupBy(tenants.status),
    ]),
    sidecarState(sidecar),
  ]);
  const [runRows, backlogRows, [throughput], verificationRows, userRows, tenantRows] = counts;
  const queued = backlogRows.find((r) => r.status === "queued");
  const running = backlogRows.find((r) => r.status === "running");
  const lastHour = Number(throughput?.lastHour ?? 0);
  const tenantCounts = tally(tenantStatuses, tenantRows);
  return {
    generated_at: now.toISOString(),
    runs: { by_status: tally(runStatuses, runRows) },
    queue: {
      domains_queued: Number(queued?.n ?? 0),
      domains_in_queue: Number(queued?.dispatched ?? 0),
      domains_waiting: Number(queued?.n ?? 0) - Number(queued?.dispatched ?? 0),
      domains_running: Number(running?.n ?? 0),
      oldest_queued_at: queued?.oldest ?? null,
    },
    throughput: {
      domains_last_minute: Number(throughput?.lastMinute ?? 0),
      domains_last_hour: lastHour,
      domains_per_minute_last_hour: Math.round((lastHour / 60) * 100) / 100,
    },
    verification_mix_24h: tally(verificationStatuses, verificationRows),
    ...sidecarView,
    users: tally(userStatuses, userRows),
    tenants: { total: tenantCounts.active + tenantCounts.suspended, ...tenantCounts },
  };
}
