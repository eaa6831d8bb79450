/**
 * Where a visitor goes after signing in (`?next=` / the form's `next`):
 * a path on this site, or the start page. Browsers are generous readers of
 * a Location header: they drop tabs and newlines (`/\t/evil.example/` is
 * `//evil.example/`), read `\` as `/`, and some servers and proxies decode
 * `%2F` and `%09` once more on the way. So a path is accepted only when,
 * raw and after each round of percent-decoding, it has no control
 * characters or backslashes, does not start with `//`, and, parsed against
 * our own origin, stays on it. What is returned is the parser's
 * serialisation (ASCII only), safe in a header.
 */

/** Where signing in leads when no acceptable `next` was given. */
export const DEFAULT_RETURN_PATH = "/app";

const MAX_LENGTH = 500;
/** Only the origin matters: a stand-in for ours, since the rule is the same on every host. */
const OWN_ORIGIN = "https://prospector.invalid";
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
const unsafeCharacter = /[\u0000-\u001f\u007f\\]/;

/** The value, then each percent-decoding of it that differs (a few rounds; a malformed escape ends them). */
function decodings(value: string): string[] {
  const forms = [value];
  let current = value;
  for (let round = 0; round < 3; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      break;
    }
    if (decoded === current) break;
    forms.push(decoded);
    current = decoded;
  }
  return forms;
}

/** `next` when it is a path on this site (as serialised by the URL parser), else DEFAULT_RETURN_PATH. */
export function safeReturnPath(next: unknown): string {
  if (typeof next !== "string" || next.length > MAX_LENGTH || !next.startsWith("/"))
    return DEFAULT_RETURN_PATH;
  for (const form of decodings(next)) {
    if (unsafeCharacter.test(form) || form.startsWith("//")) return DEFAULT_RETURN_PATH;
  }
  const url = new URL(next, OWN_ORIGIN);
  if (url.origin !== OWN_ORIGIN) return DEFAULT_RETURN_PATH;
  return `${url.pathname}${url.search}${url.hash}`;
}
