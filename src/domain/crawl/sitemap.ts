/**
 * Reads the page and child-sitemap URLs out of a sitemap (sitemaps.org): a <urlset>, a
 * <sitemapindex>, or the plain-text variant with one URL per line. The format is small and well
 * defined, so a linear scan with bounded regular expressions replaces an XML library; extension
 * elements such as <image:loc> are told apart from the sitemap's own <loc> by their prefix.
 */

/** At most this many page URLs and this many child sitemaps are returned. */
export const MAX_SITEMAP_URLS = 5000;

// Opening <url>/<sitemap> entries (any namespace prefix) and <loc> elements whose content is
// plain text or CDATA. Every quantifier stops at the next "<" and no two of them compete for
// the same characters, so the scan stays linear even on hostile input.
const TOKEN =
  /<([\w.-]+:)?(url|sitemap)(?=[\s>/])[^<>]*>|<([\w.-]+:)?loc\s*>([^<]*)(?:<!\[CDATA\[([^<]*?)\]\]>[^<]*)?<\/(?:[\w.-]+:)?loc\s*>/gi;
const ROOT = /<([\w.-]+:)?(urlset|sitemapindex)[\s>]/i;

/**
 * URLs from a sitemap or sitemap index: `urls` are pages (from <url><loc>), `sitemaps` are child
 * sitemaps (from <sitemap><loc>). Only absolute http(s) URLs are kept, de-duplicated, in document
 * order, at most {@link MAX_SITEMAP_URLS} of each. XML entities are decoded; comments, CDATA,
 * namespaces and whitespace are tolerated. Never throws.
 */
export function parseSitemap(xml: string): { urls: string[]; sitemaps: string[] } {
  const text = stripComments(xml.replace(/^\uFEFF/, ""));
  const urls = new Set<string>();
  const sitemaps = new Set<string>();
  if (!text.trimStart().startsWith("<")) {
    for (const line of text.split(/\r\n|\r|\n/)) addUrl(urls, line);
    return { urls: [...urls], sitemaps: [] };
  }

  const root = ROOT.exec(text);
  const rootPrefix = (root?.[1] ?? "").toLowerCase();
  const rootKind = root?.[2]?.toLowerCase() === "sitemapindex" ? "sitemap" : "url";
  let entry: { prefix: string; kind: string; taken: boolean } | null = null;

  for (const match of text.matchAll(TOKEN)) {
    const [, entryPrefix, entryKind, locPrefix, plain, cdata] = match;
    if (entryKind !== undefined) {
      entry = { prefix: (entryPrefix ?? "").toLowerCase(), kind: entryKind.toLowerCase(), taken: false };
      continue;
    }
    // A <loc> belongs to the entry when it shares the entry's namespace prefix; <image:loc> and
    // friends inside a <url> do not. A loc outside any entry falls back to the document type.
    const prefix = (locPrefix ?? "").toLowerCase();
    const owner = entry && !entry.taken ? entry : { prefix: rootPrefix, kind: rootKind, taken: false };
    if (prefix !== owner.prefix) continue;
    owner.taken = true;
    const target = owner.kind === "sitemap" ? sitemaps : urls;
    addUrl(target, decodeEntities(cdata ?? plain ?? ""));
  }
  return { urls: [...urls], sitemaps: [...sitemaps] };
}

/** Removes XML comments with plain index scans (an unclosed comment hides the rest). */
function stripComments(text: string): string {
  let out = "";
  let from = 0;
  for (let open = text.indexOf("<!--"); open !== -1; open = text.indexOf("<!--", from)) {
    out += text.slice(from, open);
    const close = text.indexOf("-->", open + 4);
    if (close === -1) return out;
    from = close + 3;
  }
  return out + text.slice(from);
}

function addUrl(target: Set<string>, raw: string): void {
  if (target.size >= MAX_SITEMAP_URLS) return;
  const candidate = raw.trim();
  if (!/^https?:\/\//i.test(candidate)) return;
  try {
    target.add(new URL(candidate).href);
  } catch {
    // Not a URL; sitemaps in the wild contain all sorts of text.
  }
}

const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric character references. */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}
