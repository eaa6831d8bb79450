/**
 * The dashboard in a real headless Chromium against the local stack
 * (wrangler dev, AUTH_MODE=session) and the sample companies: signing in
 * and out, signing up with the code from the dev outbox, an administrator
 * approving the account and changing its role, a run on the sample sites
 * followed live to 100% without a reload, its results, the CSV export,
 * lead search with a facet, a forged form refused, throttled sign-in.
 * Every page is screenshotted (test-results/screenshots/) and checked with
 * axe-core: no serious or critical violations.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  accessibilityProblems,
  MEMBER_EMAIL,
  openPage,
  signIn,
  snapshot,
  startWebStack,
  type WebStack,
} from "./helpers/web-stack.ts";

let web: WebStack;
let api: string;

beforeAll(async () => {
  web = await startWebStack();
  api = web.stack.api;
}, 240_000);

afterAll(async () => {
  await web?.close();
});

describe("signing in to the dashboard in Chromium", () => {
  it("refuses a wrong password, signs in, shows the start page, and signs out", async () => {
    const { context, page, problems } = await openPage(web.browser);

    await page.goto(`${api}/app`);
    expect(new URL(page.url()).pathname).toBe("/auth/login");
    expect(await page.locator("h1").textContent()).toBe("Sign in");
    expect(await page.evaluate(() => getComputedStyle(document.body).display)).toBe("flex");
    await snapshot(page, "web-login");

    await page.getByLabel("Email").fill(ADMIN_EMAIL);
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.locator("[role=alert]").textContent())
      .toBe("The email or the password is wrong.");
    expect(await page.getByLabel("Email").inputValue()).toBe("admin@company.test");
    await snapshot(page, "web-login-error");

    await page.getByLabel("Password").fill(ADMIN_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${api}/app`);
    expect(await page.locator("h1").textContent()).toBe("Runs");
    expect(await page.locator("header").textContent()).toContain(ADMIN_EMAIL);
    await snapshot(page, "web-home");

    // Keyboard: the skip link comes first and leads to the content.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/auth\/login\?signed_out/);
    expect(await page.locator("[role=status]").textContent()).toBe("You are signed out.");
    await page.goto(`${api}/app`);
    expect(new URL(page.url()).pathname).toBe("/auth/login");

    await page.goto(`${api}/auth/pending`);
    await snapshot(page, "web-pending");
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it("signs up, reads the code from the dev outbox, confirms the address and waits for approval", async () => {
    const { context, page, problems } = await openPage(web.browser);

    await page.goto(`${api}/auth/login`);
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.waitForURL(`${api}/auth/register`);
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
    await latestMail("lena@nordlicht.test"); // the code is mailed after the answer, as a person would wait for it
    await outbox.goto(`${api}/dev/outbox?to=lena%40nordlicht.test`);
    const subject = (await outbox.locator("tbody tr td").nth(2).textContent()) ?? "";
    const code = /(\d{6})$/.exec(subject)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await snapshot(outbox, "web-dev-outbox");

    await page.getByLabel("Code").fill(code!);
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.waitForURL(`${api}/auth/pending?verified`);
    expect(await page.locator("[role=status]").textContent()).toBe("Your email address is confirmed.");
    // Signing in before an administrator approves leads back to the pending page.
    await page.goto(`${api}/auth/login`);
    await page.getByLabel("Email").fill("lena@nordlicht.test");
    await page.getByLabel("Password").fill("a long enough password too");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${api}/auth/pending`);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});

/**
 * The newest dev-outbox message to `to` (the outbox's JSON, as a developer
 * would read it). Sign-up mails after it answers (the same work for taken
 * and new addresses), so this waits for the message, up to 20 s.
 */
async function latestMail(to: string): Promise<{ subject: string; text: string }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const res = await fetch(`${api}/dev/outbox.json?to=${encodeURIComponent(to)}`);
    const body = (await res.json()) as { messages: { subject: string; text: string }[] };
    if (body.messages.length > 0) return body.messages[0]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no mail to ${to} in the dev outbox after 20 s`);
}

const MARA = { email: "mara@atlas.test", password: "mara's long enough password" };

describe("the dashboard end to end in Chromium", () => {
  it("signs up, is approved, follows a run live to 100%, reads the results, exports CSV, searches with a facet", async () => {
    const visitor = await openPage(web.browser);
    const { page } = visitor;
    await page.goto(`${api}/auth/register`);
    await page.getByLabel("Company").fill("Atlas Outreach");
    await page.getByLabel("Work email").fill(MARA.email);
    await page.getByLabel("Password").fill(MARA.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.waitForURL(/\/auth\/verify-email/);
    const code = /(\d{6})$/.exec((await latestMail(MARA.email)).subject)?.[1];
    await page.getByLabel("Code").fill(code ?? "");
    await page.getByRole("button", { name: "Confirm" }).click();
    await page.waitForURL(`${api}/auth/pending?verified`);

    // A platform administrator approves the account, then changes its role.
    const admin = await openPage(web.browser);
    await signIn(admin.page, api, ADMIN_EMAIL, ADMIN_PASSWORD);
    await admin.page.getByRole("link", { name: "Admin" }).click();
    await admin.page.waitForURL(`${api}/admin/dashboard`);
    expect(await admin.page.locator("svg[role=img]").count()).toBeGreaterThan(0);
    await snapshot(admin.page, "web-admin-dashboard");
    await admin.page.goto(`${api}/admin/users?status=pending`);
    await snapshot(admin.page, "web-admin-users-pending");
    await admin.page.getByRole("button", { name: `Approve ${MARA.email}` }).click();
    await admin.page.waitForURL(/\/admin\/users/);
    const row = () => admin.page.locator("tr", { hasText: MARA.email });
    await admin.page.goto(`${api}/admin/users`);
    await expect.poll(() => row().textContent()).toContain("active");
    // Mara owns her new tenant alone: she cannot be demoted; a member of another tenant can be promoted.
    await admin.page.getByLabel(`Role of ${MARA.email}`).selectOption("member");
    await admin.page.getByRole("button", { name: `Change role of ${MARA.email}` }).click();
    await admin.page.waitForURL(/\/admin\/users\?error=/);
    await expect.poll(() => admin.page.locator("[role=alert]").textContent()).toMatch(/owner/i);
    await snapshot(admin.page, "web-admin-users-refused");
    expect(await row().locator("select").inputValue()).toBe("owner");
    await admin.page.getByLabel(`Role of ${MEMBER_EMAIL}`).selectOption("admin");
    await admin.page.getByRole("button", { name: `Change role of ${MEMBER_EMAIL}` }).click();
    await admin.page.waitForURL(/\/admin\/users\?done=role/);
    await expect
      .poll(() => admin.page.locator("tr", { hasText: MEMBER_EMAIL }).locator("select").inputValue())
      .toBe("admin");
    await snapshot(admin.page, "web-admin-users");
    // Plans and usage: a plan's numbers saved from its form.
    await admin.page.getByRole("link", { name: "Plans and usage" }).click();
    await admin.page.waitForURL(`${api}/admin/billing`);
    await admin.page.locator("#starter-credits_per_period").fill("1500");
    await admin.page.getByRole("button", { name: "Save the Starter plan" }).click();
    await admin.page.waitForURL(/\/admin\/billing\?done=plan/);
    expect(await admin.page.locator("#starter-credits_per_period").inputValue()).toBe("1500");
    await snapshot(admin.page, "web-admin-billing");
    expect((await latestMail(MARA.email)).subject.toLowerCase()).toContain("approved");

    // Mara signs in and starts a run on the sample companies.
    await signIn(page, api, MARA.email, MARA.password);
    await page.getByRole("link", { name: "New run" }).click();
    await snapshot(page, "web-new-run");
    const domains = web.sample.world.companies.map((c) => c.domain);
    await page.getByLabel("Label (optional)").fill("Sample companies");
    await page.getByLabel("Domains").fill(domains.join("\n"));
    await page.getByRole("button", { name: "Start the run" }).click();
    await page.waitForURL(/\/app\/runs\/[0-9a-f-]{36}$/);
    // Marks this document: a reload would lose the mark.
    await page.evaluate(() => {
      (window as unknown as { sameDocument: boolean }).sameDocument = true;
    });
    const progress = () => page.$eval("#run-progress", (el) => (el as HTMLProgressElement).value);
    expect(await progress()).toBeLessThan(100);
    // Connected (or, on a very fast machine, already told the run finished: the bar below still had to move).
    await expect
      .poll(() => page.locator("#live-status").textContent(), { timeout: 20_000 })
      .toMatch(/^(Live|This run has finished)/);
    await expect.poll(progress, { timeout: 150_000, interval: 250 }).toBe(100);
    await expect
      .poll(() => page.locator("#run-summary").textContent(), { timeout: 10_000 })
      .toMatch(new RegExp(`^Finished: \\d+ leads from ${domains.length} of ${domains.length} domains`));
    expect(await page.locator("#run-summary").isVisible()).toBe(true);
    expect(await page.locator("#run-status").textContent()).toBe("succeeded");
    expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(
      true,
    );
    expect(await page.locator("#run-domains .badge").allTextContents()).toEqual(domains.map(() => "done"));
    expect(await page.locator("#run-log li").count()).toBeGreaterThan(0);
    await snapshot(page, "web-run-finished");

    await page.getByRole("link", { name: "View results" }).click();
    await page.waitForURL(/\/results$/);
    const leads = await page.locator("tbody tr").count();
    expect(leads).toBeGreaterThan(0);
    await snapshot(page, "web-run-results");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Export CSV" }).click(),
    ]);
    const csv = readFileSync((await download.path())!, "utf8")
      .trim()
      .split(/\r?\n/);
    expect(csv[0]).toContain("email");
    expect(csv.length - 1).toBe(leads);

    await page.getByRole("link", { name: "Leads", exact: true }).click();
    await page.waitForURL(`${api}/app/leads`);
    await snapshot(page, "web-leads");
    await page.locator('input[name="verify_status"][value="valid"]').check();
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/verify_status=valid/);
    const badges = await page.locator("tbody .badge").allTextContents();
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(["valid"]));
    expect(await page.locator('input[name="verify_status"][value="valid"]').isChecked()).toBe(true);
    await snapshot(page, "web-leads-filtered");

    for (const [path, name] of [
      ["/app/settings", "web-settings"],
      ["/app/settings/api-keys", "web-settings-api-keys"],
      ["/app/settings/icp", "web-settings-icp"],
      ["/app/settings/suppressions", "web-settings-suppressions"],
    ] as const) {
      await page.goto(`${api}${path}`);
      await snapshot(page, name);
    }
    // The results table scrolls sideways on a phone: a region the keyboard can reach.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${api}/app/leads`);
    await snapshot(page, "web-leads-phone");
    await page.goto(`${api}/auth/logout`);
    await snapshot(page, "web-sign-out");
    expect(visitor.problems).toEqual([]);
    expect(admin.problems).toEqual([]);
    await visitor.context.close();
    await admin.context.close();
  }, 300_000);

  it("refuses a forged form, throttles sign-in, and resets a forgotten password", async () => {
    const { context, page, problems } = await openPage(web.browser);
    await page.goto(`${api}/auth/login`);
    await page.locator('input[name="_csrf"]').evaluate((el) => {
      (el as HTMLInputElement).value = "forged-token-forged-token-forged!";
    });
    await page.getByLabel("Email").fill(ADMIN_EMAIL);
    await page.getByLabel("Password").fill(ADMIN_PASSWORD);
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    expect(refused.status()).toBe(403);
    await expect.poll(() => page.locator("h1").textContent()).toBe("This form has expired");
    await snapshot(page, "web-csrf-refused");

    let status = 0;
    for (let attempt = 1; attempt <= 11 && status !== 429; attempt++) {
      await page.goto(`${api}/auth/login`);
      await page.getByLabel("Email").fill("nobody@company.test");
      await page.getByLabel("Password").fill(`wrong password ${attempt}`);
      const [res] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        page.getByRole("button", { name: "Sign in" }).click(),
      ]);
      status = res.status();
    }
    expect(status).toBe(429);
    await expect
      .poll(() => page.locator("[role=alert]").textContent())
      .toContain("Too many sign-in attempts");
    await snapshot(page, "web-login-throttled");

    await page.goto(`${api}/auth/login`);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.waitForURL(`${api}/auth/forgot-password`);
    await snapshot(page, "web-forgot-password");
    await page.getByLabel("Email").fill(ADMIN_EMAIL);
    await page.getByRole("button", { name: /send/i }).click();
    await page.waitForURL(/\/auth\/forgot-password\?sent/);
    const link = /(https?:\/\/\S+\/auth\/reset-password\?token=\S+)/.exec(
      (await latestMail(ADMIN_EMAIL)).text,
    )?.[1];
    expect(link).toBeTruthy();
    await page.goto(link!);
    await snapshot(page, "web-reset-password");
    const fresh = "the administrator's new password";
    await page.getByLabel("New password", { exact: true }).fill(fresh);
    await page.getByLabel(/confirm|again|repeat/i).fill(fresh);
    await page.getByRole("button", { name: /password/i }).click();
    await page.waitForURL(/\/auth\/login\?reset/);
    await signIn(page, api, ADMIN_EMAIL, fresh);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
