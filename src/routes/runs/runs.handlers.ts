/** Handlers of the Runs API. Every read and change names the caller's tenant. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { authenticate, getPrincipal } from "../../middleware/auth.ts";
import { runRoom } from "../../services/runs/events.ts";
import { cancelRunAndAnnounce, startRun } from "../../services/runs/lifecycle.ts";
import { countRunLeads, exportStream, runLeadsPage } from "../../services/runs/results.ts";
import { getRunLogs } from "../../services/runs/run-log.ts";
import * as store from "../../services/runs/store.ts";
import { leadView } from "../leads/views.ts";
import type * as routes from "./runs.routes.ts";
import { runExportWriter, runView, startedRunView } from "./views.ts";

const notFound = () => new ApiError("not_found", "No such run");

/** The run of the caller's tenant, or 404 (another tenant's run is not found either). */
async function ownRun(c: Parameters<RouteHandler<typeof routes.getRun, AppEnv>>[0], runId: string) {
  const run = await store.getRun(c.var.db, getPrincipal(c).tenantId, runId);
  if (!run) throw notFound();
  return run;
}

export const createRunHandler: RouteHandler<typeof routes.createRun, AppEnv> = async (c) => {
  const started = await startRun(
    {
      db: c.var.db,
      env: c.env,
      allowReservedNames: c.var.config.isDevelopment,
      trialDays: c.var.config.TRIAL_DAYS,
    },
    getPrincipal(c),
    c.req.valid("json"),
    c.req.valid("header")["idempotency-key"] ?? null,
  );
  return c.json(startedRunView(started), 200);
};

export const listRunsHandler: RouteHandler<typeof routes.listRuns, AppEnv> = async (c) => {
  const { limit } = c.req.valid("query");
  const tenantId = getPrincipal(c).tenantId;
  const list = await store.listRuns(c.var.db, tenantId, limit);
  const domainLists = await store.domainListsOf(
    c.var.db,
    tenantId,
    list.map((r) => r.id),
  );
  return c.json(
    {
      results: list.map((run) => ({
        id: run.id,
        status: run.status,
        label: run.label,
        mode: run.options.mode,
        domains_json: domainLists.get(run.id) ?? "[]",
        domains_total: run.domains_total,
        domains_completed: run.domains_completed,
        leads_count: run.leads_count,
        created_at: run.created_at,
        started_at: run.started_at,
        finished_at: run.finished_at,
      })),
      limit,
    },
    200,
  );
};

export const getRunHandler: RouteHandler<typeof routes.getRun, AppEnv> = async (c) => {
  const { run_id } = c.req.valid("param");
  const run = await ownRun(c, run_id);
  const domains = await store.getRunDomains(c.var.db, run.tenant_id, run.id);
  return c.json(runView(run, domains), 200);
};

export const getRunResultsHandler: RouteHandler<typeof routes.getRunResults, AppEnv> = async (c) => {
  const { run_id } = c.req.valid("param");
  const { limit, offset } = c.req.valid("query");
  const run = await ownRun(c, run_id);
  const [rows, total] = await Promise.all([
    runLeadsPage(c.var.db, run.tenant_id, run.id, { limit, offset }),
    countRunLeads(c.var.db, run.tenant_id, run.id),
  ]);
  return c.json({ results: rows.map((r) => leadView(r.lead)), limit, offset, total }, 200);
};

export const exportRunHandler: RouteHandler<typeof routes.exportRun, AppEnv> = async (c) => {
  const { run_id } = c.req.valid("param");
  const { format, limit } = c.req.valid("query");
  const run = await ownRun(c, run_id);
  const stream = exportStream(c.var.db, run.tenant_id, run.id, runExportWriter(run.id, format), limit);
  return new Response(stream, {
    status: 200,
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="run-${run.id}.${format}"`,
      "Cache-Control": "no-store",
    },
  }) as never;
};

export const cancelRunHandler: RouteHandler<typeof routes.cancelRun, AppEnv> = async (c) => {
  const { run_id } = c.req.valid("param");
  const run = await ownRun(c, run_id);
  const cancelled = await cancelRunAndAnnounce({ db: c.var.db, env: c.env }, run.tenant_id, run.id);
  if (!cancelled) throw new ApiError("conflict", `The run has finished already (${run.status})`);
  return c.json({ run_id: run.id, status: cancelled.status }, 200);
};

export const getRunLogsHandler: RouteHandler<typeof routes.getRunLogs, AppEnv> = async (c) => {
  const { run_id } = c.req.valid("param");
  const { level, limit } = c.req.valid("query");
  const run = await ownRun(c, run_id);
  const rows = await getRunLogs(c.var.db, run.tenant_id, run.id, { level, limit });
  return c.json(
    { results: rows.map((r) => ({ level: r.level, domain: r.domain, message: r.message, at: r.at })), limit },
    200,
  );
};

export const createEventsTicketHandler: RouteHandler<typeof routes.createEventsTicket, AppEnv> = async (
  c,
) => {
  const { run_id } = c.req.valid("param");
  const principal = getPrincipal(c);
  const run = await ownRun(c, run_id);
  const ticket = await runRoom(c.env, run.id).issueTicket({
    tenantId: principal.tenantId,
    userId: principal.userId ?? principal.apiKeyId ?? "unknown",
  });
  return c.json({ ...ticket, url: `/runs/${run.id}/events?ticket=${ticket.ticket}` }, 200);
};

export const runEventsHandler: RouteHandler<typeof routes.runEvents, AppEnv> = async (c) => {
  const { run_id } = c.req.valid("param");
  const { ticket } = c.req.valid("query");
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") {
    throw new ApiError("upgrade_required", "Connect with a WebSocket (Upgrade: websocket)");
  }
  let tenantId: string;
  let user: string;
  const room = runRoom(c.env, run_id);
  if (ticket) {
    const holder = await room.redeemTicket(ticket);
    if (!holder) throw new ApiError("unauthorized", "The ticket is unknown, used or expired; get a new one");
    tenantId = holder.tenantId;
    user = holder.userId;
  } else {
    const principal = await authenticate(c);
    c.set("principal", principal);
    tenantId = principal.tenantId;
    user = principal.userId ?? principal.apiKeyId ?? "unknown";
  }
  const run = await store.getRun(c.var.db, tenantId, run_id);
  if (!run) throw notFound();
  const headers = new Headers({ Upgrade: "websocket", "X-Run-User": `${tenantId}/${user}` });
  const response = await room.fetch(new Request("https://run-room/events", { headers }));
  if (response.status === 429) {
    throw new ApiError(
      "rate_limited",
      "At most 10 live connections per user at once (across runs); close one first",
    );
  }
  // The room's response has immutable headers; the app's middleware adds its own.
  return new Response(null, { status: response.status, webSocket: response.webSocket }) as never;
};
