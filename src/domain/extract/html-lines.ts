/**
 * The lines a reader sees: `visibleLines` turns a subtree into them. Block
 * elements and <br> break lines (and inline elements a theme shows as lines
 * of their own), scripts/styles/comments are skipped, icons and images
 * between texts are gaps, and text shown reversed by CSS (`direction: rtl;
 * unicode-bidi: bidi-override`) or `<bdo dir="rtl">` is reversed back.
 */
import {
  blockTags,
  type ChildNode,
  type Document,
  type Element,
  invisibleTags,
  isTag,
  isText,
  textContent,
} from "./html-tree.ts";

/**
 * Inline elements that a theme's CSS shows as lines of their own: a person's
 * fields in spans side by side (Avada's `<span class="person-name">` then
 * `<span class="person-title">`, with nothing between them). Read inline they
 * would run together ("Gregory HalvorsenPresident"); Porto's `thumb-info-inner` (the name) and
 * `thumb-info-type` (the title) in one `thumb-info-title` span, its `thumb-info-caption-text` after.
 */
const fieldClass =
  /(?:^|[\s_-])(?:name|title|position|role|job|jobtitle|designation|function|funktion|fonction|functie|cargo|puesto|occupation|subtitle|type|inner|caption|desc|description|bio)(?:$|[\s_-])/i;

/** Carrd writes each paragraph as `<span class="p">`: a line of its own ("…herself." then "maya (at) …"). */
const paragraphClass = /(?:^|\s)p(?:\s|$)/;

/** True when an element's text is displayed right-to-left reversed (so the source holds it backwards). */
export function isReversedForDisplay(el: Element): boolean {
  if (el.name === "bdo" && (el.attribs.dir ?? "").toLowerCase() === "rtl") return true;
  const style = (el.attribs.style ?? "").toLowerCase().replace(/\s+/g, "");
  return style.includes("unicode-bidi:bidi-override") && style.includes("direction:rtl");
}

/** The visible text lines of a subtree, whitespace collapsed, empty lines dropped, skipped regions left out. */
export function visibleLines(
  node: ChildNode | Document,
  skip: (el: Element) => boolean = () => false,
): string[] {
  const { lines, skipped } = indexLines(node, skip);
  return lines.filter((_, i) => !skipped[i]);
}

/**
 * The page's visible lines computed once: every line, whether it lies in a
 * skipped region (navigation, cookie banners, footer), and for each block
 * element the range of lines it holds. Block elements start and end lines,
 * so a block's range is exactly its own visibleLines.
 */
export interface LineIndex {
  lines: string[];
  skipped: boolean[];
  ranges: Map<Element, readonly [number, number]>;
}

/** Icon fonts' empty elements (`<i class="fa fa-envelope">`, `the7-mw-icon-phone`, `dashicons-…`). */
const iconClass = /(?:^|[\s_-])(?:fa[srlbd]?|icon|icons|glyphicon|dashicons|bi|material-icons)(?:$|[\s_-])/i;

/** Whitespace other than single spaces: a line holding any is collapsed. */
const needsCollapse = /[^\S ]| {2}/;

/**
 * The non-blank text right after child `i` of `parent` (same line, before any
 * other element), or "" when an element or nothing follows.
 */
function textAfter(parent: Element, i: number): string {
  for (let j = i + 1; j < parent.children.length; j++) {
    const next = parent.children[j]!;
    if (!isText(next)) return "";
    const text = next.data.trim();
    if (text) return text;
  }
  return "";
}

/**
 * `ownLine(el, after)` lets an inline element that starts a line end it, when
 * text follows it on that line: a Joomla contact list's `<a>Name</a> Title`.
 */
export function indexLines(
  root: Document | ChildNode,
  skip: (el: Element) => boolean,
  ownLine: (el: Element, after: string) => boolean = () => false,
): LineIndex {
  const lines: string[] = [];
  const skipped: boolean[] = [];
  const ranges = new Map<Element, readonly [number, number]>();
  let current = "";
  let skipDepth = 0;
  const flush = () => {
    if (current.length === 0) return;
    let line = current.trim();
    current = "";
    if (line.length === 0) return;
    // Most lines need no collapsing; testing first avoids rebuilding them.
    if (needsCollapse.test(line)) line = line.replace(/\s+/g, " ");
    lines.push(line);
    skipped.push(skipDepth > 0);
  };
  const walk = (n: ChildNode) => {
    if (isText(n)) {
      current += n.data;
      return;
    }
    if (!isTag(n)) return;
    // An icon or image between two texts shows as a gap ("54-0" [icon] "info@…" [icon] "Mo–Fr").
    if (
      n.name === "img" ||
      n.name === "svg" ||
      (n.children.length === 0 && iconClass.test(n.attribs.class ?? ""))
    ) {
      current += " ";
      return;
    }
    if (invisibleTags.has(n.name)) return;
    if ((n.name === "bdo" || n.attribs.style) && isReversedForDisplay(n)) {
      current += [...textContent(n)].reverse().join("");
      return;
    }
    const skipping = skip(n);
    if (skipping) {
      flush();
      skipDepth += 1;
    }
    const classes = n.attribs.class;
    const block =
      blockTags.has(n.name) ||
      (classes !== undefined && (fieldClass.test(classes) || paragraphClass.test(classes)));
    if (block) flush();
    const start = lines.length;
    for (let i = 0; i < n.children.length; i++) {
      const child = n.children[i]!;
      // An inline element with nothing before it on the line (tested before it adds its text).
      const opensLine = isTag(child) && !blockTags.has(child.name) && !/\S/.test(current);
      walk(child);
      if (!opensLine) continue;
      const after = textAfter(n, i);
      if (after && ownLine(child as Element, after)) flush();
    }
    if (block) {
      flush();
      ranges.set(n, [start, lines.length]);
    }
    if (skipping) {
      flush();
      skipDepth -= 1;
    }
  };
  if (root.type === "root") for (const child of root.children) walk(child);
  else walk(root);
  flush();
  return { lines, skipped, ranges };
}
