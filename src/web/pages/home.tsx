/** The signed-in start page: the tenant's latest runs. */
import type { Run } from "../../db/schema.ts";
import { Layout } from "../layout.tsx";

export interface HomePageProps {
  user: { email: string | null; isPlatformAdmin: boolean };
  csrf: string;
  runs: Run[];
  /** The link to older runs (null on the last page). */
  older?: string | null;
  /** True past the first page. */
  paged?: boolean;
}

/** Runs per page of the start page. */
export const HOME_PAGE_SIZE = 20;

export function HomePage({ user, csrf, runs, older = null, paged = false }: HomePageProps) {
  return (
    <Layout title="Runs" user={user} csrf={csrf}>
      <h1>Runs</h1>
      <div class="toolbar">
        <a class="button" href="/app/runs/new">
          New run
        </a>
        <a href="/app/leads">Search leads</a>
      </div>
      {runs.length === 0 ? (
        <p class="muted">
          No runs yet. Start one with the button above, or with POST /runs (see the API reference).
        </p>
      ) : (
        <table>
          <caption class="muted">
            {paged
              ? `${runs.length} older runs, newest first`
              : `The latest ${runs.length} runs, newest first`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Label</th>
              <th scope="col">Mode</th>
              <th scope="col">Status</th>
              <th scope="col">Domains</th>
              <th scope="col">Leads</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr>
                <th scope="row">
                  <a href={`/app/runs/${run.id}`}>{run.label ?? `Run ${run.id.slice(0, 8)}`}</a>
                </th>
                <td>{run.options.mode}</td>
                <td>
                  <span class={`badge ${run.status}`}>{run.status}</span>
                </td>
                <td>
                  {run.domains_completed} / {run.domains_total}
                </td>
                <td>{run.leads_count}</td>
                <td>
                  <time datetime={run.created_at}>{run.created_at.slice(0, 16).replace("T", " ")}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav class="pager" aria-label="Pages">
        {paged ? <a href="/app">Newest runs</a> : null}
        {older ? (
          <a href={older} rel="next">
            Older runs
          </a>
        ) : null}
      </nav>
    </Layout>
  );
}
