/**
 * The signed-in app's run and lead pages: a new run (pasted or uploaded
 * domains), a run with live progress, its results, and lead search with
 * facets. They call the same services as the JSON API, scoped to the
 * visitor's tenant; another tenant's run is "not found" here too.
 */
import { Hono } from "hono";
import { MAX_RUN_DOMAINS } from "../domain/runs/run-input.ts";
import { BadCursorError } from "../domain/search/cursor.ts";
import { controlCharacterProblem, foldSpaceControls } from "../domain/text/plain-text.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { SearchQuerySchema } from "../routes/leads/leads.routes.ts";
import { leadView, searchResultView } from "../routes/leads/views.ts";
import { type SearchFacet, searchFacets } from "../services/leads/filters.ts";
import { searchLeads } from "../services/leads/search.ts";
import { cancelRunAndAnnounce, startRun } from "../services/runs/lifecycle.ts";
import { countRunLeads, runLeadsPage } from "../services/runs/results.ts";
import { getRunLogs } from "../services/runs/run-log.ts";
import * as store from "../services/runs/store.ts";
import { CSRF_FIELD, csrfToken, csrfValid } from "./csrf.ts";
import { type Ctx, expired, field, formOf, formVisitor, pageVisitor, render } from "./page-kit.tsx";
import { offsetOf } from "./pager.tsx";
import { LeadsPage } from "./pages/leads.tsx";
import { MessagePage } from "./pages/message.tsx";
import { formModes, NewRunPage, type NewRunValues } from "./pages/new-run.tsx";
import { RunDetailPage } from "./pages/run-detail.tsx";
import { RESULTS_PAGE_SIZE, RunResultsPage } from "./pages/run-results.tsx";
import { runLiveJs } from "./scripts/run-live.ts";

/** Upload size accepted for a domain list (1,000 domains of 253 characters, with room for CSV columns). */
const MAX_UPLOAD_BYTES = 1024 * 1024;

/** The domains of a pasted list or an uploaded file: one per line or separated by commas, `;` or spaces. */
export function domainEntries(text: string, fromFile = false): string[] {
  const lines = text.split(/\r?\n/);
  const entries: string[] = [];
  lines.forEach((line, i) => {
    // A CSV's first column; a header line ("domain", "website"...) is skipped.
    const cell = fromFile ? (line.split(/[,;\t]/)[0] ?? "").replace(/^"|"$/g, "") : line;
    if (fromFile && i === 0 && /^\s*(domains?|websites?|urls?|company[ _]?domain)\s*$/i.test(cell)) return;
    for (const part of cell.split(/[\s,;]+/)) if (part) entries.push(part);
  });
  return entries;
}

const runNotFound = (c: Ctx) =>
  render(
    c,
    <MessagePage
      title="No such run"
      message="This run does not exist, or it belongs to another account."
      back="/app"
    />,
    404,
  );

const newIdempotencyKey = () => `page-${crypto.randomUUID()}`;

export const appPages = new Hono<AppEnv>()
  .get("/assets/run-live.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=300");
    return c.body(runLiveJs);
  })
  .get("/app/runs/new", async (c) => {
    const visitor = await pageVisitor(c);
    if (visitor instanceof Response) return visitor;
    return render(
      c,
      <NewRunPage
        user={visitor.user}
        csrf={csrfToken(c)}
        idempotencyKey={newIdempotencyKey()}
        defaultMaxPages={c.var.config.CRAWL_MAX_PAGES}
      />,
    );
  })
  // The runs are listed on the start page.
  .get("/app/runs", (c) => c.redirect("/app", 303))
  .post("/app/runs", async (c) => {
    const visitor = await formVisitor(c, "/app/runs/new");
    if (visitor instanceof Response) return visitor;
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, "/app/runs/new");
    const values: NewRunValues = {
      label: field(form.label, 201).trim(),
      domains: field(form.domains, 600_000),
      mode: field(form.mode, 20),
      skip_verify: form.skip_verify === "1",
      max_pages: field(form.max_pages, 10).trim(),
    };
    const again = (status: 400 | 409, extra: { problems?: Record<string, string>; error?: string }) =>
      render(
        c,
        <NewRunPage
          user={visitor.user}
          csrf={csrfToken(c)}
          idempotencyKey={newIdempotencyKey()}
          defaultMaxPages={c.var.config.CRAWL_MAX_PAGES}
          values={values}
          {...extra}
        />,
        status,
      );
    const problems: Record<string, string> = {};
    const entries = domainEntries(values.domains);
    const file = form.file;
    if (file instanceof File && file.size > 0) {
      if (file.size > MAX_UPLOAD_BYTES)
        problems.domains = "The file is larger than 1 MB; split it into several runs.";
      else entries.push(...domainEntries(await file.text(), true));
    }
    if (!problems.domains && entries.length === 0)
      problems.domains = "Enter at least one domain, or choose a file.";
    if (entries.length > MAX_RUN_DOMAINS)
      problems.domains = `That is ${entries.length.toLocaleString("en")} entries; a run takes up to ${MAX_RUN_DOMAINS.toLocaleString("en")}.`;
    if (values.label.length > 200) problems.label = "Use at most 200 characters.";
    const labelControl = controlCharacterProblem(values.label);
    if (labelControl) problems.label = `The label ${labelControl}.`;
    const mode = formModes.find((m) => m.value === values.mode)?.value;
    if (!mode) problems.mode = "Choose what to do.";
    const maxPages = values.max_pages === "" ? undefined : Number(values.max_pages);
    if (maxPages !== undefined && !(Number.isInteger(maxPages) && maxPages >= 1 && maxPages <= 100))
      problems.max_pages = "Enter a whole number from 1 to 100.";
    if (Object.keys(problems).length > 0) return again(400, { problems });
    try {
      const started = await startRun(
        {
          db: c.var.db,
          env: c.env,
          allowReservedNames: c.var.config.isDevelopment,
          trialDays: c.var.config.TRIAL_DAYS,
        },
        visitor.principal,
        {
          domains: entries,
          ...(values.label ? { label: foldSpaceControls(values.label) } : {}),
          options: { mode, skip_verify: values.skip_verify, max_pages_per_domain: maxPages },
        },
        field(form.idempotency_key, 200) || null,
      );
      return c.redirect(`/app/runs/${started.run.id}`, 303);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === "validation_failed") {
        const rejected = Object.values(err.options.fields ?? {});
        return again(400, {
          problems: {
            domains:
              `${rejected.length} ${rejected.length === 1 ? "entry is" : "entries are"} not a domain: ` +
              rejected.slice(0, 10).join("; ") +
              (rejected.length > 10 ? `; and ${rejected.length - 10} more` : ""),
          },
        });
      }
      if (err.code === "conflict")
        return again(409, {
          error: "This form was sent already with other values. Check your runs, then try again.",
        });
      throw err;
    }
  })
  .get("/app/runs/:run_id", async (c) => {
    const visitor = await pageVisitor(c);
    if (visitor instanceof Response) return visitor;
    const { tenantId } = visitor.principal;
    const run = await store.getRun(c.var.db, tenantId, c.req.param("run_id"));
    if (!run) return runNotFound(c);
    const [domains, logs] = await Promise.all([
      store.getRunDomains(c.var.db, tenantId, run.id),
      getRunLogs(c.var.db, tenantId, run.id, { level: "info", limit: 50, newest: true }),
    ]);
    const notice = c.req.query("cancelled") !== undefined ? "The run was cancelled." : undefined;
    return render(
      c,
      <RunDetailPage
        user={visitor.user}
        csrf={csrfToken(c)}
        run={run}
        domains={domains}
        logs={logs}
        notice={notice}
      />,
      200,
      { scripts: true },
    );
  })
  .post("/app/runs/:run_id/cancel", async (c) => {
    const runId = c.req.param("run_id");
    const visitor = await formVisitor(c, `/app/runs/${encodeURIComponent(runId)}`);
    if (visitor instanceof Response) return visitor;
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, `/app/runs/${encodeURIComponent(runId)}`);
    const run = await store.getRun(c.var.db, visitor.principal.tenantId, runId);
    if (!run) return runNotFound(c);
    const cancelled = await cancelRunAndAnnounce({ db: c.var.db, env: c.env }, run.tenant_id, run.id);
    return c.redirect(`/app/runs/${run.id}${cancelled ? "?cancelled" : ""}`, 303);
  })
  .get("/app/runs/:run_id/results", async (c) => {
    const visitor = await pageVisitor(c);
    if (visitor instanceof Response) return visitor;
    const { tenantId } = visitor.principal;
    const run = await store.getRun(c.var.db, tenantId, c.req.param("run_id"));
    if (!run) return runNotFound(c);
    const offset = offsetOf(c.req.query("offset"), 1_000_000);
    const [rows, total] = await Promise.all([
      runLeadsPage(c.var.db, tenantId, run.id, { limit: RESULTS_PAGE_SIZE, offset }),
      countRunLeads(c.var.db, tenantId, run.id),
    ]);
    return render(
      c,
      <RunResultsPage
        user={visitor.user}
        csrf={csrfToken(c)}
        run={run}
        leads={rows.map((r) => leadView(r.lead))}
        offset={offset}
        total={total}
      />,
    );
  })
  .get("/app/leads", async (c) => {
    const visitor = await pageVisitor(c);
    if (visitor instanceof Response) return visitor;
    // Checkboxes arrive as repeated parameters; the API's schema reads comma-separated lists.
    const raw: Record<string, string> = {};
    for (const [name, values] of Object.entries(c.req.queries())) {
      const kept = values.filter((v) => v !== "");
      if (kept.length > 0) raw[name] = kept.join(",");
    }
    const parsed = SearchQuerySchema.safeParse({ ...raw, facets: searchFacets.join(",") });
    const selected: Partial<Record<SearchFacet, string[]>> = {};
    for (const facet of searchFacets) {
      const values = c.req.queries(facet)?.filter(Boolean);
      if (values?.length) selected[facet] = values.map((v) => v.slice(0, 100)).slice(0, 20);
    }
    const base = {
      user: visitor.user,
      csrf: csrfToken(c),
      q: (raw.q ?? "").slice(0, 500),
      sort: parsed.success ? parsed.data.sort : ("icp_desc" as const),
      icpMin: (raw.icp_min ?? "").slice(0, 3),
      selected,
    };
    const empty = { results: [], facets: {}, approximate: false, nextHref: null, firstHref: null };
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join(".") ?? "";
      return render(
        c,
        <LeadsPage
          {...base}
          {...empty}
          problem={`This search cannot be run: ${where} ${issue?.message ?? ""}`.trim()}
        />,
        400,
      );
    }
    try {
      const found = await searchLeads(c.var.db, visitor.principal.tenantId, parsed.data);
      const params = new URLSearchParams();
      for (const [name, values] of Object.entries(c.req.queries()))
        if (name !== "cursor") for (const v of values) if (v !== "") params.append(name, v);
      const firstHref = parsed.data.cursor ? `/app/leads?${params}` : null;
      if (found.nextCursor) params.set("cursor", found.nextCursor);
      return render(
        c,
        <LeadsPage
          {...base}
          results={found.rows.map(searchResultView)}
          facets={found.facets}
          approximate={found.facetsApproximate}
          nextHref={found.nextCursor ? `/app/leads?${params}` : null}
          firstHref={firstHref}
        />,
      );
    } catch (err) {
      if (err instanceof BadCursorError || String(err).includes("fts5")) {
        return render(
          c,
          <LeadsPage
            {...base}
            {...empty}
            problem="This page link no longer matches the search. Start again from the first page."
          />,
          400,
        );
      }
      throw err;
    }
  });
