import { describe, expect, it } from "vitest";
import { MalformedFileError } from "./body-text.ts";
import { CsvParser, parseCsv, sniffDelimiter } from "./csv-parser.ts";

const fields = (text: string) => parseCsv(text).map((r) => r.fields);

/** Feeds `text` one character at a time: every chunk boundary a real stream could have. */
function parseInPieces(text: string, size = 1) {
  const out: { fields: string[]; line: number }[] = [];
  const parser = new CsvParser((f, line) => out.push({ fields: f, line }));
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size));
  parser.end();
  return out;
}

describe("CsvParser", () => {
  it("reads plain records with LF, CRLF and lone CR line ends", () => {
    expect(fields("a,b\n1,2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(fields("a,b\r\n1,2\r\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(fields("a,b\r1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("reads quoted fields with delimiters, line breaks and doubled quotes", () => {
    expect(fields('name,note\n"Lovelace, Ada","said ""hi""\nthen left"\n')).toEqual([
      ["name", "note"],
      ["Lovelace, Ada", 'said "hi"\nthen left'],
    ]);
    expect(fields('a,b\n"",x\n')).toEqual([
      ["a", "b"],
      ["", "x"],
    ]);
  });

  it("keeps empty fields, including trailing ones", () => {
    expect(fields("a,,c,\n")).toEqual([["a", "", "c", ""]]);
  });

  it("skips empty lines and drops a BOM", () => {
    expect(parseCsv("\uFEFFemail\n\nada@acme.com\r\n\r\n\nbob@acme.com")).toEqual([
      { fields: ["email"], line: 1 },
      { fields: ["ada@acme.com"], line: 3 },
      { fields: ["bob@acme.com"], line: 6 },
    ]);
  });

  it("gives each record the line it starts on, across quoted line breaks", () => {
    const records = parseCsv('h1,h2\n"multi\nline\r\nvalue",x\nnext,y\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it("reads the same whatever the chunk boundaries", () => {
    const text = '\uFEFFemail,"Full Name"\r\nada@acme.com,"Lovelace, ""Ada"""\r\n\r\n"x\r\ny",z\rlast,row';
    const whole = parseCsv(text);
    for (const size of [1, 2, 3, 7]) expect(parseInPieces(text, size)).toEqual(whole);
    expect(whole.at(-1)).toEqual({ fields: ["last", "row"], line: 6 });
  });

  it("keeps a quote inside an unquoted field as a character", () => {
    expect(fields('a,b\n5" screen,x\n')).toEqual([
      ["a", "b"],
      ['5" screen', "x"],
    ]);
  });

  it("refuses a quote left open, with the line it opened on", () => {
    const err = (() => {
      try {
        parseCsv('email,name\nada@acme.com,"Ada\nbob@acme.com,Bob\n');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(MalformedFileError);
    expect((err as MalformedFileError).line).toBe(2);
    expect((err as MalformedFileError).reason).toMatch(/never closed/);
  });

  it("refuses text after a closing quote", () => {
    expect(() => parseCsv('a,b\n"x"y,z\n')).toThrow(/line 2: unexpected "y" after a closing quote/);
  });

  it("picks the delimiter the header uses: comma, semicolon or tab", () => {
    expect(fields("email;name\nada@acme.com;Ada, Countess\n")).toEqual([
      ["email", "name"],
      ["ada@acme.com", "Ada, Countess"],
    ]);
    expect(fields("email\tname\nada@acme.com\tAda\n")).toEqual([
      ["email", "name"],
      ["ada@acme.com", "Ada"],
    ]);
    expect(sniffDelimiter('"a;b",c')).toBe(44);
    expect(sniffDelimiter("email")).toBe(44);
  });

  it("reads a file without a line break at all", () => {
    expect(fields("email")).toEqual([["email"]]);
    expect(fields("")).toEqual([]);
  });
});
