/**
 * Finding email addresses in text: plain ones and the common obfuscations
 * ("name [at] acme [dot] com", "(at)", "{at}", " at ", "arroba", "(ät)",
 * "punkt", "[dot]"...). Entities are already decoded by the HTML parser, so
 * `&#64;` and `&commat;` arrive as "@". Obfuscated matches are returned with
 * `obfuscated: true` so the caller can be stricter about them.
 */

export interface TextEmail {
  email: string;
  obfuscated: boolean;
}

const atWords = "at|ät|arroba|chez|bei|apenstaartje|aapje";
const dotWords = "dot|punkt|punto|point|punt|pt";
const AT = `(?:\\s*@\\s*|\\s*[\\[({<]\\s*(?:${atWords}|@)\\s*[\\])}>]\\s*|\\s+(?:${atWords})\\s+|\\s*\\(\\s*a\\s*\\)\\s*)`;
const DOT = `(?:\\.|\\s*[\\[({<]\\s*(?:${dotWords}|\\.)\\s*[\\])}>]\\s*|\\s+(?:${dotWords})\\s+)`;
const LOCAL = "[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_])?";
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const OBFUSCATED = new RegExp(
  `(${LOCAL})${AT}(${LABEL}(?:${DOT}${LABEL})*${DOT}[a-z]{2,24})(?![a-z0-9-])`,
  "gi",
);
const PLAIN = new RegExp(`(${LOCAL})@(${LABEL}(?:\\.${LABEL})*\\.[a-z]{2,24})(?![a-z0-9-])`, "gi");
const DOT_NORMALISE = new RegExp(DOT, "gi");
const WHOLE_ADDRESS = new RegExp(`^${LOCAL}@${LABEL}(?:\\.${LABEL})*\\.[a-z]{2,24}$`, "i");

/**
 * The domain without a word glued onto its top-level label: "acme.testMo" (the next span's
 * "Mo–Fr" run on) is "acme.test". A label turns from lower to upper case only there.
 */
function gluedTldCut(domain: string): string {
  const dot = domain.lastIndexOf(".");
  const cut = domain.slice(dot + 1).search(/(?<=\p{Ll})\p{Lu}/u);
  return cut >= 2 ? domain.slice(0, dot + 1 + cut) : domain;
}

/** Every address in `text`, deduplicated, lowercased, in order of appearance. */
export function findEmailsInText(text: string): TextEmail[] {
  if (text.length < 5) return [];
  const hasAt = text.includes("@");
  if (!hasAt && !hasObfuscationHint(text)) return [];
  const found = new Map<string, TextEmail>();
  if (hasAt) {
    for (const match of text.matchAll(PLAIN)) {
      const email = `${match[1]}@${gluedTldCut(match[2]!)}`.toLowerCase();
      if (!found.has(email)) found.set(email, { email, obfuscated: false });
    }
  }
  if (!hasObfuscationHint(text)) return [...found.values()];
  for (const match of text.matchAll(OBFUSCATED)) {
    if (match[0].includes("@") && !/[[({<]\s*@/.test(match[0])) continue;
    const domain = match[2]!.replace(DOT_NORMALISE, ".").replace(/\s+/g, "");
    const email = `${match[1]}@${domain}`.toLowerCase();
    if (!found.has(email)) found.set(email, { email, obfuscated: true });
  }
  return [...found.values()];
}

const hint = new RegExp(`[\\[({<]\\s*(?:${atWords}|@|a)\\s*[\\])}>]|\\s(?:${atWords})\\s`, "i");

/** Cheap pre-check so the expensive pattern only runs on text that might hold an obfuscated address. */
function hasObfuscationHint(text: string): boolean {
  return hint.test(text);
}

/** Every address in a `mailto:` href: the recipients and the `to`, `cc` and `bcc` fields of its query. */
export function emailsFromMailto(href: string): string[] {
  const raw = href.trim().replace(/^mailto:/i, "");
  const [path = "", query = ""] = raw.split("?");
  const out: string[] = [];
  const take = (value: string) => {
    for (const part of value.split(/[,;]/)) {
      const email = emailFromMailto(part);
      if (email && !out.includes(email)) out.push(email);
    }
  };
  take(safeDecode(path));
  for (const pair of query.split("&")) {
    const [key = "", value = ""] = pair.split("=");
    if (/^(to|cc|bcc)$/i.test(key)) take(safeDecode(value.replace(/\+/g, " ")));
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The first address in a `mailto:` href: query stripped, percent-decoded, lowercased; null if none. */
export function emailFromMailto(href: string): string | null {
  const raw = href.trim().replace(/^mailto:/i, "");
  let decoded = raw.split("?")[0] ?? "";
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // keep as is
  }
  const first = decoded.split(",")[0]?.trim().toLowerCase() ?? "";
  return WHOLE_ADDRESS.test(first) ? first : null;
}
