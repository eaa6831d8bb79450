import { describe, expect, it } from "vitest";
import { BadCursorError, decodeCursor, encodeCursor, filtersFingerprint } from "./cursor.ts";

describe("search cursors", () => {
  it("round-trip a position for the same sort and filters", async () => {
    const f = await filtersFingerprint({ q: "cto", icp_min: 50 });
    const c = await encodeCursor({ sort: "icp_desc", key: 72, id: "lead_x" }, f);
    expect(await decodeCursor(c, "icp_desc", f)).toEqual({ sort: "icp_desc", key: 72, id: "lead_x" });
  });

  it("refuse altered, truncated, foreign-sort and foreign-filter cursors", async () => {
    const f = await filtersFingerprint({ q: "cto" });
    const c = await encodeCursor(
      { sort: "verified_at_desc", key: "2026-01-01T00:00:00.000Z", id: "lead_é" },
      f,
    );
    const [payload, check] = c.split(".");
    const altered = `${payload!.slice(0, -2)}${payload!.slice(-2) === "AA" ? "AB" : "AA"}.${check}`;
    for (const bad of [altered, payload!, `${c}.x`, "", "garbage", `${payload}.0000000000000000`]) {
      await expect(decodeCursor(bad, "verified_at_desc", f)).rejects.toBeInstanceOf(BadCursorError);
    }
    await expect(decodeCursor(c, "icp_desc", f)).rejects.toThrow(/sort/);
    await expect(decodeCursor(c, "verified_at_desc", await filtersFingerprint({ q: "ceo" }))).rejects.toThrow(
      /filters/,
    );
  });
});
