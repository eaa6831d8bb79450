/**
 * robots.txt per RFC 9309: parse a (possibly messy) file into groups of rules, decide whether a
 * path may be crawled by our product token, and turn a robots.txt fetch outcome into a crawl
 * decision. Parsing is forgiving the way large crawlers are: BOM, CRLF, comments, unknown
 * directives, common misspellings and missing colons are all tolerated. Pattern matching itself
 * lives in robots-pattern.ts.
 */
import { isRobotsTxtPath, matchesPattern, toPathUnits, toPatternUnits } from "./robots-pattern.ts";

export interface RobotsRules {
  groups: { agents: string[]; rules: { allow: boolean; path: string }[] }[];
  sitemaps: string[];
}

/** What the crawler does with a robots.txt fetch: obey parsed rules, or allow / refuse everything. */
export interface RobotsDecision {
  rules: RobotsRules | null;
  mode: "parsed" | "allow_all" | "disallow_all";
  reason?: string;
}

/** RFC 9309 asks crawlers to parse at least 500 KiB; we parse exactly that much. */
export const MAX_ROBOTS_BYTES = 500 * 1024;

type Directive = "user-agent" | "allow" | "disallow" | "sitemap";

const DIRECTIVES: Record<string, Directive> = {
  "user-agent": "user-agent",
  useragent: "user-agent",
  "user agent": "user-agent",
  allow: "allow",
  disallow: "disallow",
  dissallow: "disallow",
  dissalow: "disallow",
  disalow: "disallow",
  disallaw: "disallow",
  sitemap: "sitemap",
  "site-map": "sitemap",
};

type Group = RobotsRules["groups"][number];

/** Parses robots.txt text into user-agent groups and sitemap URLs. Never throws. */
export function parseRobots(text: string): RobotsRules {
  const groups: Group[] = [];
  const sitemaps: string[] = [];
  let current: Group | null = null;

  for (const line of capToLimit(text)
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)) {
    const entry = parseLine(line);
    if (!entry) continue;
    const { directive, value } = entry;
    if (directive === "sitemap") {
      if (value !== "") sitemaps.push(value);
    } else if (directive === "user-agent") {
      const agent = productToken(value);
      // Consecutive user-agent lines (no rule between them) share one group.
      if (current === null || current.rules.length > 0) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      if (agent !== "") current.agents.push(agent);
    } else if (current !== null && value !== "") {
      // An empty Allow/Disallow matches nothing, so "Disallow:" allows everything.
      // Paths must start with "/"; "Disallow: private/" evidently means "/private/".
      const path = value.startsWith("/") || value.startsWith("*") ? value : `/${value}`;
      current.rules.push({ allow: directive === "allow", path });
    }
  }
  return { groups: groups.filter((group) => group.agents.length > 0), sitemaps };
}

/**
 * RFC 9309 matching. The group is chosen by the crawler's product token (the user-agent name
 * without version, matched case-insensitively; all groups naming it are merged); else the "*"
 * groups; else everything is allowed. Within the group the longest matching rule wins and Allow
 * wins ties. "*" matches any run of characters, a final "$" anchors the end, and
 * percent-encoding is compared in normalised form. "/robots.txt" is always allowed.
 */
export function isPathAllowed(rules: RobotsRules, userAgent: string, pathWithQuery: string): boolean {
  const target = toPathUnits(pathWithQuery === "" ? "/" : pathWithQuery);
  if (isRobotsTxtPath(target)) return true;

  const token = productToken(userAgent);
  let selected = rules.groups.filter((group) => token !== "" && group.agents.includes(token));
  if (selected.length === 0) selected = rules.groups.filter((group) => group.agents.includes("*"));

  let best: { allow: boolean; length: number } | null = null;
  for (const group of selected) {
    for (const rule of group.rules) {
      const pattern = compiledPattern(rule);
      if (!matchesPattern(target, pattern)) continue;
      if (best === null || pattern.length > best.length || (pattern.length === best.length && rule.allow)) {
        best = { allow: rule.allow, length: pattern.length };
      }
    }
  }
  return best === null || best.allow;
}

/**
 * What the crawler does with a robots.txt fetch outcome (after following redirects): 2xx means
 * obey the parsed file; 4xx (including 404) and a 3xx left over from too many redirects mean
 * "unavailable", so allow everything; 429, 5xx, other statuses and network errors mean disallow
 * everything, with a reason the domain reports.
 */
export function robotsFromFetch(
  outcome: { status: number; body?: string } | { error: string },
): RobotsDecision {
  if ("error" in outcome) {
    return { rules: null, mode: "disallow_all", reason: `robots.txt could not be fetched: ${outcome.error}` };
  }
  const { status } = outcome;
  if (status >= 200 && status < 300) return { rules: parseRobots(outcome.body ?? ""), mode: "parsed" };
  if (status >= 300 && status < 400) {
    // The fetcher follows redirects; a 3xx here means it gave up, which RFC 9309 treats as unavailable.
    return {
      rules: null,
      mode: "allow_all",
      reason: `robots.txt kept redirecting (${status}); treated as absent`,
    };
  }
  if (status === 429) {
    return { rules: null, mode: "disallow_all", reason: "robots.txt answered 429 Too Many Requests" };
  }
  if (status >= 400 && status < 500) {
    return { rules: null, mode: "allow_all", reason: `robots.txt answered ${status}; no restrictions apply` };
  }
  if (status >= 500 && status < 600) {
    return { rules: null, mode: "disallow_all", reason: `robots.txt answered ${status} (server error)` };
  }
  return { rules: null, mode: "disallow_all", reason: `robots.txt answered unexpected status ${status}` };
}

/** Applies a {@link RobotsDecision} to one path: the one place that interprets `mode`. */
export function isAllowedByRobots(
  decision: RobotsDecision,
  userAgent: string,
  pathWithQuery: string,
): boolean {
  if (decision.mode === "allow_all") return true;
  if (decision.mode === "disallow_all" || decision.rules === null) return false;
  return isPathAllowed(decision.rules, userAgent, pathWithQuery);
}

// Rules are checked once per URL; compile each rule's pattern only once.
const compiledPatterns = new WeakMap<object, string[]>();

function compiledPattern(rule: { path: string }): string[] {
  let pattern = compiledPatterns.get(rule);
  if (!pattern) {
    pattern = toPatternUnits(rule.path);
    compiledPatterns.set(rule, pattern);
  }
  return pattern;
}

function parseLine(line: string): { directive: Directive; value: string } | null {
  const hash = line.indexOf("#");
  const content = (hash === -1 ? line : line.slice(0, hash)).trim();
  if (content === "") return null;
  const colon = content.indexOf(":");
  let key: string;
  let value: string;
  if (colon !== -1) {
    key = content.slice(0, colon);
    value = content.slice(colon + 1);
  } else {
    // Tolerate a missing colon: "Disallow /private".
    const match = /^(\S+)\s+(.*)$/.exec(content);
    if (!match) return null;
    key = match[1] ?? "";
    value = match[2] ?? "";
  }
  const directive = DIRECTIVES[key.trim().toLowerCase().replace(/\s+/g, " ")];
  return directive ? { directive, value: value.trim() } : null;
}

/** "ProspectorBot/1.0 (+https://...)" -> "prospectorbot"; "*" stays "*". */
function productToken(value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith("*")) return "*";
  return (/^[A-Za-z_-]+/.exec(trimmed)?.[0] ?? "").toLowerCase();
}

function capToLimit(text: string): string {
  // A UTF-16 code unit is at most 3 UTF-8 bytes, so short strings need no encoding pass.
  if (text.length * 3 <= MAX_ROBOTS_BYTES) return text;
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= MAX_ROBOTS_BYTES) return text;
  const kept = new TextDecoder().decode(bytes.subarray(0, MAX_ROBOTS_BYTES));
  // Drop the cut-off last line: a truncated rule could mean something else entirely.
  const lastBreak = Math.max(kept.lastIndexOf("\n"), kept.lastIndexOf("\r"));
  return lastBreak === -1 ? "" : kept.slice(0, lastBreak);
}
