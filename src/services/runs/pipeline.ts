/**
 * The stages of one domain of a run, as the queue consumer runs them:
 * claim the domain, crawl and extract (or read the people stored for it),
 * verify through the D1 cache and the sidecar, build one lead per person,
 * write leads, sources and counts, then finish the run or dispatch its next
 * domain. Safe to run twice for the same message: the domain is claimed
 * only while unfinished, leads are unique per tenant and address, and
 * counters are recomputed, not incremented.
 */
import { eq } from "drizzle-orm";
import type { Config } from "../../config.ts";
import { type CrawlSettings, crawlDomain } from "../../crawler/crawl-domain.ts";
import { BrowserRenderer } from "../../crawler/render-page.ts";
import { DohResolver } from "../../crawler/resolver.ts";
import type { Database } from "../../db/client.ts";
import { type Company, type DiscoveryRunOptions, leads } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import type { DomainFindings, DomainPerson } from "../../domain/extract/merge.ts";
import { generateCandidates } from "../../domain/patterns/candidates.ts";
import { inferEmailPattern } from "../../domain/patterns/infer.ts";
import {
  type AddressOutcome,
  addressesToVerify,
  buildLeads,
  NOT_VERIFIED,
  secondRoundAddresses,
} from "../../domain/runs/build-leads.ts";
import { progressOf } from "../../domain/runs/run-events.ts";
import type { DomainMessage } from "../../queues/messages.ts";
import { domainChargeStatement } from "../billing/credits.ts";
import { enrichAfterCrawl } from "../enrich/enrich-after-crawl.ts";
import { suppressedAddresses } from "../stewardship/suppressions.ts";
import { writeLeads } from "./lead-writer.ts";
import { reverifyStoredLeads } from "./reverify.ts";
import { claimDomain, finishDomainStatement, updateDomainProgress } from "./run-domains.ts";
import {
  afterDomain,
  describeRetries,
  failDomain,
  type Key,
  log,
  logEntry,
  markCancelled,
  type PipelineDeps,
  scheduleReverify,
  stillRunning,
  toRetryLater,
  verify,
} from "./run-steps.ts";
import { getRun, isRunFinished, markRunStarted, refreshCountersStatement } from "./store.ts";

export { processReverify } from "./reverify.ts";
export {
  DOMAIN_VERIFY_DEADLINE_MS,
  failDomain,
  finishRunIfFinished,
  MAX_REVERIFY_ROUNDS,
  type PipelineDeps,
  REVERIFY_DELAY_S,
} from "./run-steps.ts";

/** The people (and published addresses) stored for a domain, as findings: `skip_crawl` works from these. */
async function storedFindings(db: Database, tenantId: string, domain: string): Promise<DomainFindings> {
  const stored = await tenantScope(db, tenantId).select(leads, eq(leads.company_domain, domain));
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

function crawlSettings(config: Config, domain: string, options: DiscoveryRunOptions): CrawlSettings {
  return {
    domain,
    userAgent: config.CRAWLER_USER_AGENT,
    policy: {
      allowPrivate: config.allowPrivateTargets,
      resolver: new DohResolver(config.DOH_URL),
      connectCheckedAddress: config.CRAWL_CONNECT_CHECKED_ADDRESS,
    },
    maxPages: options.max_pages_per_domain ?? config.CRAWL_MAX_PAGES,
    budgetMs: config.CRAWL_DOMAIN_BUDGET_MS,
    renderBudget: config.CRAWL_RENDER_BUDGET,
    allowReservedNames: config.isDevelopment,
    originOverrides: config.crawlOriginOverrides,
  };
}

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
    await deps.publish({ kind: "started", run });
  }
  const claimed = await claimDomain(db, key.tenantId, key.runId, key.domain);
  if (!claimed) {
    // Finished already (a redelivery): make sure the run moved on.
    await afterDomain(deps, key);
    return;
  }
  const { options } = run;
  await deps.publish({ kind: "progress", progress: progressOf({ ...run, status: "running" }, key.domain) });

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

  const waiting = toRetryLater(verdicts).filter((r) =>
    drafts.some((d) => d.email === r.email || d.alternatives.some((a) => a.email === r.email)),
  );
  const emailsVerified = [...verdicts.values()].filter((v) => v.reason !== "verifier_unavailable").length;
  if (waiting.length > 0) {
    const delay = await scheduleReverify(
      deps,
      key,
      waiting.map((r) => r.email),
      Math.max(...waiting.map((r) => r.retryAfterS)),
      1,
    );
    await updateDomainProgress(db, key.tenantId, key.runId, key.domain, {
      stage: waiting.some((r) => r.why === "greylisted") ? "waiting_greylist" : "waiting_retry",
      emails_verified: emailsVerified,
      leads_found: written,
    });
    const line = logEntry(deps, {
      ...key,
      level: "info",
      message: `${describeRetries(waiting)}; verifying again in ${delay} s`,
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
    domainChargeStatement(db, key),
    line.statement,
    refreshCountersStatement(db, key.tenantId, key.runId),
  ]);
  await line.announce();
  await afterDomain(deps, key);
}
