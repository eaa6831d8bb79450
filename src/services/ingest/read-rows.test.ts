import { describe, expect, it } from "vitest";
import { MalformedFileError } from "../../domain/ingest/body-text.ts";
import type { FieldProblem, RowValues } from "../../domain/ingest/lead-row.ts";
import { BodyTooLargeError, type IngestFormat, readRows } from "./read-rows.ts";

function streamOf(...parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(new TextEncoder().encode(p));
      controller.close();
    },
  });
}

async function read(format: IngestFormat, parts: string[], maxBytes = 1_000_000) {
  const rows: { line: number; values: RowValues }[] = [];
  const problems: { line: number; problem: FieldProblem }[] = [];
  const summary = await readRows(streamOf(...parts), format, maxBytes, {
    row: (line, values) => rows.push({ line, values }),
    problem: (line, problem) => problems.push({ line, problem }),
  });
  return { rows, problems, summary };
}

describe("readRows", () => {
  it("reads CSV rows by field, across chunk boundaries, reporting ignored columns", async () => {
    const { rows, summary } = await read("csv", [
      "E-mail,Pho",
      "ne,Job Title\r\na@x.com,1",
      "23,CTO\r\n,,\r\n",
    ]);
    expect(rows).toEqual([{ line: 2, values: { email: "a@x.com", title: "CTO" } }]);
    expect(summary).toEqual({ bytes: 45, ignoredColumns: ["Phone"] });
  });

  it("reads NDJSON objects, numbers as text, first matching key wins", async () => {
    const { rows, summary } = await read("ndjson", [
      '{"email":"a@x.com","Email":"b@x.com","title":7,"x":1}\n\n',
      '{"email":null}',
    ]);
    expect(rows).toEqual([
      { line: 1, values: { email: "a@x.com", title: "7" } },
      { line: 3, values: {} },
    ]);
    expect(summary.ignoredColumns).toEqual(["x"]);
  });

  it("stops once the body passes the limit, whatever Content-Length said", async () => {
    await expect(read("csv", ["email\n", "a@x.com\n".repeat(20)], 100)).rejects.toBeInstanceOf(
      BodyTooLargeError,
    );
  });

  it("refuses a header without an email column, and an empty file", async () => {
    await expect(read("csv", ["name\nAda\n"])).rejects.toBeInstanceOf(MalformedFileError);
    await expect(read("csv", [])).rejects.toThrow(/empty/);
  });
});
