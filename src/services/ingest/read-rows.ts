/**
 * Reads an uploaded body (CSV or NDJSON) as it arrives and hands over its
 * rows one at a time, as field values keyed by lead field with the line the
 * row starts on. The body is never held as one string: bytes are decoded
 * chunk by chunk and records cut as soon as they are complete. Counts bytes
 * itself and stops past the limit (a Content-Length can lie, or be absent).
 */
import { MalformedFileError, Utf8ChunkDecoder } from "../../domain/ingest/body-text.ts";
import {
  type ColumnMap,
  EMAIL_HEADER_HINT,
  fieldForHeader,
  mapColumns,
} from "../../domain/ingest/columns.ts";
import { CsvParser } from "../../domain/ingest/csv-parser.ts";
import type { FieldProblem, RowValues } from "../../domain/ingest/lead-row.ts";

export type IngestFormat = "csv" | "ndjson";

/** The body went past BODY_LIMIT_BYTES while it was read. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`The request body is larger than the limit of ${limit} bytes`);
  }
}

/** Receives each row: its values, or why the row itself could not be read. */
export interface RowSink {
  row(line: number, values: RowValues): void;
  problem(line: number, problem: FieldProblem): void;
}

export interface ReadSummary {
  bytes: number;
  /** Columns (or NDJSON keys) that name no lead field, at most 50. */
  ignoredColumns: string[];
}

const MAX_IGNORED = 50;

/** Reads the whole body into `sink`; throws MalformedFileError or BodyTooLargeError. */
export async function readRows(
  body: ReadableStream<Uint8Array> | null,
  format: IngestFormat,
  maxBytes: number,
  sink: RowSink,
): Promise<ReadSummary> {
  const decoder = new Utf8ChunkDecoder();
  const reader = format === "csv" ? new CsvRows(sink) : new NdjsonRows(sink);
  let bytes = 0;
  if (body) {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      if (bytes > maxBytes) throw new BodyTooLargeError(maxBytes);
      reader.push(decoder.decode(chunk));
    }
  }
  reader.push(decoder.end());
  reader.end();
  return { bytes, ignoredColumns: reader.ignored.slice(0, MAX_IGNORED) };
}

/** CSV: the first record is the header; each later one is a row. */
class CsvRows {
  private columns: ColumnMap | null = null;
  private readonly parser: CsvParser;
  ignored: string[] = [];

  constructor(private readonly sink: RowSink) {
    this.parser = new CsvParser((fields, line) => this.record(fields, line));
  }

  push(text: string) {
    if (text) this.parser.push(text);
  }

  end() {
    this.parser.end();
    if (!this.columns) throw new MalformedFileError(1, "the file is empty: send a header row and rows");
  }

  private record(fields: string[], line: number) {
    if (!this.columns) {
      this.columns = mapColumns(fields);
      this.ignored = this.columns.ignored;
      if (!this.columns.fields.includes("email")) {
        throw new MalformedFileError(
          line,
          `the header row has no email column (accepted: ${EMAIL_HEADER_HINT}); it reads ${JSON.stringify(fields.slice(0, 20))}`,
        );
      }
      return;
    }
    if (fields.every((f) => f.trim() === "")) return;
    const width = this.columns.fields.length;
    if (fields.length > width && fields.slice(width).some((f) => f.trim() !== "")) {
      this.sink.problem(line, {
        field: "row",
        detail: `${fields.length} cells but the header has ${width} (a comma inside a value needs quotes)`,
      });
      return;
    }
    const values: RowValues = {};
    this.columns.fields.forEach((field, i) => {
      if (field && fields[i] !== undefined) values[field] = fields[i];
    });
    this.sink.row(line, values);
  }
}

/** NDJSON: one JSON object per line; keys are matched like CSV headers. */
class NdjsonRows {
  private rest = "";
  private line = 0;
  private readonly ignoredSet = new Set<string>();

  constructor(private readonly sink: RowSink) {}

  get ignored() {
    return [...this.ignoredSet];
  }

  push(text: string) {
    const lines = (this.rest + text).split("\n");
    this.rest = lines.pop() ?? "";
    for (const line of lines) this.readLine(line);
  }

  end() {
    if (this.rest) this.readLine(this.rest);
    this.rest = "";
  }

  private readLine(raw: string) {
    this.line += 1;
    const text = raw.trim();
    if (!text) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      const reason = err instanceof SyntaxError ? err.message : "invalid JSON";
      this.sink.problem(this.line, { field: "row", detail: `not valid JSON: ${reason.slice(0, 200)}` });
      return;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      this.sink.problem(this.line, { field: "row", detail: "each line must be a JSON object" });
      return;
    }
    const values: RowValues = {};
    for (const [key, value] of Object.entries(parsed)) {
      const field = fieldForHeader(key);
      if (!field) {
        if (this.ignoredSet.size < MAX_IGNORED) this.ignoredSet.add(key.slice(0, 100));
        continue;
      }
      if (field in values || value === null || value === undefined) continue;
      if (typeof value === "object") {
        this.sink.problem(this.line, { field, detail: "must be text, not an object or a list" });
        return;
      }
      values[field] = String(value);
    }
    this.sink.row(this.line, values);
  }
}
