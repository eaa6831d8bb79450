/**
 * An incremental CSV reader (RFC 4180 and what spreadsheets actually write):
 * text goes in chunk by chunk, records come out as soon as they are complete,
 * each with the line it started on. Quoted fields may hold delimiters, line
 * breaks and doubled quotes; CRLF, LF and lone CR all end a record; a BOM is
 * dropped; empty lines are skipped. The delimiter is the one the first line
 * uses most of comma, semicolon and tab (comma when it uses none), so
 * European exports with `;` read too. A quote inside an unquoted field is
 * kept as a character; text after a closing quote and a quote left open at
 * the end of the file make the file malformed.
 */
import { MalformedFileError } from "./body-text.ts";

/** Receives each record and the 1-based line it started on. */
export type CsvRecordSink = (fields: string[], line: number) => void;

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

/** Where the reader is: at a field's start, inside an unquoted or a quoted field, or just after a quote in a quoted one. */
const State = { FieldStart: 0, Unquoted: 1, Quoted: 2, QuoteInQuoted: 3 } as const;
type State = (typeof State)[keyof typeof State];

export class CsvParser {
  private delimiter: number | null;
  private state: State = State.FieldStart;
  private field = "";
  private record: string[] = [];
  /** The current physical line (1-based) and the one the current record started on. */
  private line = 1;
  private recordLine = 1;
  private quoteLine = 1;
  /** A CR ended the last chunk: an LF starting the next one belongs to it. */
  private pendingCr = false;
  /** The same, inside a quoted field (only the line count cares). */
  private pendingQuotedCr = false;
  private started = false;
  /** Text held back until the first line is complete (to pick the delimiter). */
  private head = "";

  constructor(
    private readonly onRecord: CsvRecordSink,
    options: { delimiter?: "," | ";" | "\t" } = {},
  ) {
    this.delimiter = options.delimiter ? options.delimiter.charCodeAt(0) : null;
  }

  /** Feeds the next chunk of text. */
  push(text: string): void {
    if (!this.started) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      this.started = text.length > 0;
    }
    if (this.delimiter === null) {
      this.head += text;
      const firstBreak = this.head.search(/[\r\n]/);
      if (firstBreak < 0) return;
      this.delimiter = sniffDelimiter(this.head.slice(0, firstBreak));
      text = this.head;
      this.head = "";
    }
    this.scan(text);
  }

  /** Ends the input: emits the last record; throws MalformedFileError for a quote left open. */
  end(): void {
    if (this.delimiter === null) {
      this.delimiter = sniffDelimiter(this.head);
      const rest = this.head;
      this.head = "";
      this.scan(rest);
    }
    if (this.state === State.Quoted) {
      throw new MalformedFileError(this.quoteLine, "a quoted field is never closed (unbalanced quotes)");
    }
    this.endRecord();
  }

  private scan(text: string): void {
    const delimiter = this.delimiter!;
    let i = 0;
    if (this.pendingCr) {
      this.pendingCr = false;
      if (text.charCodeAt(0) === LF) i = 1;
    }
    if (this.pendingQuotedCr) {
      this.pendingQuotedCr = false;
      if (text.charCodeAt(0) !== LF) this.line++;
    }
    let start = i; // where the unsaved part of the current field begins
    const n = text.length;
    while (i < n) {
      const ch = text.charCodeAt(i);
      switch (this.state) {
        case State.FieldStart:
          if (ch === QUOTE) {
            this.state = State.Quoted;
            this.quoteLine = this.line;
            start = i + 1;
            break;
          }
          this.state = State.Unquoted;
          start = i;
          continue; // read the same character again, as part of an unquoted field
        case State.Unquoted:
          if (ch === delimiter) {
            this.field += text.slice(start, i);
            this.endField();
          } else if (ch === CR || ch === LF) {
            this.field += text.slice(start, i);
            i = this.lineBreak(text, i);
            start = i + 1;
          }
          break;
        case State.Quoted:
          if (ch === QUOTE) {
            this.field += text.slice(start, i);
            this.state = State.QuoteInQuoted;
          } else if (ch === LF) {
            this.line++;
          } else if (ch === CR) {
            if (i + 1 === n) this.pendingQuotedCr = true;
            else if (text.charCodeAt(i + 1) !== LF) this.line++;
          }
          break;
        case State.QuoteInQuoted:
          if (ch === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            start = i + 1;
          } else if (ch === delimiter) {
            this.endField();
          } else if (ch === CR || ch === LF) {
            i = this.lineBreak(text, i);
          } else {
            throw new MalformedFileError(
              this.line,
              `unexpected ${JSON.stringify(text[i])} after a closing quote (a quote inside a quoted field is written "")`,
            );
          }
          break;
      }
      i++;
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += text.slice(start, n);
  }

  /** Ends the record at the line break at `i`; returns the index of its last character. */
  private lineBreak(text: string, i: number): number {
    this.endRecord();
    this.line++;
    this.recordLine = this.line;
    if (text.charCodeAt(i) === CR) {
      if (i + 1 === text.length) this.pendingCr = true;
      else if (text.charCodeAt(i + 1) === LF) return i + 1;
    }
    return i;
  }

  private endField(): void {
    this.record.push(this.field);
    this.field = "";
    this.state = State.FieldStart;
  }

  private endRecord(): void {
    const empty = this.record.length === 0 && this.field === "" && this.state !== State.QuoteInQuoted;
    if (!empty) {
      this.record.push(this.field);
      this.onRecord(this.record, this.recordLine);
    }
    this.record = [];
    this.field = "";
    this.state = State.FieldStart;
  }
}

/** The delimiter a header line uses most, outside quotes: comma, semicolon or tab. */
export function sniffDelimiter(firstLine: string): number {
  const counts = new Map<number, number>([
    [44, 0],
    [59, 0],
    [9, 0],
  ]);
  let quoted = false;
  for (let i = 0; i < firstLine.length; i++) {
    const ch = firstLine.charCodeAt(i);
    if (ch === QUOTE) quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = 44;
  for (const [ch, count] of counts) if (count > counts.get(best)!) best = ch;
  return best;
}

/** Parses a whole CSV text (tests, small inputs): the records with their lines. */
export function parseCsv(text: string): { fields: string[]; line: number }[] {
  const out: { fields: string[]; line: number }[] = [];
  const parser = new CsvParser((fields, line) => out.push({ fields, line }));
  parser.push(text);
  parser.end();
  return out;
}
