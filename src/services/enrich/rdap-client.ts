/**
 * A domain's registration date through RDAP: the IANA bootstrap file
 * (https://data.iana.org/rdap/dns.json) names the RDAP service of each TLD;
 * `<service>/domain/<name>` answers with events, and the `registration`
 * event is the date. The bootstrap is cached a day per isolate, answers a
 * week (a registration date does not change). TLDs without RDAP (several
 * ccTLDs), 404s, timeouts and errors give null: unknown.
 */
import { TtlCache } from "./ttl-cache.ts";

export const IANA_RDAP_BOOTSTRAP = "https://data.iana.org/rdap/dns.json";

/** When a domain was registered (ISO 8601), or null when unknown. */
export interface DomainAgeSource {
  registeredAt(domain: string): Promise<string | null>;
}

interface Bootstrap {
  services: [string[], string[]][];
}

interface RdapDomain {
  events?: { eventAction?: string; eventDate?: string }[];
}

const DAY = 24 * 60 * 60 * 1000;

export class RdapClient implements DomainAgeSource {
  private bootstrap: { services: Map<string, string>; expires: number } | null = null;
  private readonly answers = new TtlCache<string | null>();

  constructor(
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
    private readonly timeoutMs = 5000,
    private readonly bootstrapUrl = IANA_RDAP_BOOTSTRAP,
  ) {}

  async registeredAt(domain: string): Promise<string | null> {
    const name = domain.toLowerCase();
    const cached = this.answers.get(name);
    if (cached !== undefined) return cached;
    try {
      const base = await this.serviceFor(name);
      if (!base) return this.remember(name, null, DAY);
      const res = await this.get(
        `${base.replace(/\/?$/, "/")}domain/${encodeURIComponent(name)}`,
        "application/rdap+json",
      );
      if (res.status === 404) return this.remember(name, null, DAY);
      if (!res.ok) return null;
      const body = (await res.json()) as RdapDomain;
      const date = body.events?.find((e) => e.eventAction === "registration")?.eventDate;
      const iso = date && !Number.isNaN(Date.parse(date)) ? new Date(date).toISOString() : null;
      return this.remember(name, iso, 7 * DAY);
    } catch {
      return null;
    }
  }

  /** The RDAP base URL for a domain's TLD (https preferred), from the cached bootstrap. */
  private async serviceFor(domain: string): Promise<string | null> {
    if (!this.bootstrap || this.bootstrap.expires <= Date.now()) {
      const res = await this.get(this.bootstrapUrl, "application/json");
      if (!res.ok) throw new Error(`RDAP bootstrap answered HTTP ${res.status}`);
      const body = (await res.json()) as Bootstrap;
      const services = new Map<string, string>();
      for (const [tlds, urls] of body.services ?? []) {
        const url = urls.find((u) => u.startsWith("https:")) ?? urls[0];
        if (url) for (const tld of tlds) services.set(tld.toLowerCase(), url);
      }
      this.bootstrap = { services, expires: Date.now() + DAY };
    }
    // Bootstrap entries are TLDs (and a few multi-label suffixes): the longest match wins.
    const labels = domain.split(".");
    for (let i = 1; i < labels.length; i++) {
      const url = this.bootstrap.services.get(labels.slice(i).join("."));
      if (url) return url;
    }
    return null;
  }

  private get(url: string, accept: string): Promise<Response> {
    return this.fetcher(url, { headers: { accept }, signal: AbortSignal.timeout(this.timeoutMs) });
  }

  private remember(name: string, value: string | null, ttlMs: number): string | null {
    this.answers.set(name, value, ttlMs);
    return value;
  }
}
