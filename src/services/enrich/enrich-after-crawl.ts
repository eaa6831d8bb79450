/**
 * The one call the run pipeline makes after crawling a domain: enrich the
 * company from the crawl and the remote sources the settings allow, and
 * store it. Best effort: enrichment never fails a domain, so errors are
 * logged and give null.
 */
import { eq } from "drizzle-orm";
import type { Config } from "../../config.ts";
import type { DomainCrawl } from "../../crawler/crawl-domain.ts";
import type { Database } from "../../db/client.ts";
import { type Company, companies } from "../../db/schema.ts";
import type { Logger } from "../../lib/logger.ts";
import { upsertCompany } from "./company-store.ts";
import { DohRecordsClient } from "./dns-client.ts";
import { type EnrichmentSources, enrichCompany } from "./enrich-company.ts";
import { RdapClient } from "./rdap-client.ts";
import { WaybackClient } from "./wayback-client.ts";

export interface EnrichOptions {
  /** Outbound fetch for DoH, RDAP and Wayback (tests pass recorded responses). */
  fetcher?: typeof fetch;
  /** Ready-made sources (replace the ones built from the settings). */
  sources?: EnrichmentSources;
  log?: Logger;
  now?: () => Date;
}

// One set of clients per isolate and settings, so their caches outlive a request.
const isolateSources = new WeakMap<Config, EnrichmentSources>();

/** The production clients for the settings: DoH at DOH_URL, RDAP and Wayback unless switched off. */
export function enrichmentSources(config: Config, fetcher?: typeof fetch): EnrichmentSources {
  const build = (): EnrichmentSources => ({
    dns: new DohRecordsClient(config.DOH_URL, fetcher, Math.min(config.ENRICH_TIMEOUT_MS, 5_000)),
    rdap: config.ENRICH_RDAP ? new RdapClient(fetcher, config.ENRICH_TIMEOUT_MS) : null,
    wayback: config.ENRICH_WAYBACK ? new WaybackClient(fetcher, config.ENRICH_TIMEOUT_MS) : null,
  });
  if (fetcher) return build();
  let sources = isolateSources.get(config);
  if (!sources) {
    sources = build();
    isolateSources.set(config, sources);
  }
  return sources;
}

/**
 * Enriches and stores the crawled domain's company; null when it failed
 * (logged). Registration date and first capture already stored are reused.
 */
export async function enrichAfterCrawl(
  db: Database,
  config: Config,
  crawl: Pick<DomainCrawl, "domain" | "site">,
  options: EnrichOptions = {},
): Promise<Company | null> {
  try {
    const sources = options.sources ?? enrichmentSources(config, options.fetcher);
    const known = await db
      .select({
        domain_created_at: companies.domain_created_at,
        first_capture_at: companies.first_capture_at,
      })
      .from(companies)
      .where(eq(companies.domain, crawl.domain))
      .get();
    const draft = await enrichCompany(
      crawl.domain,
      crawl.site,
      { ...sources, ...(options.now ? { now: options.now } : {}) },
      known ?? null,
    );
    return await upsertCompany(db, draft);
  } catch (err) {
    options.log?.warn("company enrichment failed", {
      domain: crawl.domain,
      error: err instanceof Error ? err.message : String(err),
    });
    return null;
  }
}
