/** Running the real crawler in the Workers tests: fixture web via outboundService, recorded DNS, D1, the browser. */
import { env } from "cloudflare:test";
import { type CrawlSettings, crawlDomain } from "../../../src/crawler/crawl-domain.ts";
import { BrowserRenderer } from "../../../src/crawler/render-page.ts";
import { DohResolver } from "../../../src/crawler/resolver.ts";
import { createDatabase } from "../../../src/db/client.ts";
import truthJson from "../../fixtures/web/truth.json";

export interface Truth {
  emails: { email: string; type: "personal" | "generic"; person: string | null }[];
  people: { name: string; first: string; last: string; title: string | null; email: string | null }[];
  pattern: string | null;
  not_emails?: string[];
}
export const truth = truthJson as unknown as Record<string, Truth>;

export function crawl(domain: string, options: Partial<CrawlSettings> & { render?: boolean } = {}) {
  const { render = false, ...settings } = options;
  return crawlDomain(
    {
      domain,
      userAgent: "ProspectorBot",
      policy: { allowPrivate: false, resolver: new DohResolver() },
      allowReservedNames: true,
      ...settings,
    },
    { db: createDatabase(env.DB), renderer: render ? new BrowserRenderer(env.BROWSER!) : null },
  );
}

export const sorted = (xs: Iterable<string>) => [...xs].sort();
