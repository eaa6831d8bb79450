/**
 * Renders client-side pages through the Browser Rendering binding
 * (@cloudflare/puppeteer; locally the machine's Chromium). One browser is
 * opened lazily per domain crawl and closed at its end. Images, fonts and
 * media are not loaded, and the page may not request IP-literal or internal
 * hosts unless private targets are allowed (development).
 */
import puppeteer, { type Browser } from "@cloudflare/puppeteer";
import { isIpLiteral } from "../domain/network/ip-ranges.ts";
import { isInternalHostname } from "./target-guard.ts";

export interface PageRenderer {
  render(url: string): Promise<{ html: string; ms: number }>;
  close(): Promise<void>;
}

const skippedResources = new Set(["image", "font", "media"]);

export class BrowserRenderer implements PageRenderer {
  private browser: Promise<Browser> | null = null;

  constructor(
    private readonly binding: Fetcher,
    private readonly options: { timeoutMs?: number; allowPrivate?: boolean; userAgent?: string } = {},
  ) {}

  async render(url: string): Promise<{ html: string; ms: number }> {
    const started = Date.now();
    this.browser ??= puppeteer.launch(this.binding as unknown as Parameters<typeof puppeteer.launch>[0]);
    let browser: Browser;
    try {
      browser = await this.browser;
    } catch (err) {
      // A failed launch is forgotten: the next render launches again instead of failing for ever.
      this.browser = null;
      throw err;
    }
    const page = await browser.newPage();
    try {
      if (this.options.userAgent) await page.setUserAgent(this.options.userAgent);
      await page.setRequestInterception(true);
      page.on("request", (request) => {
        const target = new URL(request.url());
        const blockedHost =
          !this.options.allowPrivate && (isIpLiteral(target.hostname) || isInternalHostname(target.hostname));
        if (
          skippedResources.has(request.resourceType()) ||
          blockedHost ||
          !/^https?:$/.test(target.protocol)
        ) {
          void request.abort();
        } else {
          void request.continue();
        }
      });
      await page.goto(url, { waitUntil: "networkidle0", timeout: this.options.timeoutMs ?? 15_000 });
      return { html: await page.content(), ms: Date.now() - started };
    } finally {
      await page.close().catch(() => {});
    }
  }

  async close(): Promise<void> {
    if (!this.browser) return;
    const browser = await this.browser.catch(() => null);
    this.browser = null;
    await browser?.close().catch(() => {});
  }
}
