/** Handlers of the Runs API. Every read and change names the caller's tenant. */
import type { RouteHandler } from "@hono/zod-openapi";
import { and, eq, inArray, sql } from "drizzle-orm";
import { runDomains } from "../../db/schema.ts";
import { normalizeRunDomains } from "../../domain/runs/run-input.ts";
import type { AppEnv } from "../../env.ts";
import { ApiError } from "../../errors.ts";
import { sha256Hex } from "../../lib/ids.ts";
import { authenticate, getPrincipal } from "../../middleware/auth.ts";
import { runRoom } from "../../services/runs/events.ts";
import { countRunLeads, exportStream, leadView, runLeadsPage } from "../../services/runs/results.ts";
import * as store from "../../services/runs/store.ts";
import { runView } from "../../services/runs/views.ts";
import type * as routes from "./runs.routes.ts";

const notFound = () => new ApiError("not_found", "No such run");

/** The run of the caller's tenant, or 404 (another tenant's run is not found either). */
async function ownRun(c: Parameters<RouteHandler<typeof routes.getRun, AppEnv>>[0], runId: string) {
  const run = await store.getRun(c.var.db, getPrincipal(c).tenantId, runId);
  if (!run) throw notFound();
  return run;
}

export const createRunHandler: RouteHandler<typeof routes.createRun, AppEnv> = async (c) => {
  const principal = getPrincipal(c);
  const body = c.req.valid("json");
  const idempotencyKey = c.req.valid("header")["idempotency-key"] ?? null;
  const requestHash = idempotencyKey ? await sha256Hex(JSON.stringify(body)) : null;
  if (idempotencyKey) {
    const earlier = await store.findRunByIdempotencyKey(c.var.db, principal.tenantId, idempotencyKey);
    if (earlier) {
      if (earlier.request_hash !== requestHash) {
        throw new ApiError("conflict", "This Idempotency-Key was used for a different request");
      }
      return c.json(
        {
          run_id: earlier.id,
          status: earlier.status,
          tenant_id: earlier.tenant_id,
          created_at: earlier.created_at,
          domains_total: earlier.domains_total,
          duplicates_dropped: body.domains.length - earlier.domains_total,
        },
        200,
      );
    }
  }
  const normalized = normalizeRunDomains(body.domains, { allowReservedNames: c.var.config.isDevelopment });
  if (!normalized.ok) {
    const fields = Object.fromEntries(
      normalized.rejected.map((r) => [`domains.${r.index}`, `${r.input}: ${r.reason}`]),
    );
    throw new ApiError(
      "validation_failed",
      `${normalized.rejected.length} ${normalized.rejected.length === 1 ? "entry is" : "entries are"} not a domain: ` +
        normalized.rejected
          .slice(0, 5)
          .map((r) => `"${r.input}" (${r.reason})`)
          .join(", "),
      { fields },
    );
  }
  const options = {
    mode: body.options?.mode ?? "full",
    skip_crawl: body.options?.skip_crawl ?? false,
    skip_verify: body.options?.skip_verify ?? false,
    max_pages_per_domain: body.options?.max_pages_per_domain ?? null,
  } as const;
  const id = crypto.randomUUID();
  let created: Awaited<ReturnType<typeof store.insertRun>>;
  try {
    created = await store.insertRun(c.var.db, {
      id,
      tenantId: principal.tenantId,
      userId: principal.userId,
      label: body.label ?? null,
      options,
      domains: normalized.domains,
      idempotencyKey,
      requestHash,
    });
  } catch (err) {
    // Two retries racing with the same key: the loser answers with the winner's run.
    if (idempotencyKey && String(err).includes("UNIQUE")) {
      const earlier = await store.findRunByIdempotencyKey(c.var.db, principal.tenantId, idempotencyKey);
      if (earlier && earlier.request_hash === requestHash) {
        return c.json(
          {
            run_id: earlier.id,
            status: earlier.status,
            tenant_id: earlier.tenant_id,
            created_at: earlier.created_at,
            domains_total: earlier.domains_total,
            duplicates_dropped: normalized.duplicates,
          },
          200,
        );
      }
      throw new ApiError("conflict", "This Idempotency-Key was used for a different request");
    }
    throw err;
  }
  await runRoom(c.env, id).init(principal.tenantId, id);
  const messages = created.dispatch.map((domain) => ({
    body: { type: "domain", run_id: id, tenant_id: principal.tenantId, domain } as const,
  }));
  for (let i = 0; i < messages.length; i += 100) await c.env.RUNS_QUEUE.sendBatch(messages.slice(i, i + 100));
  return c.json(
    {
      run_id: id,
      status: created.run.status,
      tenant_id: principal.tenantId,
      created_at: created.run.created_at,
      domains_total: normalized.domains.length,
      duplicates_dropped: normalized.duplicates,
    },
    200,
  );
};

export const listRunsHandler: RouteHandler<typeof routes.listRuns, AppEnv> = async (c) => {
  const { limit } = c.req.valid("query");
  const tenantId = getPrincipal(c).tenantId;
  const list = await store.listRuns(c.var.db, tenantId, limit);
  const domainLists = new Map<string, string>();
  if (list.length > 0) {
    const rows = await c.var.db
      .select({ run_id: runDomains.run_id, domains: sql<string>`json_group_array(${runDomains.domain})` })
      .from(runDomains)
      .where(
        and(
          eq(runDomains.tenant_id, tenantId),
          inArray(
            runDomains.run_id,
            list.map((r) => r.id),
          ),
        ),
      )
      .groupBy(runDomains.run_id);
    for (const row of rows) domainLists.set(row.run_id, row.domains);
  }
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
  const stream = exportStream(c.var.db, run.tenant_id, run.id, format, limit);
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
  const cancelled = await store.cancelRun(c.var.db, run.tenant_id, run.id);
  if (!cancelled) throw new ApiError("conflict", `The run has finished already (${run.status})`);
  const room = runRoom(c.env, run.id);
  await room.publish({
    event: "job:complete",
    data: {
      jobId: run.id,
      status: "cancelled",
      results: { leads: cancelled.leads_count },
      downloadUrl: `/runs/${run.id}/export?format=csv`,
    },
  });
  return c.json({ run_id: run.id, status: cancelled.status }, 200);
};

export const getRunLogsHandler: RouteHandler<typeof routes.getRunLogs, AppEnv> = async (c) => {
  const { run_id } = c.req.valid("param");
  const { level, limit } = c.req.valid("query");
  const run = await ownRun(c, run_id);
  const rows = await store.getRunLogs(c.var.db, run.tenant_id, run.id, { level, limit });
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
