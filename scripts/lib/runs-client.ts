/**
 * A small client of the Runs API for scripts (the demo, benchmarks): create
 * a run, follow its live events over the WebSocket (with a ticket, as a
 * browser would), read the run and its results. Node 22's global WebSocket.
 */

/** Where the API is and who is calling (AUTH_MODE=dev headers, or an API key). */
export interface RunsApi {
  base: string;
  headers: Record<string, string>;
}

export interface RunProgress {
  domains_total: number;
  domains_completed: number;
  domains_failed: number;
  emails_found: number;
  emails_verified: number;
  leads_found: number;
}

export interface RunRead {
  run_id: string;
  status: string;
  progress: RunProgress;
  domain_details: { domain: string; status: string; stage: string | null; error: string | null }[];
  error: string | null;
  started_at: string | null;
  finished_at: string | null;
}

export interface RunResult {
  email: string;
  full_name: string | null;
  title: string | null;
  company_domain: string;
  verify_status: string;
  verify_reason: string;
  email_source: string;
  icp_score: number;
  type: string;
}

/** One frame of the live events: `snapshot`, `job:update|progress|log|complete|error`. */
export interface RunEvent {
  event: string;
  data: Record<string, unknown>;
}

export const finishedStatuses = new Set(["succeeded", "failed", "cancelled"]);

async function call<T>(api: RunsApi, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${api.base}${path}`, {
    method,
    headers: { ...api.headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export function createRun(
  api: RunsApi,
  domains: string[],
  options: { mode: string; skip_verify?: boolean; skip_crawl?: boolean },
): Promise<{ run_id: string; status: string; domains_total: number }> {
  return call(api, "POST", "/runs", { domains, options });
}

export const getRun = (api: RunsApi, runId: string) => call<RunRead>(api, "GET", `/runs/${runId}`);

/** Every result of the run (pages of 500). */
export async function getResults(api: RunsApi, runId: string): Promise<RunResult[]> {
  const out: RunResult[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await call<{ results: RunResult[]; total: number }>(
      api,
      "GET",
      `/runs/${runId}/results?limit=500&offset=${offset}`,
    );
    out.push(...page.results);
    if (page.results.length < 500 || out.length >= page.total) return out;
  }
}

/**
 * Follows the run's live events until `job:complete` or `job:error` (or the
 * snapshot shows it already finished), calling `onEvent` for each frame.
 * Falls back to polling GET /runs/{id} every second when the socket fails.
 * Rejects after `timeoutMs`.
 */
export async function followRun(
  api: RunsApi,
  runId: string,
  onEvent: (event: RunEvent) => void,
  timeoutMs: number,
): Promise<RunRead> {
  const deadline = Date.now() + timeoutMs;
  const socketEnded = await new Promise<boolean>((resolve) => {
    void (async () => {
      let ticket: { url: string };
      try {
        ticket = await call(api, "POST", `/runs/${runId}/events/ticket`);
      } catch {
        return resolve(false);
      }
      const ws = new WebSocket(`${api.base.replace(/^http/, "ws")}${ticket.url}`);
      const timer = setTimeout(() => {
        ws.close();
        resolve(false);
      }, timeoutMs);
      let finished = false;
      const finish = (ok: boolean) => {
        clearTimeout(timer);
        if (!finished) resolve(ok);
        finished = true;
        ws.close();
      };
      ws.addEventListener("message", (message) => {
        const frame = JSON.parse(String(message.data)) as RunEvent;
        onEvent(frame);
        if (frame.event === "job:complete" || frame.event === "job:error") finish(true);
        if (frame.event === "snapshot" && finishedStatuses.has(String(frame.data.status))) finish(true);
      });
      ws.addEventListener("error", () => finish(false));
      ws.addEventListener("close", () => finish(false));
    })();
  });
  for (;;) {
    const run = await getRun(api, runId);
    if (finishedStatuses.has(run.status)) return run;
    if (Date.now() > deadline)
      throw new Error(`the run did not finish within ${Math.round(timeoutMs / 1000)} s`);
    if (!socketEnded) onEvent({ event: "poll", data: { ...run.progress, status: run.status } });
    await new Promise((r) => setTimeout(r, 1000));
  }
}
