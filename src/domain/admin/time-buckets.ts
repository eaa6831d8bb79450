/**
 * The admin analytics' time windows and their buckets: pure arithmetic on
 * UTC timestamps. A bucket is named by a prefix of the ISO 8601 form the
 * database stores (`2026-11-20T10` for an hour, `2026-11-20` for a day), so
 * SQL can group rows by `substr(column, 1, n)` and the series is filled by
 * looking those keys up.
 */

export const analyticsWindows = ["24h", "7d", "30d"] as const;
export type AnalyticsWindow = (typeof analyticsWindows)[number];
export type BucketUnit = "hour" | "day";

const layout: Record<AnalyticsWindow, { bucket: BucketUnit; count: number }> = {
  "24h": { bucket: "hour", count: 24 },
  "7d": { bucket: "day", count: 7 },
  "30d": { bucket: "day", count: 30 },
};

const unitMs: Record<BucketUnit, number> = { hour: 3_600_000, day: 86_400_000 };

/** How many leading characters of an ISO timestamp name its bucket. */
export const bucketKeyLength: Record<BucketUnit, 13 | 10> = { hour: 13, day: 10 };

export interface WindowBuckets {
  window: AnalyticsWindow;
  bucket: BucketUnit;
  /** The first bucket's start (ISO): rows from here on count. */
  from: string;
  /** Each bucket's start (ISO), oldest first; the last one holds `now`. */
  starts: string[];
}

/** True for "24h", "7d" and "30d". */
export function isAnalyticsWindow(value: unknown): value is AnalyticsWindow {
  return typeof value === "string" && (analyticsWindows as readonly string[]).includes(value);
}

/** The buckets of a window ending in the (partial) hour or day that holds `now`. */
export function windowBuckets(window: AnalyticsWindow, now: Date): WindowBuckets {
  const { bucket, count } = layout[window];
  const size = unitMs[bucket];
  // Hours and UTC days both divide the epoch evenly, so flooring gives the bucket's start.
  const current = Math.floor(now.getTime() / size) * size;
  const starts = Array.from({ length: count }, (_, i) =>
    new Date(current - (count - 1 - i) * size).toISOString(),
  );
  return { window, bucket, from: starts[0]!, starts };
}

/** The key of the bucket an ISO timestamp (or a bucket start) falls in. */
export function bucketKey(iso: string, bucket: BucketUnit): string {
  return iso.slice(0, bucketKeyLength[bucket]);
}
