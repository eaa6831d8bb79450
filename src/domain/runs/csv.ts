/**
 * CSV for exports (RFC 4180: comma separated, CRLF line ends, fields quoted
 * when they hold a comma, quote or line break, quotes doubled), with cells
 * that a spreadsheet would run as a formula neutralised, after OWASP's CSV
 * injection advice: a text cell that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return, or that holds one of those right after a field
 * separator (`,` `;` or tab) or a line break, is written with a leading `'`
 * and quoted. The separator case matters because a spreadsheet whose list
 * separator is `;` (most of Europe) or one reading the file as tab
 * separated starts a new cell there: `Acme;=HYPERLINK(...)` would open as
 * a formula. Numbers are data we wrote, not typed text: -5 stays a number.
 */

const FORMULA = "[=+\\-@\\t\\r]";
const FORMULA_CELL = new RegExp(`^${FORMULA}|[,;\\t\\r\\n]${FORMULA}`);
const NEEDS_QUOTES = /[",\r\n]/;

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** One cell: null and undefined are empty; numbers and booleans as written. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value !== "string") return String(value);
  if (FORMULA_CELL.test(value)) return quoted(`'${value}`);
  return NEEDS_QUOTES.test(value) ? quoted(value) : value;
}

/** One line, CRLF-terminated. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
