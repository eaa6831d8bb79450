import { describe, expect, it } from "vitest";
import { createLogger, redact } from "./logger.ts";

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
});
