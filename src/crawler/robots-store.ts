/**
 * robots.txt for a domain: from the D1 cache when fetched less than 24 h
 * ago, else fetched (https, then http) and stored. The outcome follows RFC
 * 9309: parsed rules on 2xx, allow-all on 4xx, disallow-all on 5xx or a
 * network failure (and the domain reports why).
 */
import { eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { robotsCache } from "../db/schema.ts";
import { parseRobots, type RobotsRules, robotsFromFetch } from "../domain/crawl/robots.ts";
import { type FetchRules, fetchPage } from "./fetch-page.ts";

export const ROBOTS_TTL_MS = 24 * 3_600_000;
const MAX_BODY = 512 * 1024;

export interface RobotsVerdict {
  mode: "parsed" | "allow_all" | "disallow_all";
  rules: RobotsRules | null;
  reason?: string;
  fromCache: boolean;
}

/** Reads robots.txt for `domain` through the cache. */
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
  const robotsRules: FetchRules = {
    ...rules,
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
