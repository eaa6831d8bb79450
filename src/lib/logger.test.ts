import { DrizzleQueryError } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createLogger, describeError, redact } from "./logger.ts";

describe("logger", () => {
  it("writes JSON lines with bound fields and respects the level", () => {
    const lines: string[] = [];
    const log = createLogger({ request_id: "r1" }, "info", (line) => lines.push(line)).child({
      tenant_id: "t1",
    });
    log.debug("hidden");
    log.info("shown", { n: 1 });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: "info",
      msg: "shown",
      request_id: "r1",
      tenant_id: "t1",
      n: 1,
    });
  });

  it("redacts sensitive keys at any depth", () => {
    expect(
      redact({
        password: "p",
        nested: { Authorization: "Bearer x", api_key: "k", ok: 1 },
        list: [{ secret: "s" }],
      }),
    ).toEqual({
      password: "[redacted]",
      nested: { Authorization: "[redacted]", api_key: "[redacted]", ok: 1 },
      list: [{ secret: "[redacted]" }],
    });
  });

  it("logs a failed query's SQL and reason but none of its bound values", () => {
    const failed = new DrizzleQueryError(
      "SELECT * FROM leads WHERE tenant_id = ? AND email = ?",
      ["tenant-1", "ada.secret@acme.test"],
      new Error("D1_ERROR: unterminated string"),
    );
    const fields = describeError(failed);
    expect(fields).toMatchObject({
      error_name: "DrizzleQueryError",
      error_message: "Failed query: SELECT * FROM leads WHERE tenant_id = ? AND email = ?",
      error_cause: "D1_ERROR: unterminated string",
      params_count: 2,
    });
    expect(JSON.stringify(fields)).not.toContain("ada.secret");
    expect(JSON.stringify(fields)).not.toContain("tenant-1");
    expect(String(fields.stack)).toMatch(/^\s+at /);
  });
});
