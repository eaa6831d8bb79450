import { describe, expect, it } from "vitest";
import { z } from "zod";
import { cleanText, controlCharacterProblem, foldSpaceControls, plainText } from "./plain-text.ts";

describe("plain text", () => {
  it("turns each whitespace control character into one space", () => {
    for (const [input, output] of [
      ["a\tb", "a b"],
      ["a\r\nb", "a  b"],
      ["a\nb\vc\fd", "a b c d"],
      ["next\u0085line", "next line"],
      ["plain text, unchanged", "plain text, unchanged"],
      ["Zoë 日本 💥", "Zoë 日本 💥"],
    ] as const) {
      expect(foldSpaceControls(input), JSON.stringify(input)).toBe(output);
      expect(cleanText(input), JSON.stringify(input)).toEqual({ ok: true, text: output });
    }
  });

  it("refuses any other control character, naming the first one", () => {
    for (const [input, code] of [
      ["a\u0000b", "U+0000"],
      ["\u0001", "U+0001"],
      ["bell\u0007", "U+0007"],
      ["esc\u001b[31m", "U+001B"],
      ["\u001f", "U+001F"],
      ["del\u007f", "U+007F"],
      ["c1\u009b", "U+009B"],
      ["tab\tthen\u0000nul", "U+0000"],
    ] as const) {
      const result = cleanText(input);
      expect(result.ok, JSON.stringify(input)).toBe(false);
      expect(controlCharacterProblem(input)).toContain(code);
      if (!result.ok) expect(result.problem).toContain(code);
    }
    // Printable characters next to the control ranges are text.
    for (const ok of [" ", "~", "\u00a0", "\u00a1", "\u2028", "\ufeff"])
      expect(controlCharacterProblem(ok), JSON.stringify(ok)).toBeNull();
  });

  it("works inside a zod schema: refuses with the reason, folds what it keeps", () => {
    const label = plainText(z.string().trim().max(10));
    expect(label.parse(" Q1\tlist\n")).toBe("Q1 list");
    const refused = label.safeParse("Q1\u0000");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/control character \(U\+0000\)/);
    expect(label.safeParse("x".repeat(11)).success).toBe(false);
  });
});
