/** ICP tests: saving a profile, waiting for its re-scoring run, reading the scores back. */
import { env } from "cloudflare:test";
import { type Caller, call, json } from "../helpers/api.ts";

export const putIcp = (caller: Caller, body: unknown) =>
  call("PUT", "/icp", { headers: caller.devHeaders(), json: body });

// biome-ignore lint/suspicious/noExplicitAny: assertion convenience
export const getIcp = async (caller: Caller): Promise<any> =>
  json(await call("GET", "/icp", { headers: caller.devHeaders() }));

/** Polls GET /runs/{id} until the run has finished. */
// biome-ignore lint/suspicious/noExplicitAny: assertion convenience
export async function waitForRun(caller: Caller, runId: string, timeoutMs = 30_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const run = await json(await call("GET", `/runs/${runId}`, { headers: caller.devHeaders() }));
    if (["succeeded", "failed", "cancelled"].includes(run.status)) return run;
    if (Date.now() > until) throw new Error(`run ${runId} still ${run.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface ScoredLead {
  email: string;
  icp_score: number;
  icp_reasons: { code: string; points: number; detail?: string }[];
  data_gaps: string[];
}

/** The tenant's scores, by address (read directly from D1). */
export async function scores(tenantId: string): Promise<Map<string, ScoredLead>> {
  const { results } = await env.DB.prepare(
    "SELECT email, icp_score, icp_reasons, data_gaps FROM leads WHERE tenant_id = ? ORDER BY email",
  )
    .bind(tenantId)
    .all<{ email: string; icp_score: number; icp_reasons: string; data_gaps: string }>();
  return new Map(
    results.map((r) => [
      r.email,
      {
        email: r.email,
        icp_score: r.icp_score,
        icp_reasons: JSON.parse(r.icp_reasons),
        data_gaps: JSON.parse(r.data_gaps),
      },
    ]),
  );
}

export const pointsSum = (lead: ScoredLead) => lead.icp_reasons.reduce((n, r) => n + r.points, 0);
