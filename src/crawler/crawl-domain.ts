/**
 * Crawls one company domain: robots.txt first (RFC 9309, cached a day, one
 * file per host, checked on the exact URL of every request and redirect
 * hop), the home page over https then http, then the most promising pages by the
 * frontier's ranking (team, about, contact, impressum... in five languages)
 * within the page budget, depth and time budget, at most two requests in
 * flight. Pages that look client-rendered go through the browser while the
 * render budget lasts. Every fetch is logged. Returns the merged findings,
 * and the home page's response and a few pages' HTML for company enrichment.
 */
import type { OriginOverride } from "../config.ts";
import type { Database } from "../db/client.ts";
import { isWithinDomain } from "../domain/crawl/domain-name.ts";
import { CrawlFrontier } from "../domain/crawl/frontier.ts";
import { parseSitemap } from "../domain/crawl/sitemap.ts";
import { extractPage, type PageExtraction } from "../domain/extract/extract-page.ts";
import { type DomainFindings, mergeDomainFindings } from "../domain/extract/merge.ts";
import { needsRendering } from "../domain/extract/render-hint.ts";
import { type FetchedPage, type FetchRules, fetchPage } from "./fetch-page.ts";
import { fetchPinned } from "./pinned-connection.ts";
import type { PageRenderer } from "./render-page.ts";
import { RobotsBook } from "./robots-store.ts";
import type { TargetPolicy } from "./target-guard.ts";

export interface CrawlSettings {
  domain: string;
  userAgent: string;
  policy: TargetPolicy;
  maxPages?: number;
  maxDepth?: number;
  budgetMs?: number;
  renderBudget?: number;
  concurrency?: number;
  pageTimeoutMs?: number;
  allowReservedNames?: boolean;
  mailDomains?: string[];
  /** CRAWL_ORIGIN_OVERRIDE (local development only; needs `policy.allowPrivate`). */
  originOverrides?: OriginOverride[];
}

export interface CrawlDependencies {
  db: Database;
  fetcher?: typeof fetch;
  /** Sends pinned requests (CRAWL_CONNECT_CHECKED_ADDRESS); default a socket to the checked address. */
  pinnedFetcher?: FetchRules["pinnedFetcher"];
  /** Browser Rendering; absent means static HTML only (logged). */
  renderer?: PageRenderer | null;
  now?: () => Date;
}

export interface CrawlLogEntry {
  at: string;
  level: "info" | "warn";
  message: string;
  url?: string;
  status?: number | null;
  outcome?: string;
  bytes?: number;
  ms?: number;
  rendered?: boolean;
  truncated?: boolean;
}

export interface DomainCrawl {
  domain: string;
  status: "done" | "robots_unavailable" | "unreachable";
  reason?: string;
  pagesFetched: number;
  pagesRendered: number;
  findings: DomainFindings;
  log: CrawlLogEntry[];
  /** What company enrichment reads (src/services/enrich/): the home page's response and a few pages' HTML. */
  site: CrawledSite;
}

/**
 * The home page's final URL and response headers (HTTPS, HSTS, security
 * headers, technologies) and the static HTML of the home page and up to two
 * about / contact / impressum pages (organisation facts, technologies).
 */
export interface CrawledSite {
  home: { url: string; headers: Record<string, string>; cookies: string[] } | null;
  pages: { url: string; html: string }[];
}

/** Pages whose HTML is kept for enrichment besides the home page (company facts live there). */
const companyPage =
  /about|company|unternehmen|ueber-uns|uber-uns|%C3%BCber-uns|impressum|imprint|legal|contact|kontakt|a-propos|qui-sommes|quienes-somos|sobre-nos|over-ons/i;
const SITE_PAGES = 3;

/**
 * Renders a page, once more on a new browser session when the first attempt
 * failed for another reason than time (Browser Rendering sessions can drop
 * or fail to start); a timeout is final, the page is read as static HTML.
 */
async function renderWithRetry(renderer: PageRenderer, url: string, onRetry: () => void) {
  try {
    return await renderer.render(url);
  } catch (err) {
    if (/time(d)? ?out/i.test(err instanceof Error ? `${err.name} ${err.message}` : String(err))) throw err;
    onRetry();
    await renderer.close();
    return renderer.render(url);
  }
}

export async function crawlDomain(settings: CrawlSettings, deps: CrawlDependencies): Promise<DomainCrawl> {
  const now = deps.now ?? (() => new Date());
  const started = Date.now();
  const deadline = started + (settings.budgetMs ?? 90_000);
  const { domain } = settings;
  const log: CrawlLogEntry[] = [];
  const note = (level: CrawlLogEntry["level"], message: string, extra: Partial<CrawlLogEntry> = {}) =>
    log.push({ at: now().toISOString(), level, message, ...extra });
  const rules: FetchRules = {
    policy: settings.policy,
    userAgent: settings.userAgent,
    inScope: (host) => isWithinDomain(host, domain),
    ...(deps.fetcher ? { fetcher: deps.fetcher } : {}),
    ...(deps.pinnedFetcher ? { pinnedFetcher: deps.pinnedFetcher } : {}),
    timeoutMs: settings.pageTimeoutMs ?? 10_000,
    ...(settings.originOverrides ? { originOverrides: settings.originOverrides } : {}),
  };
  const pages: { extraction: PageExtraction; fetchedAt: string }[] = [];
  const site: CrawledSite = { home: null, pages: [] };
  let homeResponse: { headers: Record<string, string>; cookies: string[] } | null = null;
  const baseFetcher = rules.fetcher ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const basePinned = rules.pinnedFetcher ?? fetchPinned;
  const keepHome = (res: Response) => {
    homeResponse = { headers: Object.fromEntries(res.headers), cookies: res.headers.getSetCookie() };
    return res;
  };
  // The home page's fetches (by name or pinned) go through these so its final response's headers are kept.
  const homeRules: FetchRules = {
    ...rules,
    fetcher: async (input, init) => keepHome(await baseFetcher(input, init)),
    pinnedFetcher: async (target, init) => keepHome(await basePinned(target, init)),
  };
  const finish = (status: DomainCrawl["status"], reason?: string): DomainCrawl => ({
    domain,
    status,
    ...(reason ? { reason } : {}),
    pagesFetched: log.filter((l) => l.url && l.outcome).length,
    pagesRendered: log.filter((l) => l.rendered).length,
    findings: mergeDomainFindings(domain, pages),
    log,
    site,
  });

  const robotsBook = new RobotsBook(deps.db, rules, settings.userAgent, now, (host, verdict) =>
    note(
      "info",
      `robots.txt${host === domain ? "" : ` of ${host}`}: ${verdict.mode}${verdict.fromCache ? " (cached)" : ""}${verdict.reason ? ` (${verdict.reason})` : ""}`,
    ),
  );
  const robots = await robotsBook.verdictFor(domain);
  if (robots.mode === "disallow_all") {
    return finish("robots_unavailable", robots.reason ?? "robots.txt could not be read; nothing was crawled");
  }
  // Every request, redirect hops included, asks its host's robots.txt first.
  rules.robots = (url) => robotsBook.refusal(url);
  homeRules.robots = rules.robots;
  const frontier = new CrawlFrontier({
    domain,
    maxPages: settings.maxPages ?? 25,
    maxDepth: settings.maxDepth ?? 3,
    // Links to a host whose robots.txt is not loaded yet are queued; their fetch checks them.
    isAllowed: (url) => robotsBook.knownAllowed(new URL(url)) !== false,
    allowReservedNames: settings.allowReservedNames ?? false,
  });
  const noteRefused = (urls: string[]) => {
    for (const url of urls) note("info", "robots.txt disallows this URL; not fetched", { url });
  };

  let renderBudget = deps.renderer ? (settings.renderBudget ?? 3) : 0;
  if (!deps.renderer) note("warn", "no BROWSER binding: pages are read as static HTML only");
  let homeReached = false;

  const visit = async (url: string, depth: number) => {
    let page: FetchedPage = await fetchPage(url, depth === 0 ? homeRules : rules);
    if (depth === 0 && page.outcome !== "ok" && url.startsWith("https:")) {
      logFetch(page, false);
      page = await fetchPage(url.replace(/^https:/, "http:"), homeRules);
    }
    if (page.outcome !== "ok" || page.body === null) {
      logFetch(page, false);
      return;
    }
    if (depth === 0) {
      homeReached = true;
      if (homeResponse) site.home = { url: page.finalUrl, ...homeResponse };
    }
    if (
      site.pages.length < SITE_PAGES &&
      (depth === 0 || companyPage.test(new URL(page.finalUrl).pathname))
    ) {
      site.pages.push({ url: page.finalUrl, html: page.body });
    }
    let extraction = extractPage({
      html: page.body,
      url: page.finalUrl,
      domain,
      mailDomains: settings.mailDomains ?? [],
    });
    let rendered = false;
    if (needsRendering(extraction) && renderBudget > 0 && deps.renderer) {
      renderBudget -= 1;
      try {
        const { html } = await renderWithRetry(deps.renderer, page.finalUrl, () =>
          note("info", "rendering failed once; retrying with a new browser session", { url: page.finalUrl }),
        );
        extraction = extractPage({
          html,
          url: page.finalUrl,
          domain,
          mailDomains: settings.mailDomains ?? [],
        });
        rendered = true;
      } catch (err) {
        note("warn", `rendering failed: ${err instanceof Error ? err.message : String(err)}`, {
          url: page.finalUrl,
        });
      }
    }
    logFetch(page, rendered);
    pages.push({ extraction, fetchedAt: now().toISOString() });
    noteRefused(frontier.addLinks(extraction.links, page.finalUrl, depth));
  };
  const logFetch = (page: FetchedPage, rendered: boolean) =>
    note(page.outcome === "ok" ? "info" : "warn", page.detail ?? `fetch ${page.outcome}`, {
      url: page.url,
      status: page.status,
      outcome: page.outcome,
      bytes: page.bytes,
      ms: page.ms,
      rendered,
      truncated: page.truncated,
    });

  const home = frontier.next();
  if (home) await visit(home.url, home.depth);
  if (!homeReached) {
    await deps.renderer?.close();
    return finish("unreachable", "the home page could not be fetched over https or http");
  }
  const sitemaps = [...(robots.rules?.sitemaps ?? []), `https://${domain}/sitemap.xml`];
  for (const sitemap of [...new Set(sitemaps)].slice(0, 3)) {
    if (!URL.canParse(sitemap) || !isWithinDomain(new URL(sitemap).hostname, domain)) continue;
    const res = await fetchPage(sitemap, { ...rules, accept: /xml|text\/plain/i });
    if (res.outcome === "ok" && res.body) noteRefused(frontier.addSitemapUrls(parseSitemap(res.body).urls));
  }

  let inFlight = 0;
  const worker = async () => {
    for (;;) {
      if (Date.now() > deadline) return;
      const next = frontier.next();
      if (!next) {
        // The other worker's page may still add links.
        if (inFlight === 0) return;
        await new Promise((r) => setTimeout(r, 10));
        continue;
      }
      inFlight += 1;
      try {
        await visit(next.url, next.depth);
      } finally {
        inFlight -= 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(2, settings.concurrency ?? 2)) }, worker));
  if (Date.now() > deadline) note("warn", "time budget used up; remaining pages skipped");
  await deps.renderer?.close();
  return finish("done");
}
