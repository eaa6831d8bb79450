import { describe, expect, it } from "vitest";
import { jsonChunks } from "./lead-store.ts";

describe("jsonChunks", () => {
  it("splits values into JSON arrays under the size limit, keeping order", () => {
    const values = Array.from({ length: 50 }, (_, i) => `value-${i}`);
    const chunks = jsonChunks(values, 100);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(100);
    expect(chunks.flatMap((c) => JSON.parse(c))).toEqual(values);
  });

  it("gives a value larger than the limit a chunk of its own, and nothing for no values", () => {
    expect(jsonChunks(["x".repeat(50), "y"], 20)).toEqual([`["${"x".repeat(50)}"]`, '["y"]']);
    expect(jsonChunks([])).toEqual([]);
  });
});
