/**
 * People from the page's layout: team-page cards (repeated sibling blocks
 * that each hold a name and usually a title line), table rows, and text
 * lines shaped "Name – Title", "Name, Title" or "Title: Name" (impressum
 * style). Navigation, cookie banners and the site footer are skipped.
 */

import { isLikelyPersonName } from "../people/names.ts";
import { isLikelyTitle } from "../taxonomy/titles.ts";
import { emailFromMailto, findEmailsInText } from "./email-text.ts";
import {
  classesOf,
  type Document,
  type Element,
  elementChildren,
  isBoilerplate,
  isFooter,
  type LineIndex,
  visibleLines,
  walkElements,
} from "./html-tree.ts";
import type { FoundPerson } from "./types.ts";

/** Navigation, cookie banners and the site footer: no people are read from them. */
export const skipRegion = (el: Element) => isBoilerplate(el) || isFooter(el);

/** A card's lines: from the page's line index when the card is a block element, else computed. */
function cardLines(card: Element, index: LineIndex | undefined): string[] {
  const range = index?.ranges.get(card);
  if (!range) return visibleLines(card, skipRegion);
  const out: string[] = [];
  for (let i = range[0]; i < range[1]; i++) if (!index!.skipped[i]) out.push(index!.lines[i]!);
  return out;
}

/** Strips honorifics the name check may not expect and trailing punctuation. */
function cleanName(line: string): string {
  return line.replace(/[,;:|•·]+$/, "").trim();
}

const volatileClass = /\d|^(active|first|last|odd|even)$/;

/** Tag and stable classes: siblings of one card grid share it. */
function signature(el: Element): string {
  const raw = el.attribs.class;
  if (!raw) return el.name;
  const classes = classesOf(el).filter((c) => !volatileClass.test(c));
  return classes.length === 0 ? el.name : `${el.name}.${classes.sort().join(".")}`;
}

/** Name, title and email of one card, from its visible lines and links. */
/** Cheap test before the name check: names have no digits, "@", ":" or "/", and are short. */
const cannotBeName = /[\d@:/|]/;
const profileLink = /linkedin\.com\/in\/|xing\.com\/profile/i;

function readCard(card: Element, next: Element | undefined, index?: LineIndex): FoundPerson | null {
  const lines = cardLines(card, index);
  const nameAt = lines.findIndex(
    (l) => l.length <= 60 && !cannotBeName.test(l) && isLikelyPersonName(cleanName(l)),
  );
  if (nameAt < 0) return null;
  const name = cleanName(lines[nameAt]!);
  const near = [lines[nameAt + 1], lines[nameAt + 2], lines[nameAt - 1]];
  let title = near.find((l): l is string => !!l && l.length <= 100 && isLikelyTitle(l)) ?? null;
  if (!title && next && lines.length <= 2) {
    const first = cardLines(next, index)[0];
    if (first && isLikelyTitle(first)) title = first;
  }
  let email: string | null = null;
  const profiles: string[] = [];
  walkElements(card, (el) => {
    const href = el.name === "a" ? el.attribs.href : undefined;
    if (!href) return true;
    if (!email && /^mailto:/i.test(href)) email = emailFromMailto(href);
    else if (profileLink.test(href)) profiles.push(href);
    return true;
  });
  if (!email) email = lines.flatMap((l) => findEmailsInText(l))[0]?.email ?? null;
  return { name, title, email, source: card.name === "tr" ? "table" : "card", profiles };
}

/** People shown as repeated cards or table rows. */
export function cardPeople(doc: Document, index?: LineIndex): FoundPerson[] {
  const found: FoundPerson[] = [];
  const consumed = new Set<Element>();
  walkElements(doc, (parent) => {
    if (skipRegion(parent)) return false;
    if (consumed.has(parent)) return false;
    const children = elementChildren(parent);
    if (children.length < 2) return true;
    const groups = new Map<string, Element[]>();
    const nextOf = new Map<Element, Element | undefined>();
    for (const [i, child] of children.entries()) {
      const key = signature(child);
      const group = groups.get(key);
      if (group) group.push(child);
      else groups.set(key, [child]);
      nextOf.set(child, children[i + 1]);
    }
    for (const members of groups.values()) {
      if (members.length < 2) continue;
      const people = members.map((m) => readCard(m, nextOf.get(m), index));
      const named = people.filter((p): p is FoundPerson => p !== null);
      // A real card grid: most members are people, and titles appear on some of them.
      if (named.length < 2 || named.length < members.length * 0.5 || !named.some((p) => p.title)) continue;
      for (const [i, person] of people.entries()) {
        if (!person) continue;
        found.push(person);
        // A card that yielded a person is not read again as a container of cards.
        consumed.add(members[i]!);
      }
    }
    return true;
  });
  return found;
}

const dash = /^(.{3,60}?)\s+[–—-]\s+(.{2,100})$/;
const comma = /^(.{3,60}?),\s+(.{2,100})$/;
const colon = /^(.{2,80}?)\s*:\s*(.{3,200})$/;

/** People named on text lines: "Name – Title", "Name, Title", "Title: Name[, Name]". */
export function linePeople(
  doc: Document,
  alreadyFound: ReadonlySet<string>,
  index?: LineIndex,
): FoundPerson[] {
  const found: FoundPerson[] = [];
  const seen = new Set(alreadyFound);
  const add = (name: string, title: string | null) => {
    const clean = cleanName(name);
    if (seen.has(clean.toLowerCase())) return;
    seen.add(clean.toLowerCase());
    found.push({ name: clean, title, email: null, source: "line", profiles: [] });
  };
  const lines = index ? index.lines.filter((_, i) => !index.skipped[i]) : visibleLines(doc, skipRegion);
  for (const line of lines) {
    if (line.length > 220) continue;
    const d = dash.exec(line) ?? comma.exec(line);
    if (d && isLikelyPersonName(cleanName(d[1]!)) && isLikelyTitle(d[2]!)) {
      add(d[1]!, d[2]!.trim());
      continue;
    }
    // "Media contact: Rebecca Hughes, Communications Manager, rebecca@…, (253) 555-0188"
    if (!/[,;:|]\s|\s[–—-]\s/.test(line)) continue;
    const segments = line.split(/\s*[,;:|]\s+|\s+[–—-]\s+/).map((x) => x.trim());
    let paired = false;
    for (let i = 0; i + 1 < segments.length; i++) {
      if (isLikelyPersonName(cleanName(segments[i]!)) && isLikelyTitle(segments[i + 1]!)) {
        add(segments[i]!, segments[i + 1]!);
        paired = true;
      }
    }
    if (paired) continue;
    const c = colon.exec(line);
    if (c && isLikelyTitle(c[1]!)) {
      const names = c[2]!.split(/\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\ben\b|&)\s*/);
      const people = names.filter((n) => isLikelyPersonName(cleanName(n)));
      if (people.length > 0 && people.length === names.filter(Boolean).length) {
        for (const n of people) add(n, c[1]!.trim());
      }
    }
  }
  return found;
}
