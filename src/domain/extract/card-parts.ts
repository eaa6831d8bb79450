/**
 * The small parts a card is read with: a displayed name cleaned of pronouns and
 * punctuation, the signature siblings of one grid share, and the title lines
 * of a theme's template card.
 */
import { isLikelyTitle } from "../taxonomy/titles.ts";
import { classesOf, type Element, elementChildren } from "./html-tree.ts";

/** Pronouns written after a name: "(she/her)", "(they/them)", "(er/ihm)", "(il/lui)". */
const pronouns = /\s*\((?:[\p{L}]{1,5}\s*\/\s*){1,2}[\p{L}]{1,5}\)/gu;

/** Strips pronouns and trailing punctuation. */
export function cleanName(line: string): string {
  return line
    .replace(pronouns, "")
    .replace(/[,;:|•·]+$/, "")
    .trim();
}

/**
 * "Birgit Kühnel, Prokuristin": a name with its title after the comma, which the name check
 * would read as "Last, First" ("Müller, Anna") and turn into "Prokuristin Birgit Kühnel".
 */
export function isTitledAfterComma(text: string): boolean {
  const at = text.lastIndexOf(",");
  return at > 0 && isLikelyTitle(text.slice(at + 1));
}

/**
 * Classes that differ between siblings of one grid: numbered, state and position classes
 * ("et-last-child"), a slider's state and its cloned slides ("swiper-slide-active",
 * "swiper-slide-duplicate", "slick-cloned"), the side of alternating rows ("has-media-on-the-right",
 * "row-reverse"), and the generated classes of scoped styles, one per element ("brz-css-hbtjg", "astro-xn5zq2ua",
 * "css-1x2y3z", "sc-bdfbyk", "svelte-kq3t1z").
 */
const volatileClass =
  /\d|^(active|current|first|last|odd|even)$|(^|[-_])(first|last|odd|even|left|right|reverse|reversed|flipped|alternate|inverted|active|next|prev|duplicate|cloned|visible|current|selected)([-_]|$)|(^|[-_])(css|jsx|astro|svelte|sc|emotion|styled)-[a-z0-9]{4,}$/i;

/** Tag and stable classes: siblings of one card grid share it. */
export function signature(el: Element): string {
  const raw = el.attribs.class;
  if (!raw) return el.name;
  // A WordPress post in a loop (`hentry`): its term classes ("especialidad-cirugia") differ per post; its type does not.
  if (raw.includes("hentry")) {
    const kept = classesOf(el).filter(
      (c) => c === "hentry" || c.startsWith("type-") || c.startsWith("e-loop-item"),
    );
    return `${el.name}.${kept
      .filter((c) => !volatileClass.test(c))
      .sort()
      .join(".")}`;
  }
  const classes = classesOf(el).filter((c) => !volatileClass.test(c));
  return classes.length === 0 ? el.name : `${el.name}.${classes.sort().join(".")}`;
}

/** The title line of a team widget's template card, as the theme ships it. */
const PLACEHOLDER_TITLES = new Set([
  ...["job title", "position", "your position", "title", "role", "designation", "team member"],
  ...["titre du poste", "fonction", "poste", "intitulé du poste", "cargo", "puesto", "functie"],
  ...["funktion", "position im unternehmen", "berufsbezeichnung", "jobtitel"],
]);
export const isPlaceholderTitle = (line: string | null) =>
  line !== null && PLACEHOLDER_TITLES.has(line.toLowerCase().replace(/[.:]$/, "").trim());

/** A row that holds one card only (`div.row` > `div.team-member`): the signatures inside it, outermost first. */
export function wrappedSignatures(el: Element): string[] {
  const out: string[] = [];
  for (let children = elementChildren(el); children.length === 1; children = elementChildren(children[0]!))
    out.push(signature(children[0]!));
  return out;
}
