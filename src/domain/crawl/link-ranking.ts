/**
 * How promising a link is for finding people and their emails, from its URL path and anchor
 * text, in English, German, French, Spanish, Dutch (and the commonest Italian and Portuguese
 * words). Team, contact and imprint pages come first; about/company pages next; careers, press
 * and locations in the middle; blog posts, products and legal boilerplate last; assets never.
 */
import { LINK_CATEGORIES, type LinkCategory } from "./link-vocabulary.ts";

/** Scores at or above this mean "a people, contact or imprint page" (used for sitemap hints). */
export const PEOPLE_PAGE_SCORE = 60;

const UNKNOWN_PAGE_SCORE = 10;
const HOME_PAGE_SCORE = 40;
const ANCHOR_AGREES_BONUS = 5;
// A blog post or product page that mentions the team is worth a little more, never a lot.
const INSIDE_LOW_SECTION_BONUS = 15;
const QUERY_PENALTY = 3;
const MAX_DEPTH_PENALTY = 5;

const ASSET_EXTENSION =
  /\.(?:pdf|jpe?g|png|gif|svg|webp|avif|bmp|tiff?|ico|zip|gz|tgz|tar|rar|7z|bz2|css|js|mjs|map|json|xml|rss|atom|txt|csv|mp3|mp4|m4a|m4v|mov|avi|wmv|webm|ogg|wav|flac|woff2?|ttf|otf|eot|docx?|xlsx?|pptx?|odt|ods|exe|dmg|msi|apk|iso|bin)$/;

type Match = { score: number; low: boolean };

/**
 * Priority of a link for finding people and emails; higher is better, `-Infinity` means never
 * fetch (images, documents, scripts and other assets). The path decides most of it, but a link
 * whose anchor text says "Team" or "Kontakt" ranks high even at an opaque URL. Deterministic.
 *
 * @example scoreLink("https://acme.de/ueber-uns/team") > scoreLink("https://acme.de/blog/2024/launch")
 */
export function scoreLink(url: string, anchorText?: string): number {
  let parsed: URL;
  try {
    parsed = new URL(url, "https://link.invalid/");
  } catch {
    return Number.NEGATIVE_INFINITY;
  }
  const segments = parsed.pathname
    .split("/")
    .filter((segment) => segment !== "")
    .map(safeDecode);
  const last = segments.at(-1)?.toLowerCase() ?? "";
  if (ASSET_EXTENSION.test(last)) return Number.NEGATIVE_INFINITY;

  const pathScore = scorePath(segments);
  const anchor = anchorText ? bestMatch(anchorText) : null;
  const queryPenalty = parsed.search.length > 1 ? QUERY_PENALTY : 0;
  const depthPenalty = Math.min(Math.max(segments.length - 1, 0), MAX_DEPTH_PENALTY);
  return combine(pathScore, anchor) - queryPenalty - depthPenalty;
}

type PathScore = { score: number; matched: boolean };

/** The best segment wins, unless it sits below a low section such as /blog/ or /products/. */
function scorePath(segments: string[]): PathScore {
  if (segments.length === 0) return { score: HOME_PAGE_SCORE, matched: true };
  let best: Match | null = null;
  let lowSection: Match | null = null;
  for (const segment of segments) {
    const match = bestMatch(segment);
    if (!match) continue;
    if (lowSection === null && match.low) lowSection = match;
    if (best === null || match.score > best.score) best = match;
  }
  if (best === null) return { score: UNKNOWN_PAGE_SCORE, matched: false };
  if (lowSection !== null && best !== lowSection) {
    return { score: Math.min(best.score, lowSection.score + INSIDE_LOW_SECTION_BONUS), matched: true };
  }
  return { score: best.score, matched: true };
}

function combine(path: PathScore, anchor: Match | null): number {
  if (anchor === null) return path.score;
  if (!path.matched) return Math.max(path.score, anchor.score);
  if (anchor.score >= PEOPLE_PAGE_SCORE && path.score >= PEOPLE_PAGE_SCORE) {
    return Math.max(path.score, anchor.score) + ANCHOR_AGREES_BONUS;
  }
  // A descriptive path is more reliable than anchor text, which is often a menu label or an icon.
  return path.score;
}

/** The highest-scoring category whose keyword or phrase occurs in `text` as whole words. */
function bestMatch(text: string): Match | null {
  const words = ` ${toWords(text)} `;
  const joined = words.replace(/ /g, "");
  let best: LinkCategory | null = null;
  for (const category of LINK_CATEGORIES) {
    if (best !== null && category.score <= best.score) continue;
    const hit = category.keywords.some(
      (keyword) =>
        words.includes(` ${keyword} `) || (keyword.includes(" ") && joined === keyword.replace(/ /g, "")),
    );
    if (hit) best = category;
  }
  return best ? { score: best.score, low: best.score < UNKNOWN_PAGE_SCORE } : null;
}

/** Lowercase ASCII words: accents folded ("über" -> "uber"), "ß" -> "ss", file extensions dropped. */
function toWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/\.(?:html?|php|aspx?|jsp|cfm)$/, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
