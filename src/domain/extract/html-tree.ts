/**
 * The parsed page and what the extractors read from it. htmlparser2 builds
 * a compact tree in one streaming pass (tolerant of broken markup; entities
 * decoded); walking, text and the regions no person is read from
 * (navigation, banners, footers, quotes). The lines a reader sees are in
 * html-lines.ts.
 */
import { decodeHTML, decodeHTMLAttribute } from "entities";
import { Parser } from "htmlparser2";

/** An element: lower-case tag name, decoded attribute values, children in document order. */
export interface Element {
  readonly type: "tag";
  readonly name: string;
  readonly attribs: Record<string, string>;
  readonly children: ChildNode[];
}

/** A run of text, entities decoded (except inside script and style). */
export interface Text {
  readonly type: "text";
  data: string;
}

export type ChildNode = Element | Text;

/** The parsed page: its top-level nodes. */
export interface Document {
  readonly type: "root";
  readonly children: ChildNode[];
}

export const blockTags: ReadonlySet<string> = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "br",
  "dd",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "li",
  "main",
  "nav",
  "ol",
  "p",
  "section",
  "table",
  "tbody",
  "td",
  "th",
  "thead",
  "tr",
  "ul",
  "legend",
  "label",
  "option",
  "button",
  "summary",
  "details",
]);
export const invisibleTags: ReadonlySet<string> = new Set([
  "script",
  "style",
  "template",
  "head",
  "svg",
  "iframe",
  "object",
  "select",
]);

/** Elements whose content is raw text: entities in them are not decoded. */
const rawTextTags = new Set(["script", "style", "xmp", "iframe", "noembed", "noframes", "plaintext"]);

/**
 * Parses HTML (any size the crawler allows) into a tree.
 *
 * htmlparser2 does the HTML part (implied end tags, void elements, foreign
 * content, broken markup); the tree is built here with only what the
 * extractors read, which is leaner than a full DOM. Entities are decoded here
 * too, only in the text and attribute values that hold an "&": the tokenizer
 * then skips ahead to the next "<" or quote instead of inspecting every
 * character, which together makes a large page parse about a third faster.
 * Comments, doctype and processing instructions are dropped.
 */
export function parseHtml(html: string): Document {
  const root: Document = { type: "root", children: [] };
  const open: (Document | Element)[] = [root];
  let parent: Document | Element = root;
  let lastText: Text | null = null;
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        for (const key in attribs) {
          const value = attribs[key]!;
          if (value.includes("&")) attribs[key] = decodeHTMLAttribute(value);
        }
        const element: Element = { type: "tag", name, attribs, children: [] };
        parent.children.push(element);
        open.push(element);
        parent = element;
        lastText = null;
      },
      onclosetag() {
        if (open.length > 1) open.pop();
        parent = open[open.length - 1]!;
        lastText = null;
      },
      ontext(raw) {
        const data =
          raw.includes("&") && !(parent.type === "tag" && rawTextTags.has(parent.name))
            ? decodeHTML(raw)
            : raw;
        if (lastText) lastText.data += data;
        else {
          lastText = { type: "text", data };
          parent.children.push(lastText);
        }
      },
    },
    { decodeEntities: false, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  return root;
}

export function isTag(node: ChildNode | Document): node is Element {
  return node.type === "tag";
}

export function isText(node: ChildNode | Document): node is Text {
  return node.type === "text";
}

/** All text under a node (visible or not, minus scripts/styles), concatenated. */
export function textContent(node: ChildNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node) || invisibleTags.has(node.name)) return "";
  let out = "";
  for (const child of node.children) out += textContent(child);
  return out;
}

/** Visits every element in document order; returning false from `visit` skips the element's subtree. */
export function walkElements(root: Document | Element, visit: (el: Element) => boolean | undefined): void {
  const stack: ChildNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    if (visit(node) === false) continue;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/** The element children of an element. */
export function elementChildren(el: Element | Document): Element[] {
  return el.children.filter(isTag);
}

/** Class list of an element. */
export function classesOf(el: Element): string[] {
  return (el.attribs.class ?? "").split(/\s+/).filter(Boolean);
}

const boilerplateId = /cookie|consent|gdpr|cmp-|onetrust|usercentrics|borlabs/i;
/** Consent state on the page, not a banner: the Cookie Notice plugin's `cookies-not-set` on <body>. */
const consentState = /^cookies?-(not-)?(set|accepted|refused|revoked?|declined)$/i;
/** The page's outer containers: a class there describes the page, never a banner or a quote. */
const pageContainers = new Set(["html", "body", "main"]);

/** Navigation, cookie banners and the like: no people are read from them. */
export function isBoilerplate(el: Element): boolean {
  if (el.name === "nav" || el.attribs.role === "navigation") return true;
  if (pageContainers.has(el.name)) return false;
  if (boilerplateId.test(el.attribs.id ?? "")) return true;
  const classes = el.attribs.class;
  // Most elements' classes name no banner: one test on the whole attribute, the tokens only then.
  if (!classes || !boilerplateId.test(classes)) return false;
  return classesOf(el).some((c) => boilerplateId.test(c) && !consentState.test(c));
}

/**
 * "testimonial", "review" or "quote" as a word of a class ("elementor-testimonial",
 * "customerReview", "blockquote"), never inside another word: one.com's "Preview_row" is no review.
 */
const testimonialClass =
  /(?:^|[^a-zA-Z])(?:testimonial|review|quote|Testimonial|Review|Quote|TESTIMONIAL)|[a-z](?:Testimonial|Review|Quote)|blockquote/;

/**
 * Customer quotes: a blockquote, a figure around one, or a block whose class says testimonial,
 * review or quote. The people quoted are customers, not the company's people.
 */
export function isTestimonial(el: Element): boolean {
  if (el.name === "blockquote" || el.name === "q") return true;
  if (el.name === "figure" && el.children.some((c) => isTag(c) && c.name === "blockquote")) return true;
  const classes = el.attribs.class;
  if (classes === undefined || !testimonialClass.test(classes) || pageContainers.has(el.name)) return false;
  // A style setting names the quote blocks it styles, not a quote: Squarespace's "tweak-quote-block-…".
  return classesOf(el).some((c) => testimonialClass.test(c) && !c.startsWith("tweak-"));
}

/** True for the page's footer (site-wide, repeated on every page). */
export function isFooter(el: Element): boolean {
  return el.name === "footer" || el.attribs.role === "contentinfo";
}
