import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv.ts";

describe("csv", () => {
  it("quotes commas, quotes and line breaks, doubling quotes", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    for (const bad of ["=1+1", "+cmd", "-2+3", "@SUM(A1)", "\tx", "\rx"]) {
      expect(csvCell(bad).replace(/^"/, "").startsWith("'")).toBe(true);
    }
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    // Numbers are data, not text a user typed: -5 stays a number.
    expect(csvCell(-5)).toBe("-5");
  });

  it("neutralises a formula after a separator: spreadsheets that split on `;` (or tab) start a cell there", () => {
    for (const [value, written] of [
      ['Acme;=HYPERLINK("http://x","y")', `"'Acme;=HYPERLINK(""http://x"",""y"")"`],
      ["Acme,=1+1", `"'Acme,=1+1"`],
      ["a;+cmd", `"'a;+cmd"`],
      ["a;-2+3", `"'a;-2+3"`],
      ["a;@SUM(A1)", `"'a;@SUM(A1)"`],
      ["a;\tx", `"'a;\tx"`],
      ["a;\rx", `"'a;\rx"`],
      ["a\t=1", `"'a\t=1"`],
      ["two\n=lines", `"'two\n=lines"`],
      // Cells already neutralised at the start are quoted too.
      ["=1+1", `"'=1+1"`],
      ["-5", `"'-5"`],
    ] as const) {
      expect(csvCell(value), JSON.stringify(value)).toBe(written);
    }
  });

  it("leaves text alone when no formula character follows a separator", () => {
    for (const [value, written] of [
      ["Acme; Widgets", "Acme; Widgets"],
      ["Smith, Jr.", '"Smith, Jr."'],
      ["a-b;c", "a-b;c"],
      ["C++ & C#", "C++ & C#"],
      ["x@y.com", "x@y.com"],
      ["Acme; =spaced", "Acme; =spaced"],
    ] as const) {
      expect(csvCell(value), JSON.stringify(value)).toBe(written);
    }
    // Numbers are data: negative numbers stay numbers.
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(-0.5)).toBe("-0.5");
  });

  it("ends lines with CRLF", () => {
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });
});
