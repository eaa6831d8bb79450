/**
 * A newcomer's first minute in a real headless Chromium (issue 16): the
 * local stack in its default mode (ENVIRONMENT=development, AUTH_MODE=dev),
 * the root page, the dashboard through the development sign-in, and a run on
 * the demo's sample companies started from the page and followed to the end.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPage, snapshot, startWebStack, type WebStack } from "./helpers/web-stack.ts";

let web: WebStack;

beforeAll(async () => {
  web = await startWebStack(2, { AUTH_MODE: "dev", ENVIRONMENT: "development" });
}, 240_000);

afterAll(async () => {
  await web?.close();
});

describe("the first minute", () => {
  it("opens the root, gets in as the development identity, and runs the sample companies from the page", async () => {
    const api = web.stack.api;
    const { context, page, problems } = await openPage(web.browser);
    await page.goto(`${api}/`);
    expect(await page.locator("h1").textContent()).toBe("Prospector");
    expect(await page.getByRole("link", { name: "API reference" }).getAttribute("href")).toBe("/docs");
    expect(await page.locator("main").textContent()).toContain("npm run demo");
    await snapshot(page, "first-minute-root");

    await page.getByRole("link", { name: "Open the dashboard" }).click();
    await page.waitForURL(/\/auth\/login/);
    expect(await page.locator("h2").first().textContent()).toBe("Development sign-in");
    await snapshot(page, "first-minute-sign-in");
    await page.getByRole("button", { name: "Continue as this identity" }).click();
    await page.waitForURL(`${api}/app`);
    expect(await page.locator("h1").textContent()).toBe("Runs");

    await page.getByRole("link", { name: "New run" }).click();
    const domains = web.sample.world.companies.map((c) => c.domain);
    await page.getByLabel("Domains").fill(domains.join("\n"));
    await page.getByRole("button", { name: "Start the run" }).click();
    await page.waitForURL(/\/app\/runs\/[0-9a-f-]{36}$/);
    const progress = () => page.$eval("#run-progress", (el) => (el as HTMLProgressElement).value);
    await expect.poll(progress, { timeout: 150_000, interval: 250 }).toBe(100);
    await expect
      .poll(() => page.locator("#run-summary").textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`^Finished: \\d+ leads from ${domains.length} of ${domains.length} domains`));
    expect(await page.locator("#run-status").textContent()).toBe("succeeded");
    await snapshot(page, "first-minute-run");
    expect(problems).toEqual([]);
    await context.close();
  }, 200_000);
});
