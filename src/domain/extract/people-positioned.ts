/**
 * People in positioned texts: a page builder that places every text in an element of its own
 * (Tilda's zero block, absolutely positioned artboards), so a person's name and title are
 * sibling elements, not one card.
 */
import { templateNames } from "../people/non-name-phrases.ts";
import { cardLines, isNameLine, isNameOnly, isSlotCandidate, isTitleSlotLine } from "./card-lines.ts";
import { cleanName, isPlaceholderTitle } from "./card-parts.ts";
import { emailFromMailto, findEmailsInText } from "./email-text.ts";
import type { LineIndex } from "./html-lines.ts";
import { type Element, walkElements } from "./html-tree.ts";
import type { FoundPerson } from "./types.ts";

/**
 * People in a run of sibling elements holding one line each (Tilda's zero block, a page
 * builder's absolutely positioned texts): each name has its title in the element before it or
 * in the one after it, the same side for all; the side most names have one on wins.
 */
export function flatPeople(members: readonly Element[], index: LineIndex | undefined): FoundPerson[] {
  if (members.length < 4) return [];
  const lines: string[] = [];
  const elements: Element[] = [];
  for (const m of members) {
    const own = cardLines(m, index);
    if (own.length > 1) return [];
    if (own.length === 1) {
      lines.push(own[0]!);
      elements.push(m);
    }
  }
  const names = lines.flatMap((l, i) =>
    isNameOnly(l) && !templateNames.has(cleanName(l).toLowerCase()) ? [i] : [],
  );
  if (names.length < 2) return [];
  const titleAt = (i: number) => {
    const line = lines[i];
    // A known title that also reads as "Last, First" ("Orgelbaumeister, Intonateur") is a title here.
    if (line === undefined) return false;
    const commaTitle = line.includes(",");
    return isSlotCandidate(line) || (isTitleSlotLine(line) && (commaTitle || !isNameLine(line)));
  };
  const before = names.filter((i) => titleAt(i - 1)).length;
  const after = names.filter((i) => titleAt(i + 1)).length;
  const side = before > after ? -1 : 1;
  if (Math.max(before, after) < Math.max(2, names.length / 2)) return [];
  return names.map((i, n) => {
    // The person's address: in an element after the name (and its title), before the next person's.
    const end = (names[n + 1] ?? lines.length) - (side === -1 ? 1 : 0);
    let email: string | null = null;
    for (let at = i + 1; at < end && !email; at++) email = addressIn(elements[at]!, lines[at]!);
    return {
      name: cleanName(lines[i]!),
      title: titleAt(i + side) && !isPlaceholderTitle(lines[i + side]!) ? lines[i + side]! : null,
      email,
      source: "card" as const,
      profiles: [],
    };
  });
}

/** An address an element shows: a mailto link or one written in its text. */
function addressIn(el: Element, line: string): string | null {
  let email: string | null = null;
  walkElements(el, (child) => {
    const href = child.name === "a" ? child.attribs.href : undefined;
    if (!email && href && /^mailto:/i.test(href)) email = emailFromMailto(href);
    return !email;
  });
  return email ?? findEmailsInText(line)[0]?.email ?? null;
}
