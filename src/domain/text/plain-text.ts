/**
 * The one rule for free text a user stores or searches with (lead fields of
 * an ingest, run labels, suppression reasons, API key names, ICP profile
 * values, company names, search text): it is one line of printable text.
 *
 * - Control characters that are whitespace (tab, line feed, vertical tab,
 *   form feed, carriage return, next line U+0085) become a space, each one
 *   a space so lengths do not move: a value pasted from a spreadsheet cell
 *   or a text area still reads as what the user meant.
 * - Any other control character (U+0000-U+001F, U+007F-U+009F: NUL, escape,
 *   backspace, bell...) is refused, with the first one's code point. Such a
 *   character is never typed by a person; it comes from a binary file, a
 *   broken export or a fuzzer, and silently dropping it would store
 *   something other than what was sent. SQLite's FTS5 and spreadsheets also
 *   misread them (a NUL cut a search query short and failed it).
 *
 * The CSV reader already refuses a file holding a NUL byte (a binary file);
 * the same characters inside a JSON string (`\u0000`) reach this rule.
 */
import type { z } from "zod";

/** Whitespace control characters: read as a space. */
const SPACE_CONTROLS = /[\t\n\v\f\r\u0085]/g;
/** The other control characters (Unicode general category Cc, less the whitespace ones above). */
const OTHER_CONTROL = /(?![\t\n\v\f\r\u0085])\p{Cc}/u;

/** What `cleanText` makes of a value: the text as stored, or why it is refused. */
export type CleanText = { ok: true; text: string } | { ok: false; problem: string };

/** `text` with each whitespace control character turned into a space. */
export function foldSpaceControls(text: string): string {
  return text.replace(SPACE_CONTROLS, " ");
}

/** Why `text` cannot be stored (the first control character it holds, other than whitespace), or null. */
export function controlCharacterProblem(text: string): string | null {
  const found = OTHER_CONTROL.exec(text);
  if (!found) return null;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
  return `contains a control character (U+${code}); send plain text`;
}

/** Applies the rule: whitespace controls become spaces, any other control character refuses the value. */
export function cleanText(text: string): CleanText {
  const problem = controlCharacterProblem(text);
  return problem ? { ok: false, problem } : { ok: true, text: foldSpaceControls(text) };
}

/**
 * The rule as part of a zod string schema (`plainText(z.string().trim().max(200))`):
 * a refusal is a validation failure of that field. The schema stays a
 * string schema (documented in OpenAPI as before); folding keeps lengths.
 */
export function plainText<T extends z.ZodString>(schema: T): T {
  const checked: z.ZodString = schema.refine((text) => controlCharacterProblem(text) === null, {
    error: (issue) => controlCharacterProblem(String(issue.input)) ?? "contains a control character",
  });
  return checked.overwrite(foldSpaceControls) as T;
}
