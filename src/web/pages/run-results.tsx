/** A run's leads, a page at a time, with the export buttons. */
import type { Run } from "../../db/schema.ts";
import type { LeadView } from "../../routes/leads/views.ts";
import { Layout } from "../layout.tsx";
import { LeadTable } from "../lead-table.tsx";
import type { PageUser } from "../page-kit.tsx";
import { Pager } from "../pager.tsx";
import { runTitle } from "./run-detail.tsx";

export const RESULTS_PAGE_SIZE = 50;

export interface RunResultsPageProps {
  user: PageUser;
  csrf: string;
  run: Run;
  leads: LeadView[];
  offset: number;
  total: number;
}

export function RunResultsPage({ user, csrf, run, leads, offset, total }: RunResultsPageProps) {
  const base = `/app/runs/${run.id}/results`;
  const last = Math.min(offset + leads.length, total);
  return (
    <Layout title={`Results · ${runTitle(run)}`} user={user} csrf={csrf}>
      <h1>Results: {runTitle(run)}</h1>
      <div class="toolbar">
        <a href={`/app/runs/${run.id}`}>Back to the run</a>
        <a class="button secondary" href={`/runs/${run.id}/export?format=csv`} download>
          Export CSV
        </a>
        <a class="button secondary" href={`/runs/${run.id}/export?format=json`} download>
          Export JSON
        </a>
      </div>
      {total === 0 ? (
        <p class="muted">
          No leads yet{run.status === "running" || run.status === "queued" ? " (the run is still going)" : ""}
          .
        </p>
      ) : (
        <LeadTable leads={leads} caption={`Leads ${offset + 1} to ${last} of ${total}`} />
      )}
      <Pager
        base={`${base}?`}
        offset={offset}
        size={RESULTS_PAGE_SIZE}
        shown={leads.length}
        more={last < total}
        labels={{ prev: "Previous", next: "Next" }}
      />
    </Layout>
  );
}
