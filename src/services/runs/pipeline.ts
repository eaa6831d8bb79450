/**
 * The stages of one domain of a run, as the queue consumer runs them:
 * claim the domain, crawl and extract (or read the people stored for it),
 * verify through the D1 cache and the sidecar, build one lead per person,
 * write leads, sources and counts, then finish the run or dispatch its next
 * domain. Safe to run twice for the same message: the domain is claimed
 * only while unfinished, leads are unique per tenant and address, and
 * counters are recomputed, not incremented.
 */
import { and, eq } from "drizzle-orm";
import type { Config } from "../../config.ts";
import { type CrawlSettings, crawlDomain, type DomainCrawl } from "../../crawler/crawl-domain.ts";
import { BrowserRenderer } from "../../crawler/render-page.ts";
import { DohResolver } from "../../crawler/resolver.ts";
import type { Database } from "../../db/client.ts";
import { type Company, type DiscoveryRunOptions, type Lead, leads } from "../../db/schema.ts";
import type { DomainFindings, DomainPerson } from "../../domain/extract/merge.ts";
import { generateCandidates } from "../../domain/patterns/candidates.ts";
import { inferEmailPattern } from "../../domain/patterns/infer.ts";
import {
  type AddressOutcome,
  addressesToVerify,
  buildLeads,
  type LeadDraft,
  NOT_VERIFIED,
  secondRoundAddresses,
} from "../../domain/runs/build-leads.ts";
import type { Env } from "../../env.ts";
import { newId, nowIso } from "../../lib/ids.ts";
import type { Logger } from "../../lib/logger.ts";
import type { DomainMessage, ReverifyMessage, RunsQueueMessage } from "../../queues/messages.ts";
import { enrichAfterCrawl } from "../enrich/enrich-after-crawl.ts";
import type { SidecarClient } from "../sidecar-client.ts";
import { SidecarUnavailableError } from "../sidecar-client.ts";
import { suppressedAddresses } from "../stewardship/suppressions.ts";
import { type AddressVerdict, verifyAddresses } from "../verification.ts";
import type { Publish } from "./events.ts";
import { writeLeads } from "./lead-writer.ts";
import {
  claimDomain,
  claimUndispatched,
  finishDomainStatement,
  finishRunIfDone,
  getRun,
  getRunDomain,
  isRunFinished,
  markRunStarted,
  refreshCountersStatement,
  runLogStatement,
  updateDomainProgress,
} from "./store.ts";
import { progressEvent } from "./views.ts";

/** The sidecar's deadline for one domain's addresses. */
export const DOMAIN_VERIFY_DEADLINE_MS = 60_000;
/** Greylisted addresses are verified again at most this many times, each after the server's retry time. */
export const MAX_REVERIFY_ROUNDS = 3;
/** Bounds of one greylist wait (seconds): not sooner than the first, not later than the second. */
export const REVERIFY_DELAY_S = { min: 30, max: 300 };

export interface PipelineDeps {
  db: Database;
  env: Env;
  config: Config;
  sidecar: SidecarClient;
  queue: Queue<RunsQueueMessage>;
  publish: Publish;
  log: Logger;
  /** The crawler (tests and benchmarks may pass their own fetcher through it). */
  crawl?: (settings: CrawlSettings) => Promise<DomainCrawl>;
  /** Re-scoring runs' page size and pages per message (tests make them small). */
  rescore?: { pageSize?: number; maxPages?: number };
}

type Key = { tenantId: string; runId: string; domain: string };

/** Finishes the run when every domain is finished; publishes job:complete / job:error. True when it is finished. */
export async function finishRunIfFinished(
  deps: Pick<PipelineDeps, "db" | "publish">,
  tenantId: string,
  runId: string,
): Promise<boolean> {
  const status = await finishRunIfDone(deps.db, tenantId, runId);
  const run = await getRun(deps.db, tenantId, runId);
  if (!run) return true;
  if (status) {
    const data = {
      jobId: runId,
      status,
      results: {
        domains_total: run.domains_total,
        domains_completed: run.domains_completed,
        domains_failed: run.domains_failed,
        leads: run.leads_count,
        emails_found: run.emails_found,
        emails_verified: run.emails_verified,
      },
      downloadUrl: `/runs/${runId}/export?format=csv`,
    };
    await deps.publish(
      status === "failed"
        ? {
            event: "job:error",
            data: { jobId: runId, error: "run_failed", message: run.error ?? "every domain failed" },
          }
        : { event: "job:complete", data },
    );
  }
  return isRunFinished(run);
}

/** After a domain finished: finish the run, or send its next waiting domain to the queue. */
async function afterDomain(deps: PipelineDeps, key: Key): Promise<void> {
  const run = await getRun(deps.db, key.tenantId, key.runId);
  if (run) await deps.publish({ event: "job:progress", data: progressEvent(run, key.domain) });
  if (await finishRunIfFinished(deps, key.tenantId, key.runId)) return;
  const next = await claimUndispatched(deps.db, key.tenantId, key.runId, 1);
  if (next.length > 0) {
    await deps.queue.sendBatch(
      next.map((domain) => ({
        body: { type: "domain", run_id: key.runId, tenant_id: key.tenantId, domain } as const,
      })),
    );
  }
}

/** Marks a domain failed (after the last retry, or from the dead-letter queue) and moves the run on. */
export async function failDomain(
  deps: PipelineDeps,
  message: DomainMessage | ReverifyMessage,
  error: string,
) {
  const key = { tenantId: message.tenant_id, runId: message.run_id, domain: message.domain };
  const line = logEntry(deps, { ...key, level: "error", message: `failed: ${error}` });
  await deps.db.batch([
    finishDomainStatement(deps.db, key, "failed", { error: error.slice(0, 500) }),
    line.statement,
    refreshCountersStatement(deps.db, key.tenantId, key.runId),
  ]);
  await line.announce();
  await afterDomain(deps, key);
}

/** The people (and published addresses) stored for a domain, as findings: `skip_crawl` works from these. */
async function storedFindings(db: Database, tenantId: string, domain: string): Promise<DomainFindings> {
  const stored = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenant_id, tenantId), eq(leads.company_domain, domain)));
  const published = stored.filter((l) => l.email_source === "published");
  const pattern = inferEmailPattern(
    published
      .filter((l) => l.type === "personal" && l.first_name && l.last_name)
      .map((l) => ({ first: l.first_name!, last: l.last_name!, email: l.email })),
  );
  const people: DomainPerson[] = stored
    .filter((l) => l.type === "personal" && l.first_name && l.last_name)
    .map((l) => {
      const own = l.email_source === "published" ? l.email : null;
      return {
        name: l.full_name ?? `${l.first_name} ${l.last_name}`,
        first: l.first_name!,
        last: l.last_name!,
        title: l.title,
        seniority: l.seniority as DomainPerson["seniority"],
        department: l.department as DomainPerson["department"],
        email: own,
        found_by: [],
        profiles: [],
        sources: l.sources,
        candidates: own
          ? []
          : generateCandidates({ first: l.first_name!, last: l.last_name! }, domain, pattern),
      };
    });
  const emails = stored
    .filter((l) => l.email_source === "published" && !(l.type === "personal" && l.first_name && l.last_name))
    .map((l) => ({ email: l.email, type: l.type, person: l.full_name, found_by: [], sources: l.sources }));
  return { domain, emails, people, pattern, mailDomains: [] };
}

/** Verdicts for `emails`, or `verifier_unavailable` for all when the sidecar cannot be used. */
async function verify(
  deps: PipelineDeps,
  key: Key,
  emails: string[],
  fresh: boolean,
): Promise<{ verdicts: Map<string, AddressOutcome & Partial<AddressVerdict>>; unavailable: string | null }> {
  const verdicts = new Map<string, AddressOutcome & Partial<AddressVerdict>>();
  if (emails.length === 0) return { verdicts, unavailable: null };
  try {
    const results = await verifyAddresses(deps.db, deps.sidecar, emails, {
      ttlDays: deps.config.VERIFY_CACHE_TTL_DAYS,
      deadlineMs: DOMAIN_VERIFY_DEADLINE_MS,
      fresh,
    });
    for (const r of results) verdicts.set(r.email, r);
    return { verdicts, unavailable: null };
  } catch (err) {
    if (!(err instanceof SidecarUnavailableError)) throw err;
    const checked = nowIso();
    for (const email of emails) {
      verdicts.set(email, { status: "unknown", reason: "verifier_unavailable", checked_at: checked });
    }
    deps.log.warn("run: verifier unavailable", { run_id: key.runId, failure: err.failure });
    return { verdicts, unavailable: err.message };
  }
}

function crawlSettings(config: Config, domain: string, options: DiscoveryRunOptions): CrawlSettings {
  return {
    domain,
    userAgent: config.CRAWLER_USER_AGENT,
    policy: { allowPrivate: config.allowPrivateTargets, resolver: new DohResolver(config.DOH_URL) },
    maxPages: options.max_pages_per_domain ?? config.CRAWL_MAX_PAGES,
    budgetMs: config.CRAWL_DOMAIN_BUDGET_MS,
    renderBudget: config.CRAWL_RENDER_BUDGET,
    allowReservedNames: config.isDevelopment,
    originOverrides: config.crawlOriginOverrides,
  };
}

async function stillRunning(db: Database, key: Key): Promise<boolean> {
  const run = await getRun(db, key.tenantId, key.runId);
  return run?.status === "running";
}

async function markCancelled(deps: PipelineDeps, key: Key) {
  await deps.db.batch([
    finishDomainStatement(deps.db, key, "cancelled"),
    refreshCountersStatement(deps.db, key.tenantId, key.runId),
  ]);
}

/**
 * A line of the run's log: its D1 statement (for the batch that records
 * what it says) and, once that batch ran, its `job:log` event, so watchers
 * see every line the log keeps.
 */
function logEntry(deps: PipelineDeps, entry: Key & { level: "info" | "warn" | "error"; message: string }) {
  return {
    statement: runLogStatement(deps.db, entry),
    announce: () =>
      deps.publish({
        event: "job:log",
        data: {
          jobId: entry.runId,
          level: entry.level,
          message: `${entry.domain}: ${entry.message}`,
          timestamp: nowIso(),
          metadata: { domain: entry.domain },
        },
      }),
  };
}

/** A line in the run's log (D1) and a `job:log` event. */
async function log(deps: PipelineDeps, key: Key, level: "info" | "warn" | "error", message: string) {
  const line = logEntry(deps, { ...key, level, message });
  await deps.db.batch([line.statement]);
  await line.announce();
}

/** Sends greylisted addresses back to the queue for another try after the server's retry time. */
async function scheduleReverify(
  deps: PipelineDeps,
  key: Key,
  emails: string[],
  retryAfterS: number,
  round: number,
) {
  const delaySeconds = Math.min(REVERIFY_DELAY_S.max, Math.max(REVERIFY_DELAY_S.min, retryAfterS));
  await deps.queue.send(
    { type: "reverify", run_id: key.runId, tenant_id: key.tenantId, domain: key.domain, emails, round },
    { delaySeconds },
  );
  return delaySeconds;
}

const greylisted = (verdicts: Map<string, AddressOutcome & Partial<AddressVerdict>>) =>
  [...verdicts.values()].filter((v) => v.status === "unknown_greylisted");

/** Runs every stage its mode asks for on one domain of a run. */
export async function processDomain(deps: PipelineDeps, message: DomainMessage): Promise<void> {
  const { db } = deps;
  const key: Key = { tenantId: message.tenant_id, runId: message.run_id, domain: message.domain };
  const run = await getRun(db, key.tenantId, key.runId);
  if (!run) return;
  if (run.status === "cancelled") {
    await markCancelled(deps, key);
    return;
  }
  // Re-scoring runs have no domains (a domain message for one is a stray: dropped).
  if (isRunFinished(run) || run.options.mode === "rescore") return;
  if (await markRunStarted(db, key.tenantId, key.runId)) {
    await deps.publish({
      event: "job:update",
      data: {
        jobId: run.id,
        status: "running",
        progress: 0,
        processedLeads: 0,
        totalLeads: run.domains_total,
      },
    });
  }
  const claimed = await claimDomain(db, key.tenantId, key.runId, key.domain);
  if (!claimed) {
    // Finished already (a redelivery): make sure the run moved on.
    await afterDomain(deps, key);
    return;
  }
  const { options } = run;
  await deps.publish({
    event: "job:progress",
    data: progressEvent({ ...run, status: "running" }, key.domain),
  });

  let findings: DomainFindings;
  let company: Company | null = null;
  let pagesCrawled = 0;
  if (options.mode === "verify") {
    await reverifyStoredLeads(deps, key, claimed.position);
    return;
  }
  if (options.skip_crawl) {
    findings = await storedFindings(db, key.tenantId, key.domain);
    const line = logEntry(deps, {
      ...key,
      level: "info",
      message: `using ${findings.people.length} stored people (skip_crawl)`,
    });
    await db.batch([line.statement]);
    await line.announce();
  } else {
    await updateDomainProgress(db, key.tenantId, key.runId, key.domain, { stage: "crawling" });
    const crawl = await (
      deps.crawl ??
      ((s) =>
        crawlDomain(s, { db, renderer: deps.env.BROWSER ? new BrowserRenderer(deps.env.BROWSER) : null }))
    )(crawlSettings(deps.config, key.domain, options));
    pagesCrawled = crawl.pagesFetched;
    if (crawl.status === "unreachable") {
      await failDomain(deps, message, crawl.reason ?? "the site could not be reached");
      return;
    }
    if (crawl.status === "robots_unavailable") {
      const line = logEntry(deps, {
        ...key,
        level: "warn",
        message: crawl.reason ?? "robots.txt unavailable: not crawled",
      });
      await db.batch([line.statement]);
      await line.announce();
    }
    findings = crawl.findings;
    // Best effort: a failed enrichment is logged and leaves the company unknown; the domain goes on.
    await updateDomainProgress(db, key.tenantId, key.runId, key.domain, { stage: "enriching" });
    company = await enrichAfterCrawl(db, deps.config, crawl, { log: deps.log });
  }
  const emailsFound = findings.emails.length;
  await updateDomainProgress(db, key.tenantId, key.runId, key.domain, {
    stage: "verifying",
    pages_crawled: pagesCrawled,
    emails_found: emailsFound,
  });
  if (!(await stillRunning(db, key))) return markCancelled(deps, key);

  const shouldVerify = !options.skip_verify && options.mode !== "generate";
  // Suppressed addresses (or a suppressed domain) are never probed, so nothing about them is stored.
  const unsuppressed = async (emails: string[]) => {
    const suppressed = await suppressedAddresses(
      db,
      key.tenantId,
      emails.map((email) => ({ email, company_domain: key.domain })),
      { allowReservedNames: deps.config.isDevelopment },
    );
    return emails.filter((email) => !suppressed.has(email));
  };
  const { verdicts, unavailable } = shouldVerify
    ? await verify(deps, key, await unsuppressed(addressesToVerify(findings, options.mode)), false)
    : { verdicts: new Map(), unavailable: null };
  if (unavailable)
    await log(
      deps,
      key,
      "warn",
      `verification unavailable (${unavailable}); leads marked unknown / verifier_unavailable`,
    );
  if (shouldVerify && !unavailable) {
    const next = await unsuppressed(
      secondRoundAddresses(findings, options.mode, (email) => verdicts.get(email) ?? NOT_VERIFIED),
    );
    if (next.length > 0) {
      const more = await verify(deps, key, next, false);
      for (const [email, v] of more.verdicts) verdicts.set(email, v);
      await log(
        deps,
        key,
        "info",
        `every likely address of some people was refused; verified ${next.length} more candidates`,
      );
    }
  }
  const outcome = (email: string): AddressOutcome => verdicts.get(email) ?? NOT_VERIFIED;
  const drafts = buildLeads(findings, options.mode, outcome);
  if (!(await stillRunning(db, key))) return markCancelled(deps, key);
  const { written, suppressed } = await writeLeads(deps, key, claimed.position, drafts, {
    refresh: true,
    company,
  });

  const waiting = greylisted(verdicts).filter((v) =>
    drafts.some((d) => d.email === v.email || d.alternatives.some((a) => a.email === v.email)),
  );
  const emailsVerified = [...verdicts.values()].filter((v) => v.reason !== "verifier_unavailable").length;
  if (waiting.length > 0) {
    const delay = await scheduleReverify(
      deps,
      key,
      waiting.map((v) => v.email!),
      Math.max(...waiting.map((v) => v.retry_after_s ?? 60)),
      1,
    );
    await updateDomainProgress(db, key.tenantId, key.runId, key.domain, {
      stage: "waiting_greylist",
      emails_verified: emailsVerified,
      leads_found: written,
    });
    const line = logEntry(deps, {
      ...key,
      level: "info",
      message: `${waiting.length} addresses greylisted; verifying again in ${delay} s`,
    });
    await db.batch([line.statement]);
    await line.announce();
    return;
  }
  const line = logEntry(deps, {
    ...key,
    level: "info",
    message:
      `done: ${pagesCrawled} pages, ${emailsFound} addresses found, ${written} leads` +
      (suppressed > 0 ? ` (${suppressed} suppressed, not stored)` : ""),
  });
  await db.batch([
    finishDomainStatement(db, key, "done", {
      pages_crawled: pagesCrawled,
      emails_found: emailsFound,
      emails_verified: emailsVerified,
      leads_found: written,
    }),
    line.statement,
    refreshCountersStatement(db, key.tenantId, key.runId),
  ]);
  await line.announce();
  await afterDomain(deps, key);
}

/** Mode `verify`: the tenant's stored leads on the domain verified again (fresh), statuses updated. */
async function reverifyStoredLeads(deps: PipelineDeps, key: Key, _position: number) {
  const { db } = deps;
  const stored = await db
    .select()
    .from(leads)
    .where(and(eq(leads.tenant_id, key.tenantId), eq(leads.company_domain, key.domain)));
  await updateDomainProgress(db, key.tenantId, key.runId, key.domain, { stage: "verifying" });
  const { verdicts, unavailable } = await verify(
    deps,
    key,
    stored.map((l) => l.email),
    true,
  );
  if (unavailable) await log(deps, key, "warn", `verification unavailable (${unavailable})`);
  await applyVerdicts(deps, key, stored, verdicts);
  const line = logEntry(deps, {
    ...key,
    level: "info",
    message: `re-verified ${stored.length} stored leads`,
  });
  await db.batch([
    finishDomainStatement(db, key, "done", {
      emails_found: stored.length,
      emails_verified: unavailable ? 0 : stored.length,
      leads_found: stored.length,
    }),
    line.statement,
    refreshCountersStatement(db, key.tenantId, key.runId),
  ]);
  await line.announce();
  await afterDomain(deps, key);
}

/** Writes new verdicts onto stored leads (status, reason, time; the score follows) and links them to the run. */
async function applyVerdicts(
  deps: PipelineDeps,
  key: Key,
  stored: Lead[],
  verdicts: Map<string, AddressOutcome & Partial<AddressVerdict>>,
) {
  const { db } = deps;
  const drafts: LeadDraft[] = stored.map((l) => {
    const v = verdicts.get(l.email);
    return {
      email: l.email,
      type: l.type,
      first_name: l.first_name,
      last_name: l.last_name,
      full_name: l.full_name,
      title: l.title,
      seniority: l.seniority,
      department: l.department,
      company: l.company ?? "",
      company_domain: l.company_domain,
      email_source: l.email_source,
      pattern: l.pattern,
      confidence: l.confidence ?? 0,
      verify_status: v?.status ?? l.verify_status,
      verify_reason: v?.reason ?? l.verify_reason,
      verified_at: v?.checked_at ?? l.verified_at,
      icp_score: l.icp_score,
      source_url: l.source_url,
      sources: l.sources,
      alternatives: l.alternatives,
    };
  });
  const position = (await getRunDomain(db, key.tenantId, key.runId, key.domain))?.position ?? 0;
  // Re-verifying updates a lead; it does not refresh it (retention counts from the last crawl or ingest).
  await writeLeads(deps, key, position, drafts, { refresh: false });
}

/** A greylist retry: the addresses verified again (fresh); leads updated; the domain finished or retried again. */
export async function processReverify(deps: PipelineDeps, message: ReverifyMessage): Promise<void> {
  const { db } = deps;
  const key: Key = { tenantId: message.tenant_id, runId: message.run_id, domain: message.domain };
  const row = await getRunDomain(db, key.tenantId, key.runId, key.domain);
  if (row?.status !== "running") return;
  if (!(await stillRunning(db, key))) return markCancelled(deps, key);
  // An address suppressed during the greylist wait (an erasure, say) is not probed again.
  const suppressed = await suppressedAddresses(
    db,
    key.tenantId,
    message.emails.map((email) => ({ email, company_domain: key.domain })),
    { allowReservedNames: deps.config.isDevelopment },
  );
  const { verdicts } = await verify(
    deps,
    key,
    message.emails.filter((email) => !suppressed.has(email)),
    true,
  );
  const again = greylisted(verdicts);
  const affected = await db
    .select()
    .from(leads)
    .where(
      and(
        eq(leads.tenant_id, key.tenantId),
        eq(leads.company_domain, key.domain),
        eq(leads.last_run_id, key.runId),
      ),
    );
  // A lead whose best address or an alternative was greylisted: rebuild its choice with the new verdicts.
  const touched = affected.filter(
    (l) => verdicts.has(l.email) || l.alternatives.some((a) => verdicts.has(a.email)),
  );
  const updates: Lead[] = [];
  for (const lead of touched) {
    const options = [
      {
        email: lead.email,
        verify_status: lead.verify_status,
        verify_reason: lead.verify_reason,
        pattern: lead.pattern,
        probability: null as number | null,
      },
      ...lead.alternatives,
    ].map((o) => {
      const v = verdicts.get(o.email);
      return v ? { ...o, verify_status: v.status, verify_reason: v.reason } : o;
    });
    const rank = (s: string) =>
      s === "valid" ? 0 : s.startsWith("risky") ? 1 : s.startsWith("unknown") ? 2 : 3;
    const best =
      lead.email_source === "published"
        ? options[0]!
        : [...options].sort((a, b) => rank(a.verify_status) - rank(b.verify_status))[0]!;
    const v = verdicts.get(best.email);
    updates.push({
      ...lead,
      email: best.email,
      pattern: best.pattern,
      verify_status: best.verify_status,
      verify_reason: best.verify_reason,
      verified_at: v?.checked_at ?? lead.verified_at,
      alternatives: options
        .filter((o) => o.email !== best.email)
        .map((o) => ({
          email: o.email,
          pattern: o.pattern,
          probability: o.probability,
          verify_status: o.verify_status,
          verify_reason: o.verify_reason,
        })),
    });
  }
  const moved = updates.filter((u, i) => u.email !== touched[i]!.email);
  if (moved.length > 0) {
    // The best address changed: the old row goes (its run link with it), the new one is written below.
    await db.batch(
      moved.map((u) =>
        db.delete(leads).where(and(eq(leads.tenant_id, key.tenantId), eq(leads.id, u.id))),
      ) as [never, ...never[]],
    );
  }
  const fresh = new Map(updates.map((u) => [u.email, u]));
  await applyVerdicts(
    deps,
    key,
    updates.map((u) => ({ ...u, id: moved.includes(u) ? newId("lead") : u.id })),
    new Map([...verdicts].filter(([email]) => fresh.has(email)).map(([email, v]) => [email, v])),
  );
  if (again.length > 0 && message.round < MAX_REVERIFY_ROUNDS) {
    const delay = await scheduleReverify(
      deps,
      key,
      again.map((v) => v.email!),
      Math.max(...again.map((v) => v.retry_after_s ?? 60)),
      message.round + 1,
    );
    const line = logEntry(deps, {
      ...key,
      level: "info",
      message: `${again.length} addresses still greylisted; again in ${delay} s`,
    });
    await db.batch([line.statement]);
    await line.announce();
    return;
  }
  const line = logEntry(deps, {
    ...key,
    level: again.length > 0 ? "warn" : "info",
    message:
      again.length > 0
        ? `done; ${again.length} addresses still greylisted after ${message.round} retries`
        : "done after greylist retries",
  });
  await db.batch([
    finishDomainStatement(db, key, "done"),
    line.statement,
    refreshCountersStatement(db, key.tenantId, key.runId),
  ]);
  await line.announce();
  await afterDomain(deps, key);
}
