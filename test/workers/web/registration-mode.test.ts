/**
 * REGISTRATION_MODE, the one sign-up policy: `open` activates an account
 * once its address is confirmed, `approval` leaves it for an administrator
 * (what REGISTRATION_ENABLED=true always meant), `closed` has no sign-up.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import type { Env } from "../../../src/env.ts";
import { call, uniqueId } from "../helpers/api.ts";
import { Browser, latestCode } from "./helpers.ts";

const base = { ENVIRONMENT: "development", AUTH_MODE: "session" };

/** Signs up and confirms the address under `vars`; returns where the confirmation led and the account's status. */
async function signUpAndConfirm(vars: Record<string, string>) {
  const browser = new Browser();
  const email = `${uniqueId("mode")}@example.com`;
  const form = await (await browser.get("/auth/register", vars)).text();
  const password = "a long enough password";
  const signedUp = await browser.post(
    "/auth/register",
    { _csrf: Browser.csrfOf(form), email, password, company: "Mode Labs" },
    {},
    vars,
  );
  expect(signedUp.status).toBe(303);
  const page = await (
    await browser.get(`/auth/verify-email?email=${encodeURIComponent(email)}`, vars)
  ).text();
  const confirmed = await browser.post(
    "/auth/verify-email",
    { _csrf: Browser.csrfOf(page), email, code: await latestCode(email) },
    {},
    vars,
  );
  const row = await env.DB.prepare("SELECT status, email_verified_at FROM users WHERE email = ?")
    .bind(email)
    .first<{ status: string; email_verified_at: string | null }>();
  return { location: confirmed.headers.get("Location"), row, browser, email, password };
}

describe("REGISTRATION_MODE", () => {
  it("open: confirming the address activates the account, which can sign in at once", async () => {
    const vars = { ...base, REGISTRATION_MODE: "open" };
    const { location, row, browser, email, password } = await signUpAndConfirm(vars);
    expect(location).toBe("/auth/login?verified");
    expect(row).toMatchObject({ status: "active" });
    expect(row!.email_verified_at).not.toBeNull();
    const notice = await (await browser.get("/auth/login?verified", vars)).text();
    expect(notice).toContain("Your email address is confirmed. Sign in.");
    const form = await (await browser.get("/auth/login", vars)).text();
    const signedIn = await browser.post(
      "/auth/login",
      { _csrf: Browser.csrfOf(form), email, password },
      {},
      vars,
    );
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("Location")).toBe("/app");
  });

  it("approval: the confirmed account waits for an administrator", async () => {
    const { location, row } = await signUpAndConfirm({ ...base, REGISTRATION_MODE: "approval" });
    expect(location).toBe("/auth/pending?verified");
    expect(row).toMatchObject({ status: "pending" });
  });

  it("REGISTRATION_ENABLED=true still means approval", async () => {
    const { location, row } = await signUpAndConfirm({ ...base, REGISTRATION_ENABLED: "true" });
    expect(location).toBe("/auth/pending?verified");
    expect(row).toMatchObject({ status: "pending" });
  });

  it("closed (and the default): no sign-up page, no link to it", async () => {
    for (const vars of [{ ...base, REGISTRATION_MODE: "closed", REGISTRATION_ENABLED: "true" }, base]) {
      expect((await call("GET", "/auth/register", { vars })).status).toBe(404);
      expect((await call("POST", "/auth/register", { vars })).status).toBe(404);
      expect(await (await call("GET", "/auth/login", { vars })).text()).not.toContain(
        'href="/auth/register"',
      );
    }
  });

  it("is read from the settings, with REGISTRATION_MODE over REGISTRATION_ENABLED, and refuses other words", () => {
    const config = (extra: Record<string, string>) =>
      loadConfig({ ...base, ...extra } as unknown as Env).registrationMode;
    expect(config({})).toBe("closed");
    expect(config({ REGISTRATION_ENABLED: "true" })).toBe("approval");
    expect(config({ REGISTRATION_ENABLED: "true", REGISTRATION_MODE: "open" })).toBe("open");
    expect(() => config({ REGISTRATION_MODE: "sometimes" })).toThrow(/REGISTRATION_MODE/);
  });
});
