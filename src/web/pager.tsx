/** Offset paging of the dashboard's lists: reading the offset, and the links between pages. */

/** A list's offset from the query: a whole number from 0 to `max`, else 0. */
export function offsetOf(value: unknown, max = 100_000): number {
  const n = typeof value === "string" && /^\d{1,7}$/.test(value) ? Number(value) : 0;
  return Math.min(n, max);
}

/** Links between pages of `size` rows (`more`: there is a next page); "Newer" / "Older" unless named. */
export function Pager({
  base,
  offset,
  size,
  shown,
  more,
  labels = { prev: "Newer", next: "Older" },
}: {
  /** The page's path with its other query parameters (`?...&` or `?`). */
  base: string;
  offset: number;
  size: number;
  shown: number;
  more: boolean;
  labels?: { prev: string; next: string };
}) {
  if (offset === 0 && !more) return null;
  return (
    <nav aria-label="Pages" class="pager">
      {offset > 0 ? (
        <a href={`${base}offset=${Math.max(0, offset - size)}`} rel="prev">
          {labels.prev}
        </a>
      ) : null}
      <span class="muted">{shown > 0 ? `Rows ${offset + 1}–${offset + shown}` : "No rows on this page"}</span>
      {more ? (
        <a href={`${base}offset=${offset + size}`} rel="next">
          {labels.next}
        </a>
      ) : null}
    </nav>
  );
}
