/**
 * The crawl frontier for one company domain: which page to fetch next. It starts at the home
 * page, takes in the links found on each fetched page and the sitemap's hints, and hands out
 * the most promising unseen in-scope URL until the page budget or the depth limit is reached.
 * URLs are handed out as the site spells them (resolved, without the fragment): that is what
 * is fetched and what robots.txt is checked on, since "/team/" and "/team" may fall under
 * different rules. The normalised form (urls.ts) only decides whether a page was seen already.
 * No I/O: the crawler fetches, extracts links and feeds them back.
 */
import { isWithinDomain, normalizeDomain } from "./domain-name.ts";
import { PEOPLE_PAGE_SCORE, scoreLink } from "./link-ranking.ts";
import { normalizeUrl, siteUrl } from "./urls.ts";

export interface FrontierOptions {
  /** The company's domain (normalised with normalizeDomain); its subdomains (incl. www) are in scope. */
  domain: string;
  /** Pages to hand out at most: default 25, clamped to 1..100. */
  maxPages?: number;
  /** Link hops from the home page (depth 0) allowed: default 3. */
  maxDepth?: number;
  /** Robots check on the absolute URL as the site spells it; URLs it refuses are never queued. */
  isAllowed?: (url: string) => boolean;
  /** Accept RFC 2606/6761 testing names such as "acme.test" as the domain (tests, local fixtures). */
  allowReservedNames?: boolean;
}

export const DEFAULT_MAX_PAGES = 25;
export const MAX_PAGES_LIMIT = 100;
export const DEFAULT_MAX_DEPTH = 3;
/** Pending URLs kept at most; beyond it a new URL only gets in by displacing a worse one. */
export const MAX_PENDING = 5000;

interface Entry {
  url: string;
  depth: number;
  score: number;
  order: number;
}

/**
 * Hands out URLs by priority (highest {@link scoreLink} first; ties: shallower first, then
 * discovery order), never the same page twice, only within the domain, at most `maxPages` in
 * all and never deeper than `maxDepth`.
 */
export class CrawlFrontier {
  private readonly domain: string;
  private readonly maxPages: number;
  private readonly maxDepth: number;
  private readonly isAllowed: (url: string) => boolean;
  /** Every page key ever queued or handed out. */
  private readonly seen = new Set<string>();
  /** Pending entries by page key. */
  private readonly queue = new Map<string, Entry>();
  /** URLs (as spelled) the robots check refused, each reported once. */
  private readonly refused = new Set<string>();
  private discovered = 0;
  private given = 0;

  /** @throws RangeError when `options.domain` is not a valid registrable domain (see normalizeDomain). */
  constructor(options: FrontierOptions) {
    const domain = normalizeDomain(options.domain, {
      allowReservedNames: options.allowReservedNames ?? false,
    });
    if (!domain.ok) throw new RangeError(`Cannot crawl "${options.domain}": ${domain.reason}`);
    this.domain = domain.domain;
    this.maxPages = clamp(Math.floor(options.maxPages ?? DEFAULT_MAX_PAGES), 1, MAX_PAGES_LIMIT);
    this.maxDepth = Math.max(0, Math.floor(options.maxDepth ?? DEFAULT_MAX_DEPTH));
    this.isAllowed = options.isAllowed ?? (() => true);
    // The home page always goes first, whatever its score.
    this.offer(`https://${this.domain}/`, 0, undefined, Number.POSITIVE_INFINITY);
  }

  /**
   * Queues the links found on a page fetched at `fromDepth`; relative hrefs resolve against
   * `fromUrl`. Returns the in-scope URLs the robots check refused that were not reported before.
   */
  addLinks(links: { href: string; text?: string }[], fromUrl: string, fromDepth: number): string[] {
    const depth = fromDepth + 1;
    const refused: string[] = [];
    if (depth > this.maxDepth) return refused;
    for (const link of links) {
      const url = siteUrl(link.href, fromUrl);
      if (url !== null && this.offer(url, depth, link.text) === "refused") refused.push(url);
    }
    return refused;
  }

  /**
   * Queues sitemap URLs that look like people, contact or imprint pages (as depth 1); ignores the
   * rest. Returns the URLs the robots check refused, as {@link addLinks} does.
   */
  addSitemapUrls(urls: string[]): string[] {
    const refused: string[] = [];
    if (this.maxDepth < 1) return refused;
    for (const raw of urls) {
      const url = siteUrl(raw);
      if (url === null) continue;
      const key = normalizeUrl(url);
      if (key !== null && scoreLink(key) >= PEOPLE_PAGE_SCORE && this.offer(url, 1) === "refused")
        refused.push(url);
    }
    return refused;
  }

  /** The next URL to fetch, or null when the budget is spent or nothing is left. */
  next(): { url: string; depth: number } | null {
    if (this.given >= this.maxPages) return null;
    let bestKey: string | null = null;
    let best: Entry | null = null;
    for (const [key, entry] of this.queue) {
      if (best === null || comesBefore(entry, best)) {
        best = entry;
        bestKey = key;
      }
    }
    if (best === null || bestKey === null) return null;
    this.queue.delete(bestKey);
    this.given++;
    return { url: best.url, depth: best.depth };
  }

  /** How many URLs have been handed out so far. */
  get handedOut(): number {
    return this.given;
  }

  /** How many URLs are waiting (the budget may run out before all are handed out). */
  get pending(): number {
    return this.queue.size;
  }

  /** `url` as the site spells it; "refused" only the first time robots refuses that spelling. */
  private offer(url: string, depth: number, text?: string, forcedScore?: number): "refused" | undefined {
    const host = new URL(url).hostname;
    if (!isWithinDomain(host, this.domain)) return;
    const normalized = normalizeUrl(url);
    if (normalized === null) return;
    const key = pageKey(normalized);
    const score = forcedScore ?? scoreLink(normalized, text);
    if (score === Number.NEGATIVE_INFINITY) return;

    const queued = this.queue.get(key);
    if (queued) {
      // The same page found again, with better anchor text or closer to home, moves up.
      queued.score = Math.max(score, queued.score);
      queued.depth = Math.min(depth, queued.depth);
      return;
    }
    if (this.seen.has(key)) return;
    // A refused spelling does not mark the page seen: another spelling of it may be allowed.
    if (!this.isAllowed(url)) {
      if (this.refused.has(url)) return;
      this.refused.add(url);
      return "refused";
    }

    const entry: Entry = { url, depth, score, order: this.discovered++ };
    if (this.queue.size >= MAX_PENDING && !this.displaceWorst(entry)) return;
    this.seen.add(key);
    this.queue.set(key, entry);
  }

  /** Drops the worst pending entry if `entry` beats it; reports whether room was made. */
  private displaceWorst(entry: Entry): boolean {
    let worstKey: string | null = null;
    let worst: Entry | null = null;
    for (const [key, candidate] of this.queue) {
      if (worst === null || comesBefore(worst, candidate)) {
        worst = candidate;
        worstKey = key;
      }
    }
    if (worst === null || worstKey === null || !comesBefore(entry, worst)) return false;
    this.queue.delete(worstKey);
    this.seen.delete(worstKey);
    return true;
  }
}

function comesBefore(a: Entry, b: Entry): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.depth !== b.depth) return a.depth < b.depth;
  return a.order < b.order;
}

/**
 * The identity of a page for de-duplication: http and https, and the host with or without
 * "www.", serve the same page on practically every company site.
 */
function pageKey(url: string): string {
  return url.replace(/^https?:\/\/(?:www\.)?/, "");
}

function clamp(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) return min;
  return Math.min(max, Math.max(min, value));
}
