/**
 * The Worker the crawl benchmark runs inside Miniflare: the production
 * crawler and extractor behind two endpoints. `/extract` runs extractPage on
 * a posted page `repeat` times (the caller times the difference between
 * repeat counts, since clocks inside workerd only move on I/O); `/crawl`
 * crawls one domain and returns its findings and log.
 */

import { crawlDomain } from "../../src/crawler/crawl-domain.ts";
import { BrowserRenderer } from "../../src/crawler/render-page.ts";
import { DohResolver } from "../../src/crawler/resolver.ts";
import { createDatabase } from "../../src/db/client.ts";
import { extractPage } from "../../src/domain/extract/extract-page.ts";
import { clearMemoCaches } from "../../src/domain/memo.ts";

interface BenchEnv {
  DB: D1Database;
  BROWSER?: Fetcher;
}

export default {
  async fetch(request: Request, env: BenchEnv): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/extract") {
      const input = (await request.json()) as { html: string; url: string; domain: string; repeat: number };
      // Cold every time: memo caches would otherwise make a repeated page look faster than a new one.
      clearMemoCaches();
      let result = extractPage(input);
      for (let i = 1; i < input.repeat; i++) {
        clearMemoCaches();
        result = extractPage(input);
      }
      return Response.json({ emails: result.emails.length, people: result.people.length });
    }
    if (url.pathname === "/crawl") {
      const domain = url.searchParams.get("domain") ?? "";
      const render = url.searchParams.get("render") !== "0";
      const result = await crawlDomain(
        {
          domain,
          userAgent: "ProspectorBot",
          policy: { allowPrivate: false, resolver: new DohResolver() },
          allowReservedNames: true,
        },
        {
          db: createDatabase(env.DB),
          renderer: render && env.BROWSER ? new BrowserRenderer(env.BROWSER) : null,
        },
      );
      return Response.json(result);
    }
    return new Response("not found", { status: 404 });
  },
};
