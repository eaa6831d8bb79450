/**
 * The lines a card is read from and what each line can be: a name (and nothing else), a
 * title the lexicons know, a title slot, or a line shaped like a title no lexicon knows; and
 * a card's name written again with its title, or only in its photo's alt text.
 */
import { companyWords, wordKey } from "../people/name-words.ts";
import { isLikelyPersonName } from "../people/names.ts";
import { SEGMENT_BREAK, tokenize } from "../taxonomy/phrases.ts";
import { CARD_LABELS, NOT_IN_TITLES } from "../taxonomy/title-words.ts";
import { isLikelyTitle, isLikelyTitleSlot, isTitleShaped } from "../taxonomy/titles.ts";
import { cleanName, isTitledAfterComma } from "./card-parts.ts";
import { type LineIndex, visibleLines } from "./html-lines.ts";
import { type Element, isBoilerplate, isFooter, isTestimonial, walkElements } from "./html-tree.ts";
import { isContactField } from "./title-parts.ts";

/** Navigation, cookie banners, the site footer and customer quotes: no people are read from them. */
export const skipRegion = (el: Element) => isBoilerplate(el) || isFooter(el) || isTestimonial(el);

/** A card's lines: from the page's line index when the card is a block element, else computed. */
export function cardLines(card: Element, index: LineIndex | undefined): string[] {
  const range = index?.ranges.get(card);
  if (!range) return visibleLines(card, skipRegion);
  const out: string[] = [];
  for (let i = range[0]; i < range[1]; i++) if (!index!.skipped[i]) out.push(index!.lines[i]!);
  return out;
}

/** Cheap test before the name check: names have no digits, "@", ":" or "/", and are short. */
export const cannotBeName = /[\d@:/|]/;

export const isNameLine = (l: string) => {
  const name = cleanName(l);
  return (
    name.length <= 60 && !cannotBeName.test(name) && isLikelyPersonName(name) && !isTitledAfterComma(name)
  );
};
export const isTitleLine = (l: string | undefined): l is string => !!l && l.length <= 100 && isLikelyTitle(l);

/** A line that is a person's name and nothing else (no "Email Anna", no "Anna Berg, CEO"). */
export const isNameOnly = (line: string) => {
  const name = cleanName(line);
  return name.split(/\s+/).length >= 2 && isNameLine(line) && !isTitleLine(line) && !isTitleSlotLine(line);
};

/** A line that could be a title no lexicon knows: title-shaped, not a name, a company or a contact field ("anna(at)acme.test"). */
export function isSlotCandidate(line: string | undefined): line is string {
  if (!line || !isTitleShaped(line) || isNameLine(line) || isContactField(line)) return false;
  // "— Des Moines, IA or remote": a job ad's place, a town with its state or country code.
  if (/,\s\p{Lu}{2}(?:\s|$)/u.test(line)) return false;
  // "&" names a firm in "Müller & Partner", but joins two fields in a title slot ("Büro & Terminplanung").
  return !line.split(/\s+/).some((w) => w !== "&" && companyWords.has(wordKey(w)));
}

/**
 * Whether line `i` is a person's name. "Registered Dental Hygienist" reads as a name too: a
 * name-like title is a name only when a title follows it ("Daniel Baker" | "Child Life
 * Specialist"; not a department, as in "Medical Records Clerk" | "Administration").
 */
export function isLikelyName(lines: readonly string[], i: number): boolean {
  const line = lines[i];
  if (!line || !isNameLine(line)) return false;
  return !isTitleLine(line) || isTitleLine(lines[i + 1]);
}

export function isTitleSlotLine(line: string | undefined): line is string {
  return !!line && line.length <= 100 && isLikelyTitleSlot(line);
}

/** "Sem de Ridder – Brouwer" under a photo captioned "Sem de Ridder": the name again, with its title. */
export function repeatedWithTitle(name: string, line: string | undefined): string | null {
  if (!line || line.length <= name.length || !line.toLowerCase().startsWith(name.toLowerCase())) return null;
  const rest = /^\s*(?:[–—|-]|,)\s+(.+)$/.exec(line.slice(name.length))?.[1];
  return rest && (isTitleSlotLine(rest) || isSlotCandidate(rest)) ? rest.trim() : null;
}

/** "Portrait of Anna Berg", "Foto: Anna Berg": the words before a name in a photo's alt text. */
const photoWords =
  /^(?:portrait|photo|picture|image|foto|bild|portr[aä]t|portret|retrato|imagen)(?:\s+(?:of|von|van|de|du|di))?[\s:–-]+/i;

/** The person's name in the alt text of a card's first image that holds one. */
export function imageName(card: Element): string | null {
  let name: string | null = null;
  walkElements(card, (el) => {
    if (name) return false;
    const alt = el.name === "img" ? el.attribs.alt?.trim().replace(photoWords, "") : undefined;
    if (alt && isNameLine(alt) && !isTitleLine(alt)) name = cleanName(alt);
    return true;
  });
  return name;
}

/**
 * A short field, not a sentence or a call to action: twelve words at most, no pronoun or verb
 * a title never holds, not opened by a contact label ("Email Lucas", "Profil ansehen"), no
 * closing full stop but an abbreviation's.
 */
export function isFieldLine(line: string): boolean {
  const words = tokenize(line).filter((t) => t !== SEGMENT_BREAK);
  if (words.length === 0 || words.length > 12 || CARD_LABELS.has(words[0]!)) return false;
  if (/[!?]$/.test(line) || (/\.$/.test(line) && !/\b\p{Lu}{1,3}\.$/u.test(line))) return false;
  return !words.some((w) => NOT_IN_TITLES.has(w));
}
