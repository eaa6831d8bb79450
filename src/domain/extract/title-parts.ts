/**
 * What still belongs to a title after its first part on a line: a part after a comma (a title,
 * a department, a region), a part after " / ", and what a title covers after a dash
 * ("Systemadministratorin – Microsoft 365, Azure & Intune").
 */
import { isLikelyPersonName } from "../people/names.ts";
import {
  isLikelyAreaTitle,
  isLikelyTitle,
  isLikelyTitleSlot,
  isRegionPart,
  isTitleShaped,
} from "../taxonomy/titles.ts";

/** A title as written, without the sentence's closing full stop. */
export const cleanTitle = (title: string) => title.trim().replace(/(?<!\b\p{Lu})\.$/u, "");

/** A field holding an address, plain or written out ("anna (at) acme.test"). */
export const addressLike = /@|\s?[([](?:at|ät|arroba)[)\]](?:\s|(?=\p{L}))|\[email/iu;
/** A phone number: seven digits or more, with the usual separators. */
export const phoneLike = /\+?\d[\d\s/().-]{5,}\d/;
/** A contact field rather than a title: an address, a phone number or a link. */
export const isContactField = (text: string) =>
  addressLike.test(text) || phoneLike.test(text) || /https?:|www\./i.test(text);

/**
 * Whether a title carries another field's text: an address, a link or a phone number, the person's
 * own name, or the name of someone else on the page. Such a title is never kept, whichever reader
 * produced it (a field must not hold another field).
 */
export function titleBleeds(title: string, own: string, others: readonly string[]): boolean {
  if (isContactField(title) || /\[at\]|\(at\)/i.test(title)) return true;
  const text = title.toLowerCase();
  if (own && text.includes(own.toLowerCase())) return true;
  return others.some(
    (n) => n.includes(" ") && n.toLowerCase() !== own.toLowerCase() && text.includes(n.toLowerCase()),
  );
}

/** A part after a title's comma that still belongs to it: a title, a department ("Sales") or a region ("UK & Ireland"). */
export function isContinuation(segment: string | undefined): segment is string {
  if (!segment || segment.length > 60) return false;
  const text = cleanTitle(segment);
  return isLikelyAreaTitle(text) || isRegionPart(text) || (isLikelyTitle(text) && !isLikelyPersonName(text));
}

/**
 * The rest of a line from `from` when it names what a title covers: products and fields, at
 * most three digits ("Microsoft 365"), no address, phone, name or sentence; null otherwise.
 */
export function coverage(segments: readonly string[], seps: readonly string[], from: number): string | null {
  const parts = segments.slice(from);
  if (parts.length === 0 || parts.length > 4 || seps.slice(from, -1).some((sep) => sep !== ",")) return null;
  const text = parts.join(", ");
  if (
    text.length > 60 ||
    (text.match(/\d/g)?.length ?? 0) > 3 ||
    addressLike.test(text) ||
    /[:/.]/.test(text)
  )
    return null;
  return parts.every(
    (p) => /\p{L}{2}/u.test(p) && !isLikelyPersonName(p) && isTitleShaped(p.replace(/\d+/g, "X")),
  )
    ? text
    : null;
}

/** A part after a title's " / " that still belongs to it ("Binnendienst / orderverwerking"). */
export function isSlashContinuation(segment: string | undefined): segment is string {
  if (!segment || segment.length > 60 || isLikelyPersonName(segment)) return false;
  return isLikelyTitleSlot(segment) || isTitleShaped(segment);
}
