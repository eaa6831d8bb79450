/** The crawler end to end on the fixture web, inside the Workers runtime. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { crawlDomain } from "../../../src/crawler/crawl-domain.ts";
import { BrowserRenderer, type PageRenderer } from "../../../src/crawler/render-page.ts";
import { DohResolver } from "../../../src/crawler/resolver.ts";
import { createDatabase } from "../../../src/db/client.ts";
import { crawl, sorted, truth } from "./helpers.ts";

describe("crawlDomain", () => {
  it("finds exactly the addresses and titled people a site publishes", async () => {
    const domain = "bergmann-maschinenbau.test";
    const result = await crawl(domain);
    expect(result.status).toBe("done");
    expect(sorted(result.findings.emails.map((e) => e.email))).toEqual(
      sorted(truth[domain]!.emails.map((e) => e.email)),
    );
    const titles = Object.fromEntries(result.findings.people.map((p) => [`${p.first} ${p.last}`, p.title]));
    for (const person of truth[domain]!.people)
      expect(titles[`${person.first} ${person.last}`], person.name).toBe(person.title);
    expect(result.findings.pattern.best?.pattern).toBe("first.last");
  });

  it("keeps each address's source URLs with first- and last-seen times", async () => {
    const result = await crawl("studio-lumiere.test");
    const bonjour = result.findings.emails.find((e) => e.email.startsWith("bonjour@"));
    expect(bonjour?.sources.length).toBeGreaterThan(1);
    for (const s of bonjour!.sources) {
      expect(s.url).toMatch(/^https?:\/\/(www\.)?studio-lumiere\.test\//);
      expect(Date.parse(s.first_seen_at)).toBeLessThanOrEqual(Date.parse(s.last_seen_at));
    }
  });

  it("crawls nothing when robots.txt answers 5xx, and says why", async () => {
    const result = await crawl("tidewater-marine.test");
    expect(result.status).toBe("robots_unavailable");
    expect(result.reason).toMatch(/503|5xx|server/i);
    expect(result.findings.emails).toEqual([]);
    expect(result.log.filter((l) => l.url && !l.url.endsWith("/robots.txt"))).toEqual([]);
  });

  it("obeys Disallow rules", async () => {
    const result = await crawl("harborline-logistics.test");
    const found = result.findings.emails.map((e) => e.email);
    expect(found).not.toContain("markellison@harborline.test");
    expect(result.log.some((l) => l.outcome && l.url?.includes("/internal/"))).toBe(false);
  });

  it("follows redirect chains within the site but not to other sites", async () => {
    const dutch = await crawl("vandenberg-installatie.test");
    expect(dutch.findings.people.length).toBeGreaterThanOrEqual(
      truth["vandenberg-installatie.test"]!.people.length,
    );
    const saas = await crawl("northpeak.test", { pageTimeoutMs: 2000 });
    expect(saas.log.some((l) => l.outcome === "redirect_out_of_scope")).toBe(true);
  });

  it("gives up on slow pages and truncates huge ones", async () => {
    const saas = await crawl("northpeak.test", { pageTimeoutMs: 2000 });
    expect(saas.log.find((l) => l.url?.includes("/webinars"))?.outcome).toBe("timeout");
    const clinic = await crawl("meridian-health.test", { maxPages: 40 });
    const huge = clinic.log.find((l) => l.url?.includes("/newsroom/archive"));
    expect(huge).toMatchObject({ outcome: "ok", truncated: true, bytes: 2 * 1024 * 1024 });
    expect(clinic.findings.emails.map((e) => e.email)).not.toContain("archive@meridian-health.test");
  });

  it("logs every fetch with status, bytes, time and whether it was rendered", async () => {
    const result = await crawl("rossi-advisory.test");
    const pages = result.log.filter((l) => l.outcome);
    expect(pages.length).toBeGreaterThan(1);
    for (const entry of pages) {
      expect(entry).toMatchObject({ url: expect.any(String), ms: expect.any(Number), rendered: false });
      expect(entry.status === null || typeof entry.status === "number").toBe(true);
    }
  });

  it("caches robots.txt for a day", async () => {
    await crawl("rossi-advisory.test");
    const again = await crawl("rossi-advisory.test");
    expect(again.log[0]?.message).toMatch(/\(cached\)/);
    await env.DB.prepare("UPDATE robots_cache SET fetched_at = '2000-01-01T00:00:00.000Z' WHERE domain = ?")
      .bind("rossi-advisory.test")
      .run();
    const stale = await crawl("rossi-advisory.test");
    expect(stale.log[0]?.message).not.toMatch(/\(cached\)/);
  });
});

describe("client-rendered pages", () => {
  it("renders a team page filled by JavaScript in the browser", async () => {
    const domain = "brightforge.test";
    const result = await crawl(domain, { render: true });
    expect(result.log.some((l) => l.rendered && l.url?.includes("/team"))).toBe(true);
    const names = result.findings.people.map((p) => `${p.first} ${p.last}`);
    for (const person of truth[domain]!.people)
      expect(names, person.name).toContain(`${person.first} ${person.last}`);
  }, 60_000);

  it("renders again on a new browser session when a session fails, not when a page times out", async () => {
    const real = new BrowserRenderer(env.BROWSER!);
    let calls = 0;
    const flaky: PageRenderer = {
      render: async (url) => {
        calls += 1;
        if (calls === 1) throw new Error("Network connection lost.");
        return real.render(url);
      },
      close: () => real.close(),
    };
    const result = await crawlDomain(
      {
        domain: "brightforge.test",
        userAgent: "ProspectorBot",
        policy: { allowPrivate: false, resolver: new DohResolver() },
        allowReservedNames: true,
      },
      { db: createDatabase(env.DB), renderer: flaky },
    );
    expect(result.log.some((l) => l.rendered && l.url?.includes("/team"))).toBe(true);
    expect(result.log.some((l) => l.message.includes("retrying with a new browser session"))).toBe(true);

    let timeouts = 0;
    const slow: PageRenderer = {
      render: async () => {
        timeouts += 1;
        throw new Error("Navigation timeout of 15000 ms exceeded");
      },
      close: async () => {},
    };
    const again = await crawlDomain(
      {
        domain: "brightforge.test",
        userAgent: "ProspectorBot",
        policy: { allowPrivate: false, resolver: new DohResolver() },
        allowReservedNames: true,
        renderBudget: 1,
      },
      { db: createDatabase(env.DB), renderer: slow },
    );
    expect(timeouts).toBe(1);
    expect(again.log.some((l) => l.message.includes("rendering failed: Navigation timeout"))).toBe(true);
  }, 60_000);

  it("without a BROWSER binding reads static HTML only and says so", async () => {
    const result = await crawl("brightforge.test");
    expect(result.log.some((l) => l.message.includes("no BROWSER binding"))).toBe(true);
    expect(result.log.some((l) => l.rendered)).toBe(false);
  });
});

describe("budgets", () => {
  it("stops at the page budget", async () => {
    const result = await crawl("meridian-health.test", { maxPages: 3 });
    expect(result.log.filter((l) => l.outcome === "ok").length).toBeLessThanOrEqual(3);
  });

  it("stops at the domain's time budget and says so", async () => {
    const result = await crawl("northpeak.test", { budgetMs: 1, pageTimeoutMs: 2000 });
    expect(result.log.some((l) => l.message.includes("time budget used up"))).toBe(true);
  });
});
