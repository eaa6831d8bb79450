/**
 * The Wayback Machine's first capture of a domain's home page, through the
 * CDX API (`/cdx/search/cdx?url=<domain>&limit=1&output=json&fl=timestamp`,
 * results oldest first). Cached a week per isolate; no capture, a timeout
 * or an error give null: unknown.
 */
import { TtlCache } from "./ttl-cache.ts";

export const WAYBACK_CDX = "https://web.archive.org/cdx/search/cdx";

/** When a site was first archived (ISO 8601), or null when unknown. */
export interface FirstCaptureSource {
  firstCapture(domain: string): Promise<string | null>;
}

const WEEK = 7 * 24 * 60 * 60 * 1000;

/** "20020120142510" -> "2002-01-20T14:25:10.000Z"; null when it is not a CDX timestamp. */
export function cdxTimestampToIso(ts: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?$/.exec(ts);
  if (!m) return null;
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = m;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}Z`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export class WaybackClient implements FirstCaptureSource {
  private readonly answers = new TtlCache<string | null>();

  constructor(
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly timeoutMs = 8000,
    private readonly endpoint = WAYBACK_CDX,
  ) {}

  async firstCapture(domain: string): Promise<string | null> {
    const name = domain.toLowerCase();
    const cached = this.answers.get(name);
    if (cached !== undefined) return cached;
    try {
      const url = `${this.endpoint}?url=${encodeURIComponent(name)}&limit=1&output=json&fl=timestamp`;
      const res = await this.fetcher(url, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!res.ok) return null;
      // [["timestamp"], ["19961220233227"]], or [] when never captured.
      const rows = (await res.json()) as unknown;
      const ts = Array.isArray(rows) && Array.isArray(rows[1]) ? String(rows[1][0]) : null;
      const iso = ts ? cdxTimestampToIso(ts) : null;
      this.answers.set(name, iso, WEEK);
      return iso;
    } catch {
      return null;
    }
  }
}
