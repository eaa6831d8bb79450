/**
 * People from the page's layout: team-page cards (repeated sibling blocks
 * that each hold a name and usually a title line), table rows and
 * definition-list entries. A block holding several named people is a
 * container of cards, never one card. Navigation, cookie banners, the site
 * footer and testimonials are skipped.
 */

import { templateNames } from "../people/non-name-phrases.ts";
import {
  cardLines,
  imageName,
  isFieldLine,
  isLikelyName,
  isNameLine,
  isNameOnly,
  isSlotCandidate,
  isTitleLine,
  isTitleSlotLine,
  repeatedWithTitle,
  skipRegion,
} from "./card-lines.ts";
import { cleanName, isPlaceholderTitle, signature, wrappedSignatures } from "./card-parts.ts";
import { decodeCloudflareEmail } from "./cfemail.ts";
import { emailFromMailto, findEmailsInText } from "./email-text.ts";
import type { LineIndex } from "./html-lines.ts";
import { type Document, type Element, elementChildren, walkElements } from "./html-tree.ts";
import { flatPeople } from "./people-positioned.ts";
import { bioRole } from "./people-prose.ts";
import { isContactField } from "./title-parts.ts";
import type { FoundPerson } from "./types.ts";

export { skipRegion };

const profileLink = /linkedin\.com\/in\/|xing\.com\/profile/i;

/** A block that names several people, each with a title line under the name: a container of cards. */
const SEVERAL = "several";

/**
 * One card as read. `slot` is the short line in the title's place (right under the name, or the
 * next sibling's first line) when the lexicon did not know it: a title only if the card's grid
 * says so.
 */
interface Card {
  person: FoundPerson;
  slot: string | null;
  nameFirst: boolean;
  /** The line right under the name, where most grids put the title. */
  under: string | null;
  /** The line right above the name, where some grids put it (an eyebrow title). */
  above: string | null;
}

/** The title-shaped line under the name, else the one above it (an eyebrow title). */
function slotOf(lines: readonly string[], nameAt: number): string | null {
  if (isSlotCandidate(lines[nameAt + 1])) return lines[nameAt + 1]!;
  return nameAt > 0 && isSlotCandidate(lines[nameAt - 1]) ? lines[nameAt - 1]! : null;
}

/**
 * Name, title and email of one card, from its visible lines and links. `headed` is a table row's
 * title cell named by the table's header: never a name, though "Desk Staff" reads like one.
 */
function readCard(
  card: Element,
  next: Element | undefined,
  index?: LineIndex,
  headed?: string,
): Card | typeof SEVERAL | null {
  let lines = cardLines(card, index);
  // One pass that stops at a second titled name: a container of a hundred cards is not read to the end.
  let firstName = -1;
  let firstLikely = -1;
  let firstTitled = -1;
  let firstBare = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === headed) continue;
    if (!isLikelyName(lines, i)) {
      if (firstName < 0 && isNameLine(lines[i]!)) firstName = i;
      continue;
    }
    // Two people named on lines of their own, neither with a title under it: a container of cards
    // (bios under the names), not one card.
    const bare = (at: number) => isNameOnly(lines[at]!) && !isTitleSlotLine(lines[at + 1]);
    // Outside a table (whose row is one person, its location cell "Downtown Campus" reading as a name),
    // any two bare names: "Arnaud" (titled) then "Lise" and "Salma", each under her title.
    if (bare(i) && card.name !== "tr") {
      if (firstBare >= 0 && cleanName(lines[i]!).toLowerCase() !== cleanName(lines[firstBare]!).toLowerCase())
        return SEVERAL;
      if (firstBare < 0) firstBare = i;
    }
    if (firstLikely < 0) firstLikely = i;
    // Two names each over a title-shaped line no lexicon knows ("Endodoncista", "Odontopediatra"):
    // a row of cards too, not one card.
    if (firstLikely !== i && isSlotCandidate(lines[i + 1]) && isSlotCandidate(lines[firstLikely + 1])) {
      if (cleanName(lines[i]!).toLowerCase() !== cleanName(lines[firstLikely]!).toLowerCase()) return SEVERAL;
    }
    // A name with its title right under it beats one without ("Estate Planning" | "Marisol Ortiz" | "Legal Assistant").
    if (!isTitleSlotLine(lines[i + 1]) || isLikelyName(lines, i + 1)) continue;
    if (firstTitled < 0) firstTitled = i;
    else if (cleanName(lines[i]!).toLowerCase() !== cleanName(lines[firstTitled]!).toLowerCase())
      return SEVERAL;
  }
  let nameAt = firstTitled >= 0 ? firstTitled : firstLikely >= 0 ? firstLikely : firstName;
  if (nameAt < 0) {
    // A card whose name is only in its photo's alt text: the photo comes first.
    const alt = imageName(card);
    // A name also written in a line ("Dr. Ann Roe, BDS – Dentist") is read from the line, by the line reader.
    if (!alt || lines.some((l) => l.includes(alt))) return null;
    lines = [alt, ...lines];
    nameAt = 0;
  }
  const name = cleanName(lines[nameAt]!);
  const near = [lines[nameAt + 1], lines[nameAt + 2], lines[nameAt - 1]];
  let title =
    repeatedWithTitle(name, lines[nameAt + 1]) ??
    near.find(isTitleLine) ??
    (isTitleSlotLine(lines[nameAt + 1]) ? lines[nameAt + 1]! : null);
  let slot = title ? null : slotOf(lines, nameAt);
  // No title line: the role the card's bio gives ("… heads our paid team as Head of Performance Marketing").
  if (!title && !slot)
    title =
      lines
        .slice(nameAt + 1)
        .map(bioRole)
        .find((r) => r !== null) ?? null;
  // The next sibling's first line is this card's title only when the card has none of its own, before or after the name.
  // Nor when the next sibling is another card of the same grid: its first line is its own.
  if (!title && !slot && next && lines.length <= 2 && signature(next) !== signature(card)) {
    const first = cardLines(next, index)[0];
    if (first && !isNameLine(first) && isTitleSlotLine(first)) title = first;
    else if (!slot && nameAt === lines.length - 1 && isSlotCandidate(first)) slot = first;
  }
  // A template card left in a team widget: "Jean Dupont" over "Titre du poste", "John Doe" over "Web Designer".
  if (isPlaceholderTitle(title) || isPlaceholderTitle(slot)) return null;
  if (lines.some((l) => templateNames.has(cleanName(l).toLowerCase()))) return null;
  // A line holding the person's own name is never their title.
  const own = name.toLowerCase();
  if (title?.toLowerCase().includes(own)) title = null;
  if (slot?.toLowerCase().includes(own)) slot = null;
  let email: string | null = null;
  const profiles: string[] = [];
  walkElements(card, (el) => {
    if (!email && el.attribs["data-cfemail"]) email = decodeCloudflareEmail(el.attribs["data-cfemail"]);
    const href = el.name === "a" ? el.attribs.href : undefined;
    if (!href) return true;
    if (!email && /^mailto:/i.test(href)) email = emailFromMailto(href);
    else if (profileLink.test(href)) profiles.push(href);
    return true;
  });
  if (!email) email = lines.flatMap((l) => findEmailsInText(l))[0]?.email ?? null;
  const person: FoundPerson = { name, title, email, source: card.name === "tr" ? "table" : "card", profiles };
  return {
    person,
    slot,
    nameFirst: nameAt === 0,
    under: lines[nameAt + 1] ?? null,
    above: nameAt > 0 ? lines[nameAt - 1]! : null,
  };
}

/**
 * A grid whose titles sit right under the names (or right above them; two in three of its cards at
 * least): there, the line on that side of a name is its title even when no lexicon or shape test
 * knows it ("Gestora Administrativa colegiada n.º 1.187, directora", "Laboral: nóminas, contratos y
 * Seguridad Social", "Boutique du Sablon" over "Nadia Boukhari").
 */
function titlesBy(named: readonly Card[], side: "under" | "above"): boolean {
  const titled = named.filter((c) => (c.person.title ?? c.slot) !== null);
  return (
    titled.length >= 2 &&
    titled.every((c) => (c.person.title ?? c.slot) === c[side]) &&
    titled.length * 3 >= named.length * 2
  );
}

/** The line under (or above) a card's name when it can be a title: not an address, a phone, a link, a label or a name. */
function fieldBy(card: Card, side: "under" | "above"): string | null {
  const line = card[side];
  if (!line || line.length > 100 || isNameLine(line) || isPlaceholderTitle(line)) return null;
  if (isContactField(line)) return null;
  return isFieldLine(line) ? line : null;
}

/**
 * A real card grid: most members are people, and titles appear on some of them; or, where the
 * lexicon knows none of the titles, every member opens with a name over a title-shaped line.
 */
function isTitledGrid(named: readonly Card[], members: number): boolean {
  if (named.some((c) => c.person.title)) return true;
  return named.length === members && named.every((c) => c.slot && c.nameFirst);
}

/**
 * People shown as repeated cards or table rows. `rowTitles` holds the title
 * cell of rows in tables whose header names a title or department column
 * (people-tables.ts): a title column's cell is the row's title, a
 * department column's one when the row shows no title the lexicon knows.
 */
export function cardPeople(
  doc: Document,
  index?: LineIndex,
  rowTitles: ReadonlyMap<Element, { text: string; column: "title" | "area" }> = new Map(),
): FoundPerson[] {
  const found: FoundPerson[] = [];
  const consumed = new Set<Element>();
  const grids = new Set<string>();
  // Grids whose titles stand above the names ("Pâtissière" over "Nadia Boukhari"): a deferred card's line above its name is its title there.
  const titlesAbove = new Set<string>();
  // Cards of a row that did not pass as a grid on its own (a card alone in its row, the last of a
  // grid wrapped into its own section; a row whose titles no lexicon knows): kept when their grid is
  // seen, the grid of the card itself or of the one card it wraps.
  const deferred: { signatures: string[]; card: Card }[] = [];
  walkElements(doc, (parent) => {
    if (skipRegion(parent)) return false;
    if (consumed.has(parent)) return false;
    const children = elementChildren(parent);
    // A definition list: terms and descriptions alternate ("Studio manager" / "Ella Shaw").
    if (parent.name === "dl") {
      const listed = flatPeople(children, index);
      if (listed.length > 0) {
        found.push(...listed);
        return false;
      }
    }
    if (children.length < 2 && !(children[0] && rowTitles.has(children[0]))) return true;
    const groups = new Map<string, Element[]>();
    const nextOf = new Map<Element, Element | undefined>();
    for (const [i, child] of children.entries()) {
      const key = signature(child);
      const group = groups.get(key);
      if (group) group.push(child);
      else groups.set(key, [child]);
      nextOf.set(child, children[i + 1]);
    }
    for (const [signature, members] of groups) {
      // A staff table's only row (a group of one in a directory) is read by its header.
      if (members.length < 2 && !rowTitles.has(members[0]!)) continue;
      const read = members.map((m) => readCard(m, nextOf.get(m), index, rowTitles.get(m)?.text));
      const cards = read.map((c) => (c === SEVERAL ? null : c));
      for (const [i, card] of cards.entries()) {
        const headed = card && rowTitles.get(members[i]!);
        if (!card || !headed || headed.text.toLowerCase() === card.person.name.toLowerCase()) continue;
        if (headed.column === "title" || !card.person.title) card.person.title = headed.text;
      }
      const named = cards.filter((c): c is Card => c !== null);
      // One text per positioned element (Tilda's zero block): names beside their title elements.
      if (!named.some((c) => c.person.title)) {
        const flat = flatPeople(members, index);
        if (flat.length > 0) {
          found.push(...flat);
          for (const m of members) consumed.add(m);
          continue;
        }
      }
      // Page sections of one kind (Shopify's image-with-text), most of them about other things:
      // the ones naming a person beside a known title are that person's cards.
      const sections = named.length < members.length * 0.5 && named.filter((c) => c.person.title).length >= 2;
      if (sections) {
        for (const [i, c] of cards.entries()) if (c && !c.person.title) cards[i] = null;
      } else if (
        named.length < 2 ||
        named.length < members.length * 0.5 ||
        !isTitledGrid(named, members.length)
      ) {
        for (const [i, card] of cards.entries())
          if (card && (card.person.title || card.slot))
            deferred.push({ signatures: [signature, ...wrappedSignatures(members[i]!)], card });
        continue;
      }
      grids.add(signature);
      if (named.some((c) => c.person.title && !c.nameFirst)) titlesAbove.add(signature);
      // Titles under the names in most cards, or above them (the same test, the other side).
      const side = titlesBy(named, "under") ? "under" : titlesBy(named, "above") ? "above" : null;
      for (const [i, card] of cards.entries()) {
        if (!card) continue;
        const person = card.person;
        person.title ??= card.slot ?? (side ? fieldBy(card, side) : null);
        found.push(person);
        // A card that yielded a person is not read again as a container of cards.
        consumed.add(members[i]!);
      }
    }
    return true;
  });
  const names = new Set(found.map((p) => p.name.toLowerCase()));
  for (const { signatures, card } of deferred) {
    const signature = signatures.find((s) => grids.has(s));
    const { person, slot, nameFirst } = card;
    if (!signature || names.has(person.name.toLowerCase())) continue;
    if (!person.title && !nameFirst && !titlesAbove.has(signature)) continue;
    names.add(person.name.toLowerCase());
    person.title ??= slot;
    found.push(person);
  }
  return found;
}
