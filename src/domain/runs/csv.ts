/**
 * CSV for exports (RFC 4180: comma separated, CRLF line ends, fields quoted
 * when they hold a comma, quote or line break, quotes doubled), with cells
 * that a spreadsheet would run as a formula neutralised: a cell beginning
 * with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
 * (OWASP's advice for CSV injection).
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: null and undefined are empty; numbers and booleans as written. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line, CRLF-terminated. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
