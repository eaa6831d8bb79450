/**
 * What door 000 sends about runs: the answer to POST /runs, the run as
 * GET /runs/{id} shows it (and the live events' snapshot), the export's
 * bytes, and the live events' frames, worded after seed 001 (`job:update`,
 * `job:progress`, `job:log`, `job:complete`, `job:error`) from the engine's
 * RunEvents. The web page and the RunRoom take their shapes from here.
 */
import type { Run, RunDomain } from "../../db/schema.ts";
import { leadCsvColumns } from "../../domain/leads/lead.ts";
import { csvLine } from "../../domain/runs/csv.ts";
import { progressOf, type RunEvent, type RunProgress } from "../../domain/runs/run-events.ts";
import type { StartedRun } from "../../services/runs/lifecycle.ts";
import type { ExportWriter } from "../../services/runs/results.ts";
import { leadView } from "../leads/views.ts";

export type RunFrameName =
  | "snapshot"
  | "job:update"
  | "job:progress"
  | "job:log"
  | "job:complete"
  | "job:error";

/** One frame of the live events: `{"event": name, "data": {...}}`. */
export interface RunFrame {
  event: RunFrameName;
  data: Record<string, unknown>;
}

/** The run's counters (`progress` of GET /runs/{id}; also in every `job:progress`). */
export function runCountersView(run: Run) {
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

/** The run as GET /runs/{id} shows it. */
export function runView(run: Run, domains: RunDomain[]) {
  return {
    run_id: run.id,
    tenant_id: run.tenant_id,
    user_id: run.user_id,
    label: run.label,
    status: run.status,
    domains: domains.map((d) => d.domain),
    options: run.options,
    progress: runCountersView(run),
    domain_details: domains.map(runDomainView),
    error: run.error,
    created_at: run.created_at,
    updated_at: run.updated_at,
    started_at: run.started_at,
    finished_at: run.finished_at,
  };
}

export type RunView = ReturnType<typeof runView>;

/** The answer to POST /runs: the run queued (or the one its Idempotency-Key made). */
export function startedRunView({ run, duplicatesDropped }: StartedRun) {
  return {
    run_id: run.id,
    status: run.status,
    tenant_id: run.tenant_id,
    created_at: run.created_at,
    domains_total: run.domains_total,
    duplicates_dropped: duplicatesDropped,
  };
}

/**
 * GET /runs/{id}/export's bytes: CSV (a header line, then a line per lead,
 * each cell the stored value: the CSV columns hold no reshaped field), or
 * JSON (`{"run_id", "results": [leadView...], "count"}`).
 */
export function runExportWriter(runId: string, format: "csv" | "json"): ExportWriter {
  if (format === "csv") {
    return {
      head: csvLine(leadCsvColumns),
      row: (lead) => csvLine(leadCsvColumns.map((c) => lead[c])),
      tail: () => "",
    };
  }
  return {
    head: `{"run_id":${JSON.stringify(runId)},"results":[`,
    row: (lead, index) => `${index > 0 ? "," : ""}${JSON.stringify(leadView(lead))}`,
    tail: (count) => `],"count":${count}}`,
  };
}

/** Seed 001's `job:progress` payload, in domains (leads for a re-scoring run). */
export function progressFrameData(progress: RunProgress) {
  const { run } = progress;
  return {
    jobId: run.id,
    status: run.status,
    progress: progress.percent,
    processedLeads: progress.done,
    totalLeads: progress.total,
    currentLead: progress.domain,
    ...runCountersView(run),
  };
}

/** The `job:complete` of a run that ended well or was cancelled. */
function completeFrameData(run: Run) {
  const downloadUrl = `/runs/${run.id}/export?format=csv`;
  if (run.status === "cancelled") {
    return { jobId: run.id, status: run.status, results: { leads: run.leads_count }, downloadUrl };
  }
  if (run.options.mode === "rescore") {
    return {
      jobId: run.id,
      status: run.status,
      results: { leads_total: run.options.leads_total, leads: run.leads_count },
    };
  }
  return {
    jobId: run.id,
    status: run.status,
    results: {
      domains_total: run.domains_total,
      domains_completed: run.domains_completed,
      domains_failed: run.domains_failed,
      leads: run.leads_count,
      emails_found: run.emails_found,
      emails_verified: run.emails_verified,
    },
    downloadUrl,
  };
}

/** The frame watchers get for an event of the engine. */
export function runEventFrame(event: RunEvent): RunFrame {
  switch (event.kind) {
    case "started": {
      const { run, total } = progressOf(event.run);
      return {
        event: "job:update",
        data: { jobId: run.id, status: "running", progress: 0, processedLeads: 0, totalLeads: total },
      };
    }
    case "progress":
      return { event: "job:progress", data: progressFrameData(event.progress) };
    case "log": {
      const { line } = event;
      return {
        event: "job:log",
        data: {
          jobId: line.runId,
          level: line.level,
          message: `${line.domain}: ${line.message}`,
          timestamp: line.at,
          metadata: { domain: line.domain },
        },
      };
    }
    case "finished":
      return { event: "job:complete", data: completeFrameData(event.run) };
    case "failed":
      return {
        event: "job:error",
        data: { jobId: event.runId, error: "run_failed", message: event.message },
      };
  }
}

/** The frames a socket opened on `run` gets first: the snapshot, and for a finished run its last event. */
export function openingFrames(run: Run, domains: RunDomain[]): RunFrame[] {
  const snapshot: RunFrame = { event: "snapshot", data: runView(run, domains) };
  if (run.status !== "succeeded" && run.status !== "failed" && run.status !== "cancelled") return [snapshot];
  return [
    snapshot,
    {
      event: run.status === "failed" ? "job:error" : "job:complete",
      data: { jobId: run.id, status: run.status, finished: true },
    },
  ];
}

/** True for the frames after which a run sends nothing more. */
export const isClosingFrame = (frame: RunFrame) =>
  frame.event === "job:complete" || frame.event === "job:error";
