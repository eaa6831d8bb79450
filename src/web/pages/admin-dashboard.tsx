/**
 * /admin/dashboard: the platform at a glance for platform administrators.
 * The metrics snapshot (backlog, throughput, sidecar, outbound addresses)
 * and the analytics series of the chosen window, drawn as inline SVG with
 * the same numbers in tables.
 */
import {
  type RunStatus,
  runStatuses,
  type VerificationStatus,
  verificationStatuses,
} from "../../db/schema.ts";
import { type AnalyticsWindow, analyticsWindows } from "../../domain/admin/time-buckets.ts";
import type { PlatformAnalytics } from "../../services/admin/analytics.ts";
import type { PlatformMetrics } from "../../services/admin/metrics.ts";
import { HorizontalBarChart, Legend, LineChart, StackedBarChart } from "../charts.tsx";
import { Layout } from "../layout.tsx";
import { AdminNav } from "./admin-nav.tsx";
import { SidecarHealth } from "./admin-sidecar.tsx";

export interface AdminDashboardProps {
  user: { email: string | null; isPlatformAdmin: boolean };
  csrf: string;
  metrics: PlatformMetrics;
  analytics: PlatformAnalytics;
}

// Every colour is at least 4.5:1 against white; meaning is also given in words (legends, labels, tables).
const GREY = "#5b6472";
const BLUE = "#1f4fd1";
const GREEN = "#1b7f3b";
const RED = "#b42318";
const AMBER = "#8f5f00";

const runColors: Record<RunStatus, string> = {
  queued: GREY,
  running: BLUE,
  succeeded: GREEN,
  failed: RED,
  cancelled: AMBER,
};

const verdictNames: Record<VerificationStatus, string> = {
  valid: "valid",
  invalid: "invalid",
  risky_catch_all: "risky: catch-all",
  risky_full_inbox: "risky: full inbox",
  unknown_timeout: "unknown: timeout",
  unknown_greylisted: "unknown: greylisted",
  unknown_blocked: "unknown: blocked",
  unknown_no_connect: "unknown: no connection",
  unknown: "unknown",
};

const verdictColor = (status: VerificationStatus) =>
  status === "valid" ? GREEN : status === "invalid" ? RED : status.startsWith("risky") ? AMBER : GREY;

const windowNames: Record<AnalyticsWindow, string> = {
  "24h": "the last 24 hours",
  "7d": "the last 7 days",
  "30d": "the last 30 days",
};

const n = (value: number) => value.toLocaleString("en-US");
const when = (iso: string) => iso.slice(0, 16).replace("T", " ");
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function WindowSwitcher({ current }: { current: AnalyticsWindow }) {
  return (
    <nav aria-label="Time window" class="toolbar">
      <span class="muted">Show:</span>
      {analyticsWindows.map((w) => (
        <a href={`/admin/dashboard?window=${w}`} aria-current={w === current ? "page" : undefined}>
          {windowNames[w]}
        </a>
      ))}
    </nav>
  );
}

function RightNow({ metrics }: { metrics: PlatformMetrics }) {
  const { runs, queue, throughput, users, tenants } = metrics;
  return (
    <ul class="stats">
      <li>
        <strong>{n(runs.by_status.queued + runs.by_status.running)}</strong> runs queued or running
      </li>
      <li>
        <strong>{n(queue.domains_queued + queue.domains_running)}</strong> domains in the backlog
      </li>
      <li>
        <strong>{n(throughput.domains_per_minute_last_hour)}</strong> domains a minute (last hour)
      </li>
      <li>
        <strong>{n(throughput.domains_last_minute)}</strong> domains in the last minute
      </li>
      <li>
        <strong>{n(users.pending)}</strong>{" "}
        <a href="/admin/users?status=pending">accounts awaiting approval</a>
      </li>
      <li>
        <strong>{n(tenants.total)}</strong> tenants ({n(tenants.suspended)} suspended)
      </li>
    </ul>
  );
}

function Backlog({ queue }: { queue: PlatformMetrics["queue"] }) {
  const items = [
    { label: "waiting for their run", value: queue.domains_waiting, color: GREY },
    { label: "in the queue", value: queue.domains_in_queue, color: AMBER },
    { label: "running", value: queue.domains_running, color: BLUE },
  ];
  return (
    <section aria-labelledby="backlog">
      <h2 id="backlog">Queue backlog</h2>
      <p class="muted">
        Cloudflare Queues expose no backlog count to the Worker, so this counts the runs' domains: waiting for
        their run's window of 20, sent to the queue, and running.{" "}
        {queue.oldest_queued_at ? (
          <>
            The oldest domain in the queue was sent at{" "}
            <time datetime={queue.oldest_queued_at}>{when(queue.oldest_queued_at)}</time> UTC.
          </>
        ) : (
          "No domain is in the queue."
        )}
      </p>
      <HorizontalBarChart
        id="backlog-chart"
        title="Queue backlog"
        summary={items.map((item) => `${n(item.value)} ${item.label}`).join(", ")}
        items={items}
      />
    </section>
  );
}

function Activity({ analytics }: { analytics: PlatformAnalytics }) {
  const { series, bucket, window } = analytics;
  const labels = series.map((b) => (bucket === "hour" ? b.start.slice(11, 16) : b.start.slice(5, 10)));
  const per = bucket === "hour" ? "hour" : "day";
  const runSeries = runStatuses.map((status) => ({
    label: status,
    color: runColors[status],
    values: series.map((b) => b.runs_created[status]),
  }));
  const domainSeries = [
    { label: "done", color: GREEN, values: series.map((b) => b.domains_done) },
    { label: "failed", color: RED, values: series.map((b) => b.domains_failed), dashed: true },
  ];
  const runsTotal = sum(runSeries.flatMap((s) => s.values));
  const runsSummary = `${n(runsTotal)} runs created over ${windowNames[window]}: ${runSeries
    .map((s) => `${n(sum(s.values))} ${s.label}`)
    .join(", ")}.`;
  const domainsSummary = `Over ${windowNames[window]}, ${n(sum(domainSeries[0]!.values))} domains done and ${n(
    sum(domainSeries[1]!.values),
  )} failed; at most ${n(Math.max(0, ...domainSeries[0]!.values))} done in one ${per}.`;
  return (
    <section aria-labelledby="activity">
      <h2 id="activity">Activity over {windowNames[window]}</h2>
      <WindowSwitcher current={window} />
      <h3>Runs created per {per}, by status now</h3>
      <Legend series={runSeries} />
      <StackedBarChart
        id="runs-chart"
        title={`Runs created per ${per}`}
        summary={runsSummary}
        labels={labels}
        series={runSeries}
      />
      <h3>Domains finished per {per}</h3>
      <Legend series={domainSeries} />
      <LineChart
        id="domains-chart"
        title={`Domains finished per ${per}`}
        summary={domainsSummary}
        labels={labels}
        series={domainSeries}
      />
      <section class="table-wrap" aria-label="The numbers behind the charts" tabindex={0}>
        <table class="compact">
          <caption>The numbers behind the charts, per {per} (UTC)</caption>
          <thead>
            <tr>
              <th scope="col">{bucket === "hour" ? "Hour" : "Day"}</th>
              {runStatuses.map((status) => (
                <th scope="col">Runs {status}</th>
              ))}
              <th scope="col">Domains done</th>
              <th scope="col">Domains failed</th>
              <th scope="col">Leads found</th>
              <th scope="col">Verifications</th>
            </tr>
          </thead>
          <tbody>
            {series.map((b) => (
              <tr>
                <th scope="row">
                  <time datetime={b.start}>{bucket === "hour" ? when(b.start) : b.start.slice(0, 10)}</time>
                </th>
                {runStatuses.map((status) => (
                  <td>{n(b.runs_created[status])}</td>
                ))}
                <td>{n(b.domains_done)}</td>
                <td>{n(b.domains_failed)}</td>
                <td>{n(b.leads_found)}</td>
                <td>{n(sum(Object.values(b.verifications)))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

function VerificationMix({ mix }: { mix: PlatformMetrics["verification_mix_24h"] }) {
  const items = verificationStatuses.map((status) => ({
    label: verdictNames[status],
    value: mix[status],
    color: verdictColor(status),
  }));
  const total = sum(items.map((item) => item.value));
  return (
    <section aria-labelledby="verdicts">
      <h2 id="verdicts">Verification mix, last 24 hours</h2>
      <HorizontalBarChart
        id="verdicts-chart"
        title="Verdicts of the last 24 hours"
        summary={`${n(total)} addresses checked: ${items.map((i) => `${n(i.value)} ${i.label}`).join(", ")}.`}
        items={items}
      />
      <table class="compact">
        <caption>Verdicts of the last 24 hours</caption>
        <thead>
          <tr>
            <th scope="col">Verdict</th>
            <th scope="col">Addresses</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr>
              <th scope="row">{item.label}</th>
              <td>{n(item.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function AdminDashboardPage({ user, csrf, metrics, analytics }: AdminDashboardProps) {
  return (
    <Layout title="Admin console" user={user} csrf={csrf}>
      <h1>Admin console</h1>
      <AdminNav current="dashboard" />
      <p class="muted">
        Across all tenants, as of <time datetime={metrics.generated_at}>{when(metrics.generated_at)}</time>{" "}
        UTC.
      </p>
      <RightNow metrics={metrics} />
      <Backlog queue={metrics.queue} />
      <Activity analytics={analytics} />
      <VerificationMix mix={metrics.verification_mix_24h} />
      <SidecarHealth metrics={metrics} />
    </Layout>
  );
}
