/**
 * Matching of robots.txt path patterns (RFC 9309 section 2.2.2/2.2.3). Paths and patterns are
 * compared as sequences of octets in one canonical form: unreserved characters (RFC 3986) are
 * equal to their percent-escapes, so "/~joe", "/%7ejoe" and "/%7Ejoe" are equal; reserved
 * characters are not, so "/a%2Fb" is not "/a/b" and "q=a%26b" is not "q=a&b"; everything else
 * (non-ASCII, controls, space, "{"...) is compared escaped, so "é" equals "%C3%A9". An escaped
 * "%2A" or "%24" in a pattern is a literal "*" or "$" rather than a wildcard or an end anchor,
 * and matches that character written as it is in the URL (the RFC's section 2.2.3 examples).
 */

/** One octet of a path: a printable ASCII character, or an uppercase "%XX" escape. */
type Unit = string;

// Sentinels cannot collide with real units: NUL is always escaped as "%00".
const WILDCARD = "\0*";
const END_ANCHOR = "\0$";

/** A request path (with query) as canonical octets. */
export function toPathUnits(path: string): Unit[] {
  return toUnits(path, false);
}

/** A robots.txt pattern as canonical octets plus wildcard and end-anchor markers. */
export function toPatternUnits(pattern: string): Unit[] {
  return toUnits(pattern, true);
}

/** True when the path part (before any query) is exactly "/robots.txt". */
export function isRobotsTxtPath(path: Unit[]): boolean {
  const query = path.indexOf("?");
  return (query === -1 ? path : path.slice(0, query)).join("") === "/robots.txt";
}

/**
 * Whether `path` matches `pattern` from its start. Tracks the set of reachable positions, as
 * Google's reference parser does, so it runs in O(pattern x path) with no backtracking blow-up.
 * The match length used for precedence is `pattern.length` (octets, markers count as one).
 */
export function matchesPattern(path: Unit[], pattern: Unit[]): boolean {
  let positions = [0];
  for (const unit of pattern) {
    if (unit === END_ANCHOR) return positions.includes(path.length);
    if (unit === WILDCARD) {
      const first = positions[0] ?? path.length;
      positions = [];
      for (let p = first; p <= path.length; p++) positions.push(p);
      continue;
    }
    const next: number[] = [];
    for (const p of positions) if (p < path.length && path[p] === unit) next.push(p + 1);
    if (next.length === 0) return false;
    positions = next;
  }
  return true;
}

function toUnits(text: string, isPattern: boolean): Unit[] {
  const units: Unit[] = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i] ?? "";
    const hex = char === "%" ? /^[0-9a-fA-F]{2}$/.exec(`${chars[i + 1] ?? ""}${chars[i + 2] ?? ""}`) : null;
    if (hex) {
      units.push(decodedOctet(Number.parseInt(hex[0], 16)));
      i += 2;
    } else if (isPattern && char === "*") {
      if (units.at(-1) !== WILDCARD) units.push(WILDCARD);
    } else if (isPattern && char === "$" && i === chars.length - 1) {
      units.push(END_ANCHOR);
    } else {
      units.push(...utf8Octets(char));
    }
  }
  return units;
}

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const RESERVED = /^[:/?#[\]@!$&'()*+,;=]$/;

/**
 * An escaped octet in canonical form: unreserved characters, and "*" and "$" (RFC 9309 section
 * 2.2.3 matches "%2A" and "%24" against the literal characters), are decoded; the rest stays
 * escaped with uppercase hex, reserved characters included (they mean something else unescaped).
 */
function decodedOctet(byte: number): Unit {
  const char = String.fromCharCode(byte);
  if (UNRESERVED.test(char) || char === "*" || char === "$") return char;
  return `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
}

/** A character written as it is: unreserved and reserved ones stay; anything else is escaped. */
function utf8Octets(char: string): Unit[] {
  if (UNRESERVED.test(char) || RESERVED.test(char)) return [char];
  // Lone surrogates cannot be encoded; the encoder writes U+FFFD for them, as decoders would.
  return Array.from(new TextEncoder().encode(char), decodedOctet);
}
