/**
 * One run: status, a progress bar, counters, every domain's state, the log's
 * tail and, once finished, a summary. /assets/run-live.js keeps all of it
 * current over the run's WebSocket; without scripts the page is a snapshot
 * with a refresh link.
 */
import type { Run, RunDomain, RunLog } from "../../db/schema.ts";
import { progressOf } from "../../domain/runs/run-events.ts";
import { isRunFinished } from "../../services/runs/store.ts";
import { CSRF_FIELD } from "../csrf.ts";
import { Layout } from "../layout.tsx";
import type { PageUser } from "../page-kit.tsx";

export interface RunDetailPageProps {
  user: PageUser;
  csrf: string;
  run: Run;
  domains: RunDomain[];
  logs: RunLog[];
  notice?: string | undefined;
}

export const runTitle = (run: Run) => run.label ?? `Run ${run.id.slice(0, 8)}`;

/** "3 of 10 domains done" (leads for a re-scoring run). */
export function progressText(run: Run): string {
  const p = progressOf(run);
  const unit = run.options.mode === "rescore" ? "leads" : "domains";
  return `${p.done} of ${p.total} ${unit} done (${p.percent}%)`;
}

export function summaryText(run: Run): string {
  const failed = run.domains_failed > 0 ? `, ${run.domains_failed} failed` : "";
  return `${run.status === "succeeded" ? "Finished" : `Run ${run.status}`}: ${run.leads_count} leads from ${run.domains_completed} of ${run.domains_total} domains${failed}.`;
}

export function RunDetailPage({ user, csrf, run, domains, logs, notice }: RunDetailPageProps) {
  const finished = isRunFinished(run);
  const progress = progressOf(run);
  return (
    <Layout title={runTitle(run)} user={user} csrf={csrf} scripts={["/assets/run-live.js"]}>
      <div
        id="run"
        data-run-id={run.id}
        data-finished={finished ? "true" : "false"}
        data-unit={run.options.mode === "rescore" ? "leads" : "domains"}
      >
        <h1>
          {runTitle(run)}{" "}
          <span id="run-status" class={`badge ${run.status}`}>
            {run.status}
          </span>
        </h1>
        {notice ? (
          <p class="notice ok" role="status">
            {notice}
          </p>
        ) : null}
        <p class="muted">
          Mode {run.options.mode} · created{" "}
          <time datetime={run.created_at}>{run.created_at.slice(0, 16).replace("T", " ")}</time> UTC
        </p>
        <label for="run-progress">Progress</label>
        <progress
          id="run-progress"
          max="100"
          value={String(progress.percent)}
          aria-describedby="run-progress-text"
        >
          {progress.percent}%
        </progress>
        <p id="run-progress-text" aria-live="polite">
          {progressText(run)}
        </p>
        <p id="live-status" class="muted">
          {finished ? "This run has finished." : "Live updates start when the page has loaded."}{" "}
          <a href={`/app/runs/${run.id}`}>Refresh</a>
        </p>
        <div id="run-summary" class="notice ok" role="status" hidden={!finished}>
          {finished ? summaryText(run) : ""}
        </div>
        <ul class="stats" aria-label="Counters">
          <li>
            <strong id="stat-domains_completed">{run.domains_completed}</strong> domains done
          </li>
          <li>
            <strong id="stat-domains_failed">{run.domains_failed}</strong> domains failed
          </li>
          <li>
            <strong id="stat-emails_found">{run.emails_found}</strong> addresses published on the sites
          </li>
          <li>
            <strong id="stat-emails_verified">{run.emails_verified}</strong> addresses checked over SMTP
            (guesses included)
          </li>
          <li>
            <strong id="stat-leads_found">{run.leads_count}</strong> leads
          </li>
        </ul>
        <div class="toolbar">
          <a class="button" href={`/app/runs/${run.id}/results`} id="results-link">
            View results
          </a>
          <a class="button secondary" href={`/runs/${run.id}/export?format=csv`} download>
            Export CSV
          </a>
          <a class="button secondary" href={`/runs/${run.id}/export?format=json`} download>
            Export JSON
          </a>
          {finished ? null : (
            <form method="post" action={`/app/runs/${run.id}/cancel`} id="cancel-form">
              <input type="hidden" name={CSRF_FIELD} value={csrf} />
              <button type="submit" class="secondary">
                Cancel the run
              </button>
            </form>
          )}
        </div>
        {domains.length > 0 ? (
          <>
            <h2 id="domains-heading">Domains</h2>
            <section class="table-wrap" aria-label="Domains" tabindex={0}>
              <table aria-labelledby="domains-heading">
                <thead>
                  <tr>
                    <th scope="col">Domain</th>
                    <th scope="col">Status</th>
                    <th scope="col">Stage</th>
                    <th scope="col">Pages</th>
                    <th scope="col">Addresses</th>
                    <th scope="col">Leads</th>
                    <th scope="col">Error</th>
                  </tr>
                </thead>
                <tbody id="run-domains">
                  {domains.map((d) => (
                    <tr data-domain={d.domain}>
                      <th scope="row">{d.domain}</th>
                      <td data-field="status">
                        <span class={`badge ${d.status}`}>{d.status}</span>
                      </td>
                      <td data-field="stage">{d.stage ?? ""}</td>
                      <td data-field="pages_crawled">{d.pages_crawled}</td>
                      <td data-field="emails_found">{d.emails_found}</td>
                      <td data-field="leads_found">{d.leads_found}</td>
                      <td data-field="error">{d.error ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </>
        ) : null}
        <h2 id="log-heading">Log</h2>
        <ol class="log" id="run-log" aria-labelledby="log-heading">
          {logs.map((l) => (
            <li class={l.level}>
              <time datetime={l.at}>{l.at.slice(11, 19)}</time> {l.domain ? `${l.domain}: ` : ""}
              {l.message}
            </li>
          ))}
        </ol>
        {logs.length === 0 ? (
          <p class="muted" id="log-empty">
            Nothing logged yet.
          </p>
        ) : null}
      </div>
    </Layout>
  );
}
