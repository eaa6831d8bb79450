import { describe, expect, it } from "vitest";
import { bucketKey, isAnalyticsWindow, windowBuckets } from "./time-buckets.ts";

describe("windowBuckets", () => {
  const now = new Date("2026-11-20T10:42:13.500Z");

  it("gives 24 hours ending in the current hour", () => {
    const w = windowBuckets("24h", now);
    expect(w.bucket).toBe("hour");
    expect(w.starts).toHaveLength(24);
    expect(w.starts.at(-1)).toBe("2026-11-20T10:00:00.000Z");
    expect(w.from).toBe("2026-11-19T11:00:00.000Z");
  });

  it.each([
    ["7d", 7, "2026-11-14T00:00:00.000Z"],
    ["30d", 30, "2026-10-22T00:00:00.000Z"],
  ] as const)("gives %s as %i UTC days ending today", (window, count, from) => {
    const w = windowBuckets(window, now);
    expect(w.bucket).toBe("day");
    expect(w.starts).toHaveLength(count);
    expect(w.from).toBe(from);
    expect(w.starts.at(-1)).toBe("2026-11-20T00:00:00.000Z");
  });

  it("names each bucket by the prefix of the timestamps in it", () => {
    expect(bucketKey("2026-11-20T10:59:59.999Z", "hour")).toBe(bucketKey("2026-11-20T10:00:00.000Z", "hour"));
    expect(bucketKey("2026-11-20T23:59:59.999Z", "day")).toBe("2026-11-20");
    expect(bucketKey("2026-11-21T00:00:00.000Z", "day")).not.toBe("2026-11-20");
  });

  it("knows its windows", () => {
    expect(["24h", "7d", "30d"].every(isAnalyticsWindow)).toBe(true);
    for (const other of ["1y", "", "7D", undefined, 7]) expect(isAnalyticsWindow(other)).toBe(false);
  });
});
