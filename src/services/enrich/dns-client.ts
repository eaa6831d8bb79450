/**
 * MX and TXT lookups for enrichment through DNS-over-HTTPS JSON (`DOH_URL`,
 * the same endpoint as the crawler's DohResolver): `?name=&type=MX|TXT`.
 * Answers are cached per isolate for their TTL (between 1 and 60 minutes);
 * a lookup that fails or times out is null (unknown) and is not cached.
 */
import { DEFAULT_DOH_URL } from "../../crawler/resolver.ts";
import type { DnsAnswer } from "../../domain/enrich/mail-posture.ts";
import { TtlCache } from "./ttl-cache.ts";

export type RecordType = "MX" | "TXT";

/** DNS records for enrichment; null means the lookup failed (unknown). */
export interface DnsRecords {
  lookup(name: string, type: RecordType): Promise<DnsAnswer | null>;
}

const TYPE_CODES: Record<RecordType, number> = { MX: 15, TXT: 16 };

interface DohBody {
  Status?: number;
  Answer?: { type: number; data: string; TTL?: number }[];
}

export class DohRecordsClient implements DnsRecords {
  private readonly cache = new TtlCache<DnsAnswer>();

  constructor(
    private readonly endpoint: string = DEFAULT_DOH_URL,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly timeoutMs = 3000,
  ) {}

  async lookup(name: string, type: RecordType): Promise<DnsAnswer | null> {
    const key = `${type} ${name.toLowerCase()}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    try {
      const res = await this.fetcher(`${this.endpoint}?name=${encodeURIComponent(name)}&type=${type}`, {
        headers: { accept: "application/dns-json" },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (!res.ok) return null;
      const body = (await res.json()) as DohBody;
      // 0 NOERROR, 3 NXDOMAIN; anything else (SERVFAIL, REFUSED) is unknown.
      if (body.Status !== 0 && body.Status !== 3) return null;
      const records = (body.Answer ?? []).filter((a) => a.type === TYPE_CODES[type]);
      const answer: DnsAnswer = { exists: body.Status === 0, data: records.map((a) => a.data) };
      const shortest = records.length > 0 ? Math.min(...records.map((a) => a.TTL ?? 300)) : 300;
      const ttl = Math.min(3600, Math.max(60, shortest));
      this.cache.set(key, answer, ttl * 1000);
      return answer;
    } catch {
      return null;
    }
  }
}
