/**
 * How a part of a person's name ("Müller-Schmidt", "van der Berg", "O'Brien")
 * is written in email local parts: lowercase ASCII, with the few spellings
 * mail administrators actually choose between. The pattern code builds and
 * recognises addresses from these, so both sides agree on the spelling.
 */
import { hyphenatedParticle, particleLength } from "./name-words.ts";

const maxVariants = 4;

/**
 * Letters that are written two ways in mailboxes. German umlauts are usually
 * expanded (Müller -> mueller); Nordic ø and å usually just lose the mark
 * (Søren -> soren). Both spellings are offered, the usual one first.
 */
const expanded: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ø: "oe", å: "aa" };
const plain: Record<string, string> = { ä: "a", ö: "o", ü: "u", ø: "o", å: "a" };

/** Letters that Unicode decomposition does not reduce to ASCII. */
const specialLetters: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ŀ: "l",
};

/**
 * The ways a name part is written in mailboxes, most common first, at most 4:
 * lowercase ASCII with diacritics transliterated (ä -> "ae" and "a", é -> "e",
 * ß -> "ss", ł -> "l"...); hyphens kept and removed ("müller-schmidt" ->
 * "mueller-schmidt", "muellerschmidt", "muller-schmidt", "mullerschmidt");
 * apostrophes removed ("o'brien" -> "obrien"); spaces removed ("van der berg"
 * -> "vanderberg"), then the name without its particle ("berg") or, for a
 * double surname, each surname alone ("garcía lópez" -> "garcialopez",
 * "garcia", "lopez"). Empty when nothing ASCII is left (non-Latin scripts).
 */
export function mailboxVariants(namePart: string): string[] {
  const text = namePart
    .normalize("NFC")
    .toLowerCase()
    .replace(/[.'’‘ʼ`´]/g, "")
    .replace(/\s+/g, " ")
    .trim();
  if (text === "") return [];

  const variants: string[] = [];
  for (const shape of shapes(text)) {
    for (const table of letterTables(shape)) {
      const ascii = toAscii(shape, table);
      variants.push(ascii, ascii.replaceAll("-", ""));
    }
  }
  return [...new Set(variants.filter((variant) => variant !== ""))].slice(0, maxVariants);
}

/** The spellings before transliteration: the whole part first, then its shorter forms. */
function shapes(text: string): string[] {
  const words = text.split(" ");
  if (words.length === 1) {
    const particle = hyphenatedParticle.exec(text);
    return particle ? [text, text.slice(particle[0].length)] : [text];
  }
  const joined = words.join("");
  const particleCount = particleLength(words, 0);
  if (particleCount > 0 && particleCount < words.length) {
    return [joined, words.slice(particleCount).join("")];
  }
  const surnames = words.filter((word) => word !== "y");
  return [joined, surnames[0] ?? "", surnames.at(-1) ?? ""];
}

function letterTables(shape: string): Record<string, string>[] {
  if (/[äöü]/.test(shape)) return [expanded, plain];
  if (/[øå]/.test(shape)) return [plain, expanded];
  return [plain];
}

function toAscii(shape: string, table: Record<string, string>): string {
  return [...shape]
    .map((letter) => table[letter] ?? specialLetters[letter] ?? letter)
    .join("")
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[^a-z-]/g, "")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}
