/**
 * URL normalisation for the crawl frontier: two links that lead to the same page should become
 * the same string, so the crawler never spends its page budget on a page twice. Only http(s)
 * URLs without credentials survive.
 */

/** Query parameters that only track the visitor and never change the page. */
const TRACKING_PARAMS = new Set([
  "gclid",
  "gbraid",
  "wbraid",
  "dclid",
  "fbclid",
  "msclkid",
  "mc_cid",
  "mc_eid",
  "_ga",
  "_gl",
  "_hsenc",
  "_hsmi",
  "ref",
  "yclid",
  "igshid",
]);

const INDEX_FILE = /\/index\.(?:html?|php)$/i;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Resolves `href` against `base` and normalises it for de-duplication. Returns null for anything
 * that must not be crawled: non-http(s) schemes (javascript:, mailto:, tel:, data:...), URLs with
 * credentials, and unparseable input.
 *
 * Normalisation: lowercase scheme and host (IDN to punycode), no default port, no fragment, no
 * tracking parameters (utm_*, gclid, fbclid, ...), remaining query parameters sorted, duplicate
 * slashes collapsed, no trailing slash (except "/"), no final "index.html"/"index.php", and
 * percent-encoding in canonical form (uppercase hex, unreserved characters decoded).
 *
 * @example normalizeUrl("../Team/?utm_source=x#top", "https://Acme.com/en/about/") // "https://acme.com/en/Team"
 */
export function normalizeUrl(href: string, base?: string): string | null {
  const spelled = siteUrl(href, base);
  if (spelled === null) return null;
  const url = new URL(spelled);

  const host = url.host.replace(/\.(?=:|$)/, "");
  return `${url.protocol}//${host}${normalizePath(url.pathname)}${normalizeQuery(url.search)}`;
}

/**
 * The absolute URL a link names, as the site spells it: resolved against `base` (which also
 * lowercases the host and percent-encodes what a URL must), without the fragment. Null for
 * anything that is not crawled: other schemes, credentials, unparseable input. What is fetched
 * and matched against robots.txt; `normalizeUrl` only deduplicates.
 */
export function siteUrl(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = base === undefined ? new URL(href.trim()) : new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username !== "" || url.password !== "" || url.hostname === "") return null;
  url.hash = "";
  return url.href;
}

function normalizePath(pathname: string): string {
  let path = normalizePercentEncoding(pathname).replace(/\/{2,}/g, "/");
  path = path.replace(INDEX_FILE, "/");
  if (path.length > 1 && path.endsWith("/")) path = path.slice(0, -1);
  return path === "" ? "/" : path;
}

function normalizeQuery(search: string): string {
  if (search.length <= 1) return "";
  const params = search
    .slice(1)
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const text = normalizePercentEncoding(part);
      const eq = text.indexOf("=");
      return { key: eq === -1 ? text : text.slice(0, eq), text };
    })
    .filter((param) => !isTrackingParam(param.key));
  if (params.length === 0) return "";
  params.sort((a, b) => compare(a.key, b.key) || compare(a.text, b.text));
  return `?${params.map((param) => param.text).join("&")}`;
}

function isTrackingParam(key: string): boolean {
  const name = safeDecode(key).toLowerCase();
  return name.startsWith("utm_") || TRACKING_PARAMS.has(name);
}

/** Uppercases percent-escapes and decodes the ones that stand for unreserved characters. */
function normalizePercentEncoding(text: string): string {
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => {
    const char = String.fromCharCode(Number.parseInt(hex, 16));
    return UNRESERVED.test(char) ? char : `%${hex.toUpperCase()}`;
  });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
