/**
 * Colleagues quoted on a careers page: "I joined as the fourth engineer…" — Priyanka Desai,
 * Staff Engineer. Quotes are skipped everywhere else (they name customers); on a page about
 * working here, a quote signed with a name and a title alone, no company, is an employee's.
 */
import { isLikelyPersonName } from "../people/names.ts";
import { isLikelyAreaTitle, isLikelyTitleSlot } from "../taxonomy/titles.ts";
import { cleanName } from "./card-parts.ts";
import { visibleLines } from "./html-lines.ts";
import {
  type Document,
  type Element,
  elementChildren,
  isBoilerplate,
  isFooter,
  isTestimonial,
  walkElements,
} from "./html-tree.ts";
import type { FoundPerson } from "./types.ts";

/** A page about working at the company, by its path. */
const careersPath =
  /\/(?:careers?|jobs?|join(?:-us)?|work-with-us|karriere|jobs-und-karriere|stellen(?:angebote)?|carri[eè]res?|recrutement|empleo|trabaja-con-nosotros|vacatures|werken-bij|werkenbij)(?:[/.]|$)/i;

/** The quote's own text: the words the colleague said, not who they are. */
const isQuoteText = (el: Element) =>
  el.name === "blockquote" ||
  el.name === "q" ||
  /quote__text|quote-text|__quote\b/.test(el.attribs.class ?? "");

/** Employees quoted on a careers page, with their titles. */
export function careersQuotes(doc: Document, url: string): FoundPerson[] {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return [];
  }
  if (!careersPath.test(path)) return [];
  const found: FoundPerson[] = [];
  walkElements(doc, (el) => {
    if (isBoilerplate(el) || isFooter(el)) return false;
    // Bootstrap's quote signs inside the blockquote: <footer class="blockquote-footer">Name, Title</footer>.
    if (el.name === "blockquote") {
      const sign = elementChildren(el).find((c) => c.name === "footer" || c.name === "cite");
      const person = sign && signature(visibleLines(sign));
      if (person) found.push(person);
      return !person;
    }
    if (!isTestimonial(el) || el.name === "q") return true;
    const person = signature(visibleLines(el, (e) => isQuoteText(e) || isBoilerplate(e)));
    if (person) found.push(person);
    return false;
  });
  return found;
}

const elsewhere = /\s(?:at|bei|chez|bij|en|de)\s+\p{Lu}/u;

/**
 * "Name" over "Title" (or "— Name, Title"), and nothing else: a third part names a company, unless it
 * names a field of the title ("— Mei-Lin Tran, Staff Engineer, Platform").
 */
function signature(lines: readonly string[]): FoundPerson | null {
  const parts = lines
    .filter((l) => !/^[,;·|–—-]$/.test(l))
    .flatMap((l) => l.replace(/^[—–-]\s*/, "").split(/\s*,\s+|\s+[–—|]\s+/));
  if (parts.length === 3 && isLikelyAreaTitle(parts[2]!))
    parts.splice(1, 2, `${parts[1]!.trim()}, ${parts[2]!.trim()}`);
  if (parts.length !== 2) return null;
  const [name, title] = [cleanName(parts[0]!), parts[1]!.trim()];
  // "Head of Operations at Northwind": a title held elsewhere is a customer's or a partner's.
  if (!isLikelyPersonName(name) || !isLikelyTitleSlot(title) || elsewhere.test(title)) return null;
  return { name, title, email: null, source: "card", profiles: [] };
}
