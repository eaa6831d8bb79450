/**
 * The dashboard's browser tests' world: the sample companies (websites,
 * DNS and SMTP on loopback), the local stack in AUTH_MODE=session with
 * sign-up on and its crawler and sidecar pointed at the sample world, the
 * first administrator made by `npm run admin:bootstrap` (and a member of
 * their tenant), and Debian's
 * Chromium. Pages keep their real CSP (the run page's script runs under
 * it); axe-core is evaluated through the DevTools protocol, which CSP does
 * not govern.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { expect } from "vitest";
import { type RunningSampleWorld, startSampleWorld } from "../../../scripts/lib/sample-world.ts";
import { type RunningStack, startLocalStack } from "../../../scripts/local-stack.ts";
import { bin, childEnv, root } from "../../../scripts/toolchain.ts";
import { launchChromium, screenshot } from "./browser.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const ADMIN_EMAIL = "admin@company.test";
export const ADMIN_PASSWORD = "a long enough secret for the test";
export const MEMBER_EMAIL = "sam@company.test";

export interface WebStack {
  stack: RunningStack;
  sample: RunningSampleWorld;
  browser: Browser;
  close(): Promise<void>;
}

/** The local stack (session sign-in unless `vars` say otherwise), the sample companies and Chromium. */
export async function startWebStack(companies = 3, vars: Record<string, string> = {}): Promise<WebStack> {
  const stateDir = mkdtempSync(join(tmpdir(), "prospector-web-test-"));
  const env = childEnv({ CI: "1", WRANGLER_SEND_METRICS: "false", PROSPECTOR_STATE_DIR: stateDir });
  execFileSync(
    bin("wrangler"),
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", join(stateDir, "state")],
    { cwd: root, env, stdio: "pipe" },
  );
  execFileSync(process.execPath, [join(root, "scripts/bootstrap-admin.ts"), "--email", ADMIN_EMAIL], {
    cwd: root,
    env: { ...env, PROSPECTOR_ADMIN_PASSWORD: ADMIN_PASSWORD },
    stdio: "pipe",
  });
  // A member of the administrator's tenant, whose role the administrator changes.
  execFileSync(
    bin("wrangler"),
    [
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      join(stateDir, "state"),
      "--command",
      `INSERT INTO users (id, tenant_id, email, role, status) SELECT 'user_sam', tenant_id, '${MEMBER_EMAIL}', 'member', 'active' FROM users WHERE email = '${ADMIN_EMAIL}'`,
    ],
    { cwd: root, env, stdio: "pipe" },
  );
  const sample = await startSampleWorld({ companies, seed: 7 });
  let stack: RunningStack;
  try {
    stack = await startLocalStack(stateDir, {
      AUTH_MODE: "session",
      REGISTRATION_ENABLED: "true",
      LOG_LEVEL: "warn",
      ...sample.stackEnv,
      ...vars,
    });
  } catch (err) {
    await sample.close();
    throw err;
  }
  const browser = await launchChromium();
  return {
    stack,
    sample,
    browser,
    async close() {
      await browser.close();
      await stack.stop();
      await sample.close();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** axe-core's serious and critical violations on the page (none expected). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is added to every page by openPage
    const result = await (window as any).axe.run(document, { resultTypes: ["violations"] });
    return result.violations as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** Saves the page's screenshot (a test artifact) and checks it with axe-core. */
export async function snapshot(page: Page, name: string) {
  await screenshot(page, name);
  expect(await accessibilityProblems(page)).toEqual([]);
}

/** A fresh browser context and page, collecting the page's script errors and CSP refusals. */
export async function openPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  // Added through the DevTools protocol, which the pages' CSP does not govern (a script tag would be refused).
  await context.addInitScript({ content: axeSource });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("console", (m) => {
    // CSP refusals and script errors; a 4xx page's own status is not a problem.
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) problems.push(m.text());
  });
  return { context, page, problems };
}

export type OpenedPage = Awaited<ReturnType<typeof openPage>>;

/** Signs in on the sign-in page and waits for `landing`. */
export async function signIn(page: Page, api: string, email: string, password: string, landing = "/app") {
  await page.goto(`${api}/auth/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${api}${landing}`);
}
