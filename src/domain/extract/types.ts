/** What the extractor finds on one page. */

export type EmailSource =
  | "mailto"
  | "text"
  | "attribute"
  | "cloudflare"
  | "obfuscated"
  | "reversed"
  | "script"
  | "structured";
/**
 * How a person was found: structured data, a card or table row, a text line, an impressum-style
 * "Role: Name" label, or a prose sentence ("… leads our finance team as CFO").
 */
export type PersonSource = "json-ld" | "h-card" | "vcard" | "card" | "line" | "table" | "label" | "prose";

/** A person as found, before de-duplication across pages. */
export interface FoundPerson {
  name: string;
  title: string | null;
  email: string | null;
  source: PersonSource;
  profiles: string[];
}

/** An address as found, with the person it was shown with when known. */
export interface FoundEmail {
  email: string;
  source: EmailSource;
  /** The person on the same card / structured record, when there was one. */
  personName: string | null;
}
