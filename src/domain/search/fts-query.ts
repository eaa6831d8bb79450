/**
 * Turns whatever a user typed into a safe FTS5 query: words become quoted
 * terms (so `AND`, `NEAR`, `-`, `:`, `^` and stray quotes mean nothing
 * special), a trailing `*` keeps a prefix search, `"quoted phrases"` stay
 * phrases, and all terms must match. The result is always valid FTS5
 * syntax, so typed text can never produce a query error.
 */

/** Longest query text considered, and most terms. */
const MAX_LENGTH = 500;
const MAX_TERMS = 12;

export interface FtsQuery {
  /** The FTS5 MATCH expression, or null when nothing searchable was typed. */
  match: string | null;
  /** The terms as understood (for echoing back). */
  terms: string[];
}

const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** Characters the tokenizer keeps inside a term (letters and digits of any script). */
const WORDISH = /[\p{L}\p{N}]/u;

export function toFtsQuery(input: string): FtsQuery {
  const text = input.normalize("NFC").slice(0, MAX_LENGTH);
  const terms: string[] = [];
  const parts: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/g;
  for (const m of text.matchAll(pattern)) {
    if (parts.length >= MAX_TERMS) break;
    if (m[1] !== undefined) {
      const phrase = m[1].trim();
      if (!WORDISH.test(phrase)) continue;
      parts.push(quote(phrase));
      terms.push(`"${phrase}"`);
      continue;
    }
    let word = m[2]!;
    const prefix = word.endsWith("*");
    word = word.replace(/^[-+^*]+|\*+$/g, "").replace(/"/g, "");
    if (!WORDISH.test(word)) continue;
    // A prefix needs at least two characters: one-letter prefixes would match half the index.
    const asPrefix = prefix && [...word].filter((c) => WORDISH.test(c)).length >= 2;
    parts.push(asPrefix ? `${quote(word)}*` : quote(word));
    terms.push(asPrefix ? `${word}*` : word);
  }
  return { match: parts.length > 0 ? parts.join(" AND ") : null, terms };
}
