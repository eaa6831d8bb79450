/**
 * Hostname resolution for the SSRF guard, through DNS-over-HTTPS JSON
 * (`DOH_URL`, default Cloudflare's; the Workers runtime has no DNS API).
 * Answers are cached per isolate for their TTL (at most 5 minutes).
 */

export interface HostResolver {
  /** The A and AAAA addresses of a hostname; empty when it does not resolve. */
  resolve(hostname: string): Promise<string[]>;
}

export const DEFAULT_DOH_URL = "https://cloudflare-dns.com/dns-query";

interface DohAnswer {
  type: number;
  data: string;
  TTL?: number;
}

export class DohResolver implements HostResolver {
  private readonly cache = new Map<string, { addresses: string[]; expires: number }>();

  constructor(
    private readonly endpoint: string = DEFAULT_DOH_URL,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly timeoutMs = 3000,
  ) {}

  async resolve(hostname: string): Promise<string[]> {
    const cached = this.cache.get(hostname);
    if (cached && cached.expires > Date.now()) return cached.addresses;
    const [v4, v6] = await Promise.all([this.query(hostname, "A"), this.query(hostname, "AAAA")]);
    const answers = [...v4, ...v6];
    const addresses = answers.filter((a) => a.type === 1 || a.type === 28).map((a) => a.data);
    const ttl = Math.min(300, ...answers.map((a) => a.TTL ?? 300));
    this.cache.set(hostname, { addresses, expires: Date.now() + ttl * 1000 });
    return addresses;
  }

  private async query(hostname: string, type: "A" | "AAAA"): Promise<DohAnswer[]> {
    const url = `${this.endpoint}?name=${encodeURIComponent(hostname)}&type=${type}`;
    const res = await this.fetcher(url, {
      headers: { accept: "application/dns-json" },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new Error(`DNS-over-HTTPS answered HTTP ${res.status}`);
    const body = (await res.json()) as { Status?: number; Answer?: DohAnswer[] };
    return body.Answer ?? [];
  }
}
