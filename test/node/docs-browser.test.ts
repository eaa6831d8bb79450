/** /docs in a real headless Chromium: styled, readable, and nothing blocked by its CSP. */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { launchChromium, screenshot } from "./helpers/browser.ts";

const env = { DB: {}, ENVIRONMENT: "development", AUTH_MODE: "dev", LOG_LEVEL: "error" };
let origin = "";
let server: ReturnType<typeof serve>;
let browser: Browser;

beforeAll(async () => {
  const app = createApp();
  await new Promise<void>((resolve) => {
    server = serve({ fetch: (req) => app.fetch(req, env), port: 0, hostname: "127.0.0.1" }, () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe("GET /docs in Chromium", () => {
  it("renders the styled reference with every operation and no console errors", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    const res = await page.goto(`${origin}/docs`);
    expect(res?.status()).toBe(200);
    const doc = (await (await fetch(`${origin}/openapi.json`)).json()) as { paths: Record<string, object> };
    const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(await page.locator("nav a[href^='#']").count()).toBe(operations);
    expect(await page.locator("section.op").count()).toBe(operations);
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe("grid");
    expect(await page.locator("h1").textContent()).toBe("Prospector API");
    await page.locator("nav a[href='#post-api-keys']").click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe("#post-api-keys");
    expect(await page.locator("#post-api-keys").isVisible()).toBe(true);
    await screenshot(page, "docs");
    expect(problems).toEqual([]);
  });
});
