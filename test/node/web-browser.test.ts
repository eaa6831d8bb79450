/**
 * The dashboard's sign-in in a real headless Chromium against the local
 * stack (wrangler dev, AUTH_MODE=session): the first administrator made by
 * `npm run admin:bootstrap`, a wrong password, signing in, the start page,
 * signing out. Every page is screenshotted (test-results/screenshots/) and
 * checked with axe-core: no serious or critical violations.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningStack, startLocalStack } from "../../scripts/local-stack.ts";
import { bin, childEnv, root } from "../../scripts/toolchain.ts";
import { launchChromium, screenshot } from "./helpers/browser.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const stateDir = mkdtempSync(join(tmpdir(), "prospector-web-test-"));
const PASSWORD = "a long enough secret for the test";
let stack: RunningStack;
let browser: Browser;

beforeAll(async () => {
  const env = childEnv({ CI: "1", WRANGLER_SEND_METRICS: "false", PROSPECTOR_STATE_DIR: stateDir });
  execFileSync(
    bin("wrangler"),
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", join(stateDir, "state")],
    {
      cwd: root,
      env,
      stdio: "pipe",
    },
  );
  execFileSync(
    process.execPath,
    [join(root, "scripts/bootstrap-admin.ts"), "--email", "admin@company.test"],
    {
      cwd: root,
      env: { ...env, PROSPECTOR_ADMIN_PASSWORD: PASSWORD },
      stdio: "pipe",
    },
  );
  stack = await startLocalStack(stateDir, { AUTH_MODE: "session", REGISTRATION_ENABLED: "true" });
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** axe-core's serious and critical violations on the page (none expected). */
async function accessibilityProblems(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected into the page
    const axe = (window as any).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  return (result.violations as { id: string; impact: string; help: string }[])
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help}`);
}

/** Saves the page's screenshot and checks it with axe-core. */
async function snapshot(page: Page, name: string) {
  await screenshot(page, name);
  expect(await accessibilityProblems(page)).toEqual([]);
}

/** A fresh browser context and page, collecting the page's script errors. */
async function openPage() {
  // The pages' CSP forbids scripts; axe is injected only in the test, so CSP is bypassed here.
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  return { context, page, problems };
}

describe("signing in to the dashboard in Chromium", () => {
  it("refuses a wrong password, signs in, shows the start page, and signs out", async () => {
    const { context, page, problems } = await openPage();

    await page.goto(`${stack.api}/app`);
    expect(new URL(page.url()).pathname).toBe("/auth/login");
    expect(await page.locator("h1").textContent()).toBe("Sign in");
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe("flex");
    await snapshot(page, "web-login");

    await page.getByLabel("Email").fill("admin@company.test");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.locator("[role=alert]").textContent())
      .toBe("The email or the password is wrong.");
    expect(await page.getByLabel("Email").inputValue()).toBe("admin@company.test");
    await snapshot(page, "web-login-error");

    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${stack.api}/app`);
    expect(await page.locator("h1").textContent()).toBe("Runs");
    expect(await page.locator("header").textContent()).toContain("admin@company.test");
    await snapshot(page, "web-home");

    // Keyboard: the skip link comes first and leads to the content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/auth\/login\?signed_out/);
    expect(await page.locator("[role=status]").textContent()).toBe("You are signed out.");
    await page.goto(`${stack.api}/app`);
    expect(new URL(page.url()).pathname).toBe("/auth/login");

    await page.goto(`${stack.api}/auth/pending`);
    await snapshot(page, "web-pending");
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("signs up, reads the code from the dev outbox, confirms the address and waits for approval", async () => {
    const { context, page, problems } = await openPage();

    await page.goto(`${stack.api}/auth/login`);
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL(`${stack.api}/auth/register`);
    expect(await accessibilityProblems(page)).toEqual([]);
    // A short password is refused, with the reason next to the field.
    await page.getByLabel("Company").fill("Nordlicht Studio");
    await page.getByLabel("Work email").fill("lena@nordlicht.test");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect
      .poll(() => page.locator("#password-error").textContent())
      .toBe("Use at least 12 characters.");
    await snapshot(page, "web-register-error");
    await page.getByLabel("Password").fill("a long enough password too");
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/auth\/verify-email\?email=lena%40nordlicht\.test&sent/);
    expect(await page.locator("[role=status]").textContent()).toContain("a 6-digit code is on its way");
    await snapshot(page, "web-verify-email");

    const outbox = await context.newPage();
    await outbox.goto(`${stack.api}/dev/outbox?to=lena%40nordlicht.test`);
    const subject = (await outbox.locator("tbody tr td").nth(2).textContent()) ?? "";
    const code = /(\d{6})$/.exec(subject)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await snapshot(outbox, "web-dev-outbox");

    await page.getByLabel("Code").fill(code!);
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.waitForURL(`${stack.api}/auth/pending?verified`);
    expect(await page.locator("[role=status]").textContent()).toBe("Your email address is confirmed.");
    // Signing in before an administrator approves leads back to the pending page.
    await page.goto(`${stack.api}/auth/login`);
    await page.getByLabel("Email").fill("lena@nordlicht.test");
    await page.getByLabel("Password").fill("a long enough password too");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${stack.api}/auth/pending`);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
