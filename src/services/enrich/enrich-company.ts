/**
 * Builds a company's record from everything enrichment knows how to ask:
 * the crawled site (pure, src/domain/enrich/), its DNS (mail posture), RDAP
 * (registration date) and the Wayback Machine (first capture), the remote
 * lookups in parallel. Each source is optional and each missing answer
 * stays null: unknown, never a guess.
 */
import type { Company } from "../../db/schema.ts";
import { mailPosture } from "../../domain/enrich/mail-posture.ts";
import { type CrawledPages, type SiteFacts, siteFacts } from "../../domain/enrich/site-facts.ts";
import type { DnsRecords } from "./dns-client.ts";
import type { DomainAgeSource } from "./rdap-client.ts";
import type { FirstCaptureSource } from "./wayback-client.ts";

export interface EnrichmentSources {
  dns: DnsRecords;
  /** Off (null) with ENRICH_RDAP=false. */
  rdap: DomainAgeSource | null;
  /** Off (null) with ENRICH_WAYBACK=false. */
  wayback: FirstCaptureSource | null;
  now?: () => Date;
}

/**
 * A `companies` row as one enrichment saw it. The list columns are null
 * when their source was missing (no home page), so an upsert keeps what an
 * earlier enrichment found instead of emptying them.
 */
export type CompanyDraft = Omit<
  Company,
  "id" | "created_at" | "social" | "technologies" | "security_headers"
> &
  Pick<SiteFacts, "social" | "technologies" | "security_headers">;

/** Facts that never change once known: a stored value spares the lookup. */
export type KnownFacts = Pick<Company, "domain_created_at" | "first_capture_at">;

export async function enrichCompany(
  domain: string,
  site: CrawledPages,
  sources: EnrichmentSources,
  known: KnownFacts | null = null,
): Promise<CompanyDraft> {
  const [mx, txt, dmarc, domainCreatedAt, firstCaptureAt] = await Promise.all([
    sources.dns.lookup(domain, "MX"),
    sources.dns.lookup(domain, "TXT"),
    sources.dns.lookup(`_dmarc.${domain}`, "TXT"),
    known?.domain_created_at ?? sources.rdap?.registeredAt(domain) ?? null,
    known?.first_capture_at ?? sources.wayback?.firstCapture(domain) ?? null,
  ]);
  return {
    domain,
    ...siteFacts(domain, site),
    ...mailPosture(domain, { mx, txt, dmarc }),
    domain_created_at: domainCreatedAt,
    first_capture_at: firstCaptureAt,
    enriched_at: (sources.now ?? (() => new Date()))().toISOString(),
  };
}
