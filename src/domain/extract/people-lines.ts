/**
 * People named on text lines: a heading or line "Name – Title" / "Name | Title" /
 * "Name, Title", runs of several people in one paragraph ("Name, Title · email |
 * Name, Title · email", "Name, Title, email; Name, Title, email"), directory
 * entries "Last, First – Title", "Label: Name (title)", and the impressum form
 * "Title: Name[, Name]". Quote attributions ("— Name, Title, Company", or the
 * line after a quotation) name customers and are skipped.
 */

import { isLikelyPersonName } from "../people/names.ts";
import { isLikelyTitle, isLikelyTitleSlot, isTitleShaped } from "../taxonomy/titles.ts";
import { isNameOnly } from "./card-lines.ts";
import { cleanName, isTitledAfterComma } from "./card-parts.ts";
import { type LineIndex, visibleLines } from "./html-lines.ts";
import type { Document } from "./html-tree.ts";
import { skipRegion } from "./people-cards.ts";
import { parenthesisedInProse } from "./people-prose.ts";
import {
  addressLike,
  cleanTitle,
  coverage,
  isContactField,
  isContinuation,
  isSlashContinuation,
} from "./title-parts.ts";
import type { FoundPerson, PersonSource } from "./types.ts";

/** "Name – Title", "Name | Title" or "Name / Title" on one line: the title may be a department alone. */
const dashOrPipe = /^(.{3,60}?)\s+([–—|/-])\s+(.{2,100})$/;
const comma = /^(.{3,60}?),\s+(.{2,100})$/;
const colon = /^(.{2,80}?)\s*:\s*(.{3,200})$/;
/** "Fotografie: Marloes Timmer", "Webdesign: …": who made the site or its photos, not a colleague. */
const creditLabel =
  /^(?:fotos?|fotografie|photos?|photography|photographie|fotograf[ií]a|bildnachweis|bildquellen?|cr[ée]dits?(?: photos?)?|webdesign|web design|design|realisatie|r[ée]alisation|umsetzung|illustrations?)$/i;
/** A quote's attribution line: "— Derek Olsen, VP Supply Chain, Pine & Co." */
const attribution = /^[—–-]\s/;
/** A quotation on a line of its own: the next line names who said it. */
const quotation = /^[«“"„‘].*[»”"“’][.!]?$/;
/** Field and person separators inside a line; the captured separator tells them apart. */
const separators = /(\s*[,;|·•:]\s+|\s+[–—/-]\s+)/;
const parenthesised = /^(.+?)\s*\(([^()]{2,60})\)$/;
const singleWord = /^[\p{L}.'-]+$/u;
const dash = /^[–—-]$/;

type LinePerson = { name: string; title: string | null; source: PersonSource };

/** The people on one line, with their titles, or none. */
export function readLine(line: string): { name: string; title: string | null; source: PersonSource }[] {
  // Every form has a separator ("–", "|", ", ", ": "...); most lines have none.
  if (line.length > 400 || (!separators.test(line) && !line.includes("(")) || attribution.test(line))
    return [];
  const d = dashOrPipe.exec(line);
  if (
    d &&
    isLikelyPersonName(cleanName(d[1]!)) &&
    !isTitledAfterComma(d[1]!) &&
    !titlesBySlash(d[1]!, d[2]!) &&
    isWholeTitle(d[3]!) &&
    !hasSeparator(d[3]!)
  ) {
    return [{ name: d[1]!, title: cleanTitle(d[3]!), source: "line" }];
  }
  const c = comma.exec(line);
  if (c && isLikelyPersonName(cleanName(c[1]!)) && isLikelyTitle(c[2]!) && !hasSeparator(c[2]!)) {
    return [{ name: c[1]!, title: cleanTitle(c[2]!), source: "line" }];
  }
  const l = colon.exec(line);
  if (l && isLikelyTitle(l[1]!) && !creditLabel.test(l[1]!)) {
    const names = l[2]!.split(/\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\ben\b|&)\s*/);
    const people = names.filter((n) => isLikelyPersonName(cleanName(n)));
    if (people.length > 0 && people.length === names.filter(Boolean).length) {
      return people.map((n) => ({ name: n, title: l[1]!.trim(), source: "label" as const }));
    }
  }
  const run = readRun(line);
  return run.length > 0 || !line.includes("(") ? run : parenthesisedInProse(line);
}

/** "Large Animal Vet / Official Veterinarian": two titles of one person joined by a slash, no name before them. */
const titlesBySlash = (before: string, separator: string) => separator === "/" && isLikelyTitle(before);

/**
 * The part after "Name –" is one title: a title slot, or one whose parts after commas continue
 * it ("Brand, Photography & Social": a department, then fields of it).
 */
function isWholeTitle(text: string): boolean {
  if (isLikelyTitleSlot(text)) return true;
  const [first, ...rest] = commaParts(text);
  return (
    rest.length > 0 &&
    isLikelyTitleSlot(first!) &&
    rest.every((p) => isTitleShaped(p) && !isLikelyPersonName(p))
  );
}

/**
 * "Name – Title" whose title part holds more fields (an address, a phone) is a run, not one
 * pair. A slash between title words is the title's own ("eigenaar / uitvoerder").
 */
function hasSeparator(title: string): boolean {
  if (/\s[–—|·•]\s|;\s/.test(title)) return true;
  const parts = title.split(/\s+\/\s+/);
  if (parts.length > 1 && !parts.every((p) => isLikelyTitleSlot(p) || isTitleShaped(p))) return true;
  return !isLikelyTitleSlot(commaParts(title)[0] ?? "");
}

/** The parts of a title between commas, commas inside brackets kept ("Chef de mission (TPE, artisans)"). */
function commaParts(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(") depth += 1;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (c === "," && depth === 0 && text[i + 1] === " ") {
      parts.push(text.slice(from, i).trim());
      from = i + 1;
    }
  }
  parts.push(text.slice(from).trim());
  return parts;
}

/**
 * Several people on one line: each name followed by its title (a comma may continue the
 * title: "VP, Investor Relations"), up to the next field that is not a title.
 */
function readRun(line: string): { name: string; title: string | null; source: PersonSource }[] {
  const parts = line.split(separators);
  const segments: string[] = [];
  const seps: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    segments.push(parts[i]!.trim());
    seps.push((parts[i + 1] ?? "").trim());
  }
  const out: { name: string; title: string | null; source: PersonSource }[] = [];
  let i = 0;
  while (i < segments.length) {
    const at = nameAt(segments, seps, i);
    if (!at) {
      i += 1;
      continue;
    }
    // "Legal notice: text": a name-like label before a colon is not a person.
    if (seps[at.end] === ":") {
      i = at.end + 1;
      continue;
    }
    let title = at.title;
    let end = at.end;
    // "Geschäftsführer: Dipl.-Kfm. Andreas Klein, Steuerberater": the label is the (impressum) role.
    const labelText = i > 0 && seps[i - 1] === ":" ? segments[i - 1]! : null;
    const label = labelText && isLikelyTitle(labelText) && !creditLabel.test(labelText) ? labelText : null;
    // "Fotografie: Marloes Timmer": a credit names no colleague.
    if (labelText && creditLabel.test(labelText)) {
      i = at.end + 1;
      continue;
    }
    // "Weiß, Lukas – Außendienst Gastronomie & Handel – lukas.weiss@…": the field between a
    // name and its address, set off by dashes, is the title, whatever words it uses ("Agence
    // Pixelune, Villeurbanne, contact@…" names a firm and its town).
    const beforeAddress =
      !title &&
      dash.test(seps[end] ?? "") &&
      dash.test(seps[end + 1] ?? "") &&
      isTitleShaped(segments[end + 1] ?? "") &&
      addressLike.test(segments[end + 2] ?? "");
    if (beforeAddress) {
      end += 1;
      title = segments[end]!;
    } else if (!title && isTitleSegment(segments[end + 1]) && seps[end + 1] !== ":") {
      end += 1;
      title = segments[end]!;
      while (
        (seps[end] === "," && isContinuation(segments[end + 1])) ||
        (seps[end] === "/" && isSlashContinuation(segments[end + 1]))
      ) {
        end += 1;
        title = `${title}${seps[end - 1] === "," ? ", " : " / "}${segments[end]}`;
      }
      // "Systemadministratorin – Microsoft 365, Azure & Intune": what a title covers, after a dash, to the line's end.
      const tail = title && dash.test(seps[end] ?? "") ? coverage(segments, seps, end + 1) : null;
      if (tail) {
        title = `${title} – ${tail}`;
        end = segments.length - 1;
      }
    }
    // "Directeur de la publication : Olivier Fournier, gérant.": the person's own title beats the
    // legal label; the line is still a label's, which a team page's listing outranks.
    if (title) out.push({ name: at.name, title: cleanTitle(title), source: label ? "label" : "line" });
    else if (label) out.push({ name: at.name, title: label, source: "label" });
    i = end + 1;
  }
  return out;
}

/** The name starting at segment `i` ("Name", "Last, First", "Name (title)"), and the segment it ends at. */
function nameAt(segments: string[], seps: string[], i: number) {
  const segment = segments[i]!;
  const paren = parenthesised.exec(segment);
  if (paren && isLikelyPersonName(cleanName(paren[1]!)) && isLikelyTitleSlot(paren[2]!)) {
    return { name: cleanName(paren[1]!), title: paren[2]!.trim(), end: i };
  }
  const next = segments[i + 1];
  if (seps[i] === "," && next && singleWord.test(segment) && singleWord.test(next)) {
    const inverted = `${segment}, ${next}`;
    if (isLikelyPersonName(inverted) && !isTitledAfterComma(inverted))
      return { name: inverted, title: null, end: i + 1 };
  }
  if (segment.length <= 60 && isLikelyPersonName(cleanName(segment)) && !titlesBySlash(segment, seps[i]!)) {
    return { name: cleanName(segment), title: null, end: i };
  }
  return null;
}

function isTitleSegment(segment: string | undefined): segment is string {
  return !!segment && segment.length <= 100 && isLikelyTitleSlot(cleanTitle(segment));
}

/**
 * "Álvaro de la Fuente Marín, tráfico, transferencias y matriculaciones" between two lines
 * read as "Name, Title": the same form in a list, so the part after the name is the role,
 * whatever words it uses (title-shaped: no digits, address or sentence).
 */
function listedLike(
  line: string,
  ...neighbours: [LinePerson[] | undefined, string | undefined, LinePerson[] | undefined, string | undefined]
): LinePerson[] {
  const c = comma.exec(line);
  if (!c || !isLikelyPersonName(cleanName(c[1]!))) return [];
  const role = c[2]!.trim();
  const core = /\(/.test(role) ? role.replace(/\s*\([^()]*\)/g, "") : role;
  if (!commaParts(core).every((part) => isTitleShaped(part))) return [];
  const [beforeRead, before, afterRead, after] = neighbours;
  const sameForm = (people: LinePerson[] | undefined, text: string | undefined) =>
    !!people && people.length === 1 && people[0]!.title !== null && !!text && comma.test(text);
  if (!sameForm(beforeRead, before) && !sameForm(afterRead, after)) return [];
  return [{ name: c[1]!, title: cleanTitle(role), source: "line" }];
}

/** The heading of a page's one-person contact box: "Ihr Ansprechpartner", "Your contact", "Uw contactpersoon". */
const contactHeading =
  /^(?:ihre?|unsere?|your|our|votre|notre|su|uw|onze|je)?\s*(?:ansprechpartner(?:in)?|kontaktperson|contact(?:\s+person)?|interlocut(?:eur|rice)|contacto|persona de contacto|contactpersoon|aanspreekpunt)(?:\s+(?:für|for|pour|para|voor)\b.*)?:?$/i;

/**
 * A contact box: its heading, then a name on a line of its own, then the title ("Ihr
 * Ansprechpartner" / "Mag. Verena Hofbauer" / "Consultant Cloud & Microsoft 365").
 */
function contactBox(lines: readonly string[], i: number): LinePerson[] {
  if (i === 0 || !contactHeading.test(lines[i - 1]!)) return [];
  const [name, title] = [lines[i]!, lines[i + 1]];
  if (!isNameOnly(name) || !title || isContactField(title)) return [];
  if (!isLikelyTitleSlot(title) && !isTitleShaped(title)) return [];
  return [{ name, title, source: "card" }];
}

/**
 * People named on the page's text lines, besides those already found. A "name" that is part
 * of a title already read ("Kaufmännische Leitung, Prokuristin" under a card's name) is that
 * title read again, not a person.
 */
export function linePeople(
  doc: Document,
  alreadyFound: readonly FoundPerson[],
  index?: LineIndex,
): FoundPerson[] {
  const found: FoundPerson[] = [];
  const seen = new Set(alreadyFound.map((p) => p.name.toLowerCase()));
  const titles = alreadyFound.flatMap((p) => (p.title ? [p.title.toLowerCase()] : []));
  const lines = index ? index.lines.filter((_, i) => !index.skipped[i]) : visibleLines(doc, skipRegion);
  const read = lines.map((line, i) => (i > 0 && quotation.test(lines[i - 1]!) ? [] : readLine(line)));
  for (const [i, line] of lines.entries()) {
    // A "Name, role" line among lines of that form whose roles the lexicon knows: its role is one too.
    const people =
      read[i]!.length > 0
        ? read[i]!
        : [
            ...listedLike(line, read[i - 1], lines[i - 1], read[i + 1], lines[i + 1]),
            ...contactBox(lines, i),
          ];
    for (const { name, title, source } of people) {
      const clean = cleanName(name);
      if (seen.has(clean.toLowerCase()) || titles.some((t) => t.includes(clean.toLowerCase()))) continue;
      seen.add(clean.toLowerCase());
      found.push({ name: clean, title, email: null, source, profiles: [] });
    }
  }
  return found;
}
