/**
 * robots.txt per host: from the D1 cache when fetched less than 24 h ago,
 * else fetched (https, then http) and stored. The outcome follows RFC 9309:
 * parsed rules on 2xx, allow-all on 4xx, disallow-all on 5xx or a network
 * failure (and the domain reports why). A {@link RobotsBook} holds the
 * files of one crawl's hosts and answers for every request, redirect hops
 * included: robots.txt belongs to its host, so a hop to another host of the
 * site is judged by that host's file.
 */
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { robotsCache } from "../db/schema.ts";
import { isAllowedByRobots, parseRobots, type RobotsRules, robotsFromFetch } from "../domain/crawl/robots.ts";
import { type FetchRules, fetchPage } from "./fetch-page.ts";

export const ROBOTS_TTL_MS = 24 * 3_600_000;
const MAX_BODY = 512 * 1024;

export interface RobotsVerdict {
  mode: "parsed" | "allow_all" | "disallow_all";
  rules: RobotsRules | null;
  reason?: string;
  fromCache: boolean;
}

/**
 * Reads robots.txt for one host (`acme.com`, `www.acme.com`, `jobs.acme.com`
 * each have their own) through the cache, whose `domain` column holds the host.
 */
export async function loadRobots(
  db: Database,
  domain: string,
  rules: FetchRules,
  now = new Date(),
): Promise<RobotsVerdict> {
  const [cached] = await db.select().from(robotsCache).where(eq(robotsCache.domain, domain)).limit(1);
  if (cached && now.getTime() - Date.parse(cached.fetched_at) < ROBOTS_TTL_MS) {
    return {
      mode: cached.mode,
      rules: cached.mode === "parsed" ? parseRobots(cached.body ?? "") : null,
      ...(cached.reason ? { reason: cached.reason } : {}),
      fromCache: true,
    };
  }
  // robots.txt itself is always allowed (RFC 9309 section 2.2.2), so its fetch asks no robots file.
  const { robots: _ignored, ...plainRules } = rules;
  const robotsRules: FetchRules = {
    ...plainRules,
    accept: /^(text\/plain|text\/html|application\/octet-stream)\b|^$/i,
    maxBytes: MAX_BODY,
  };
  let page = await fetchPage(`https://${domain}/robots.txt`, robotsRules);
  if (page.outcome === "network_error" || page.outcome === "timeout") {
    page = await fetchPage(`http://${domain}/robots.txt`, robotsRules);
  }
  const outcome =
    page.outcome === "ok" || page.outcome === "http_error" || page.outcome === "not_html"
      ? { status: page.status ?? 0, body: page.outcome === "ok" ? (page.body ?? "") : "" }
      : { error: page.detail ?? page.outcome };
  const verdict = robotsFromFetch(outcome);
  const row = {
    domain,
    fetched_at: now.toISOString(),
    mode: verdict.mode,
    http_status: page.status,
    body: verdict.mode === "parsed" ? (page.body ?? "").slice(0, MAX_BODY) : null,
    reason: verdict.reason ?? null,
  };
  await db.insert(robotsCache).values(row).onConflictDoUpdate({ target: robotsCache.domain, set: row });
  return {
    mode: verdict.mode,
    rules: verdict.rules,
    ...(verdict.reason ? { reason: verdict.reason } : {}),
    fromCache: false,
  };
}

/**
 * The robots.txt files of one crawl, one per host, each loaded once (through
 * the D1 cache) when a request first goes to that host.
 */
export class RobotsBook {
  private readonly loading = new Map<string, Promise<RobotsVerdict>>();
  private readonly loaded = new Map<string, RobotsVerdict>();

  constructor(
    private readonly db: Database,
    private readonly rules: FetchRules,
    private readonly userAgent: string,
    private readonly now: () => Date = () => new Date(),
    /** Called once per host with its verdict (the crawl logs it). */
    private readonly onLoad: (host: string, verdict: RobotsVerdict) => void = () => {},
  ) {}

  /** The verdict for a host, loading its robots.txt on first use. */
  verdictFor(host: string): Promise<RobotsVerdict> {
    const key = host.toLowerCase();
    let pending = this.loading.get(key);
    if (!pending) {
      pending = loadRobots(this.db, key, this.rules, this.now()).then((verdict) => {
        this.loaded.set(key, verdict);
        this.onLoad(key, verdict);
        return verdict;
      });
      this.loading.set(key, pending);
    }
    return pending;
  }

  /**
   * Whether `url` may be fetched, judged by the robots.txt already loaded for
   * its host; null when that host's file is not loaded yet.
   */
  knownAllowed(url: URL): boolean | null {
    const verdict = this.loaded.get(url.hostname.toLowerCase());
    return verdict ? isAllowedByRobots(verdict, this.userAgent, url.pathname + url.search) : null;
  }

  /** Why `url` must not be fetched (its host's robots.txt says so), or null when it may. */
  async refusal(url: URL): Promise<string | null> {
    const host = url.hostname.toLowerCase();
    const verdict = await this.verdictFor(host);
    if (isAllowedByRobots(verdict, this.userAgent, url.pathname + url.search)) return null;
    return verdict.mode === "disallow_all"
      ? `robots.txt of ${host} could not be read (${verdict.reason ?? "unavailable"}), so nothing there is fetched: ${url.href}`
      : `robots.txt of ${host} disallows ${url.href}`;
  }
}
