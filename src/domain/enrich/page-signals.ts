/**
 * What enrichment reads from a page, collected in one walk of the parsed
 * tree (the extractor's htmlparser2 tree): script and stylesheet URLs, meta
 * tags, JSON-LD blocks, outbound links, and a bounded slice of the raw HTML
 * for the few technologies only recognisable by markup.
 */
import { parseHtml, textContent, walkElements } from "../extract/html-tree.ts";

export interface PageSignals {
  url: string;
  /** `src` of every <script>, absolute where it parses. */
  scripts: string[];
  /** `href` of <link> elements (stylesheets, preconnects). */
  links: string[];
  /** Meta tags by lowercased `name` or `property` (the first of each). */
  meta: Record<string, string>;
  /** Parsed JSON-LD blocks (unparseable ones skipped). */
  jsonLd: unknown[];
  /** `href` of <a> elements. */
  anchors: string[];
  /** Inline script text, then the raw HTML, capped: what the HTML markers are matched against. */
  markup: string;
}

/** HTML markers are matched against at most this much of a page (markers sit in the head and inline scripts). */
export const MARKUP_LIMIT = 256 * 1024;

const absolute = (href: string, base: string) =>
  URL.canParse(href, base) ? new URL(href, base).toString() : href;

export function pageSignals(html: string, url: string): PageSignals {
  const doc = parseHtml(html);
  const signals: PageSignals = { url, scripts: [], links: [], meta: {}, jsonLd: [], anchors: [], markup: "" };
  let inline = "";
  walkElements(doc, (el) => {
    const a = el.attribs;
    if (el.name === "script") {
      if (a.src) signals.scripts.push(absolute(a.src, url));
      const body = el.children.map((c) => ("data" in c ? String(c.data) : "")).join("");
      if ((a.type ?? "").toLowerCase() === "application/ld+json") {
        try {
          signals.jsonLd.push(JSON.parse(body));
        } catch {
          // Broken JSON-LD is common; the page's other signals still count.
        }
      } else if (inline.length < MARKUP_LIMIT / 2) inline += `${body.slice(0, 16_384)}\n`;
      return false;
    }
    if (el.name === "link" && a.href) signals.links.push(absolute(a.href, url));
    else if (el.name === "a" && a.href) signals.anchors.push(a.href);
    else if (el.name === "meta" && a.content !== undefined) {
      const key = (a.name ?? a.property ?? a["http-equiv"] ?? "").toLowerCase();
      if (key && !(key in signals.meta)) signals.meta[key] = a.content.trim();
    } else if (el.name === "title" && !("title" in signals.meta)) {
      signals.meta.title = textContent(el).trim();
    }
    return true;
  });
  signals.markup = `${inline}\n${html.slice(0, MARKUP_LIMIT)}`;
  return signals;
}
