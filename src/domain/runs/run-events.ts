/**
 * What the engine tells a run's watchers, as plain values: how far the run
 * has got, the lines of its log, that it started and how it ended. The
 * services emit these; each door words them for its clients (the live
 * events' frames: routes/runs/views.ts).
 */
import type { Run } from "../../db/schema.ts";

/** How far a run has got: units done of the total (domains; leads for a re-scoring run). */
export interface RunProgress {
  run: Run;
  done: number;
  total: number;
  /** Whole percent; 100 for a run with nothing to do. */
  percent: number;
  /** The domain being worked on, when the news is about one. */
  domain: string | null;
}

/** A line of a run's log, as it is announced. */
export interface RunLogLine {
  runId: string;
  domain: string;
  level: "info" | "warn" | "error";
  message: string;
  /** When it was announced (ISO 8601). */
  at: string;
}

export type RunEvent =
  /** The run's first work was picked up. */
  | { kind: "started"; run: Run }
  | { kind: "progress"; progress: RunProgress }
  | { kind: "log"; line: RunLogLine }
  /** It ended well (succeeded, some domains perhaps failed) or was cancelled: `run` as it ended. */
  | { kind: "finished"; run: Run }
  /** It failed, and why. */
  | { kind: "failed"; runId: string; message: string };

/** The progress of `run`, about `domain` when given. */
export function progressOf(run: Run, domain: string | null = null): RunProgress {
  // A re-scoring run counts leads; a discovery run counts domains.
  const [done, total] =
    run.options.mode === "rescore"
      ? [run.leads_count, run.options.leads_total]
      : [run.domains_completed, run.domains_total];
  const percent = total === 0 ? 100 : Math.min(100, Math.round((done / total) * 100));
  return { run, done, total, percent, domain };
}
