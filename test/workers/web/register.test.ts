/**
 * Sign-up and email verification: the dev outbox delivers the code; an
 * existing address is never revealed; codes expire, allow 5 attempts and
 * are replaced by a new one; the account then waits for approval.
 */
import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { createDatabase } from "../../../src/db/client.ts";
import { hashPassword, verifyPassword } from "../../../src/domain/identity/password.ts";
import { CODE_MAX_ATTEMPTS, register } from "../../../src/services/auth/registration.ts";
import type { MailMessage, MailSender } from "../../../src/services/mail/mail.ts";
import { call, uniqueId } from "../helpers/api.ts";
import { Browser, createUser, latestCode } from "./helpers.ts";

const open = { REGISTRATION_ENABLED: "true", ENVIRONMENT: "development", AUTH_MODE: "session" };

async function signUp(browser: Browser, email: string, password = "a long enough password") {
  const page = await (await browser.get("/auth/register", open)).text();
  return browser.post(
    "/auth/register",
    { _csrf: Browser.csrfOf(page), email, password, company: "Acme Labs" },
    {},
    open,
  );
}

async function verify(browser: Browser, email: string, code: string) {
  const page = await (
    await browser.get(`/auth/verify-email?email=${encodeURIComponent(email)}`, open)
  ).text();
  return browser.post("/auth/verify-email", { _csrf: Browser.csrfOf(page), email, code }, {}, open);
}

const newEmail = () => `${uniqueId("signup")}@example.com`;

describe("sign-up", () => {
  it("exists only when REGISTRATION_ENABLED=true", async () => {
    for (const method of ["GET", "POST"]) {
      const res = await call(method, "/auth/register", { vars: { AUTH_MODE: "session" } });
      expect(res.status).toBe(404);
      // The pages' own 404, as for any address that does not exist.
      expect(res.headers.get("Content-Type")).toContain("text/html");
      expect(await res.text()).toContain("Page not found");
    }
    const login = await (await call("GET", "/auth/login", { vars: open })).text();
    expect(login).toContain('href="/auth/register"');
  });

  it("creates a pending owner of a new tenant, mails a code, and verifying it leads to the pending page", async () => {
    const browser = new Browser();
    const email = newEmail();
    const res = await signUp(browser, email.toUpperCase());
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/auth/verify-email?email=${encodeURIComponent(email)}&sent`);
    const user = await env.DB.prepare(
      "SELECT u.role, u.status, u.email_verified_at, t.name FROM users u JOIN tenants t ON t.id = u.tenant_id WHERE u.email = ?",
    )
      .bind(email)
      .first();
    expect(user).toMatchObject({
      role: "owner",
      status: "pending",
      email_verified_at: null,
      name: "Acme Labs",
    });

    const code = await latestCode(email);
    const stored = await env.DB.prepare(
      "SELECT code_hash FROM email_codes c JOIN users u ON u.id = c.user_id WHERE u.email = ?",
    )
      .bind(email)
      .first<{ code_hash: string }>();
    expect(stored!.code_hash).not.toContain(code);

    const ok = await verify(browser, email, code);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("Location")).toBe("/auth/pending?verified");
    expect(await (await browser.get("/auth/pending?verified", open)).text()).toContain(
      "Your email address is confirmed.",
    );
    const after = await env.DB.prepare("SELECT email_verified_at, status FROM users WHERE email = ?")
      .bind(email)
      .first();
    expect(after).toMatchObject({ status: "pending" });
    expect(after!.email_verified_at).toBeTruthy();
    // A used code does not work twice.
    expect((await verify(browser, email, code)).status).toBe(400);
    // Signing in shows the pending page until an administrator approves.
    const signIn = await browser.signIn(email, "a long enough password");
    expect(signIn.headers.get("Location")).toBe("/auth/pending");
  });

  it("answers an address that is already registered exactly like a new one, and warns its owner", async () => {
    const existing = await createUser();
    const taken = await signUp(new Browser(), existing.email);
    const fresh = await signUp(new Browser(), newEmail());
    expect(taken.status).toBe(fresh.status);
    expect(taken.headers.get("Location")).toMatch(/^\/auth\/verify-email\?email=.*&sent$/);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?")
      .bind(existing.email)
      .first<{ n: number }>();
    expect(count!.n).toBe(1);
    const warning = await env.DB.prepare('SELECT subject FROM dev_outbox WHERE "to" = ?')
      .bind(existing.email)
      .first<{ subject: string }>();
    expect(warning!.subject).toBe("Someone tried to sign up with your address");
  });

  it("hashes the password for a taken address too, and leaves the account and the mail for after the answer", async () => {
    const db = createDatabase(env.DB);
    const sent: MailMessage[] = [];
    const mail: MailSender = { provider: "outbox", send: async (message) => void sent.push(message) };
    const hashed: string[] = [];
    const countingHash = async (password: string) => {
      hashed.push(password);
      return hashPassword(password);
    };
    const existing = await createUser();
    const fresh = newEmail();
    const form = { password: "a long enough password", company: "Acme Labs" };
    const finishTaken = await register(
      { db, mail, hashPassword: countingHash },
      { ...form, email: existing.email },
    );
    const finishNew = await register({ db, mail, hashPassword: countingHash }, { ...form, email: fresh });
    // The same work before the answer, whichever the address: one hash each, nothing written, nothing sent.
    expect(hashed).toEqual([form.password, form.password]);
    expect(sent).toEqual([]);
    const before = await env.DB.prepare("SELECT count(*) AS n FROM users WHERE email = ?")
      .bind(fresh)
      .first<{ n: number }>();
    expect(before!.n).toBe(0);

    await finishTaken();
    await finishNew();
    expect(hashed).toHaveLength(2);
    expect(sent.map((m) => [m.to, m.subject])).toEqual([
      [existing.email, "Someone tried to sign up with your address"],
      [fresh, expect.stringMatching(/^Your Prospector code: \d{6}$/)],
    ]);
    const created = await env.DB.prepare("SELECT password_hash FROM users WHERE email = ?")
      .bind(fresh)
      .first<{ password_hash: string }>();
    expect(await verifyPassword(form.password, created!.password_hash)).toBe(true);
  });

  it("gives the same answer when the mail cannot be sent, and logs it", async () => {
    const lines: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    try {
      const noMail = { ...open, MAIL_PROVIDER: "none" };
      const browser = new Browser();
      const page = await (await browser.get("/auth/register", noMail)).text();
      const email = newEmail();
      const res = await browser.post(
        "/auth/register",
        { _csrf: Browser.csrfOf(page), email, password: "a long enough password", company: "Acme Labs" },
        {},
        noMail,
      );
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe(`/auth/verify-email?email=${encodeURIComponent(email)}&sent`);
      const logged = lines.map((l) => JSON.parse(l)).find((e) => e.msg === "sign-up mail not sent");
      expect(logged).toMatchObject({
        level: "error",
        error_message: expect.stringContaining("MAIL_PROVIDER=none"),
      });
    } finally {
      spy.mockRestore();
    }
  });

  it("shows what is wrong with the form (400), keeping what was typed but never the password", async () => {
    const browser = new Browser();
    const page = await (await browser.get("/auth/register", open)).text();
    const res = await browser.post(
      "/auth/register",
      { _csrf: Browser.csrfOf(page), email: "not-an-email", password: "short", company: "" },
      {},
      open,
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter a valid email address.");
    expect(html).toContain("Use at least 12 characters.");
    expect(html).toContain("Enter your company");
    expect(html).toContain('value="not-an-email"');
    expect(html).not.toContain('value="short"');
  });

  it("refuses a sign-up form without its CSRF token", async () => {
    const res = await new Browser().post(
      "/auth/register",
      { email: newEmail(), password: "a long enough password", company: "X" },
      {},
      open,
    );
    expect(res.status).toBe(403);
  });
});

describe("email codes", () => {
  it("give the same answer for a wrong code and an unknown address, and stop after 5 wrong attempts", async () => {
    const browser = new Browser();
    const email = newEmail();
    await signUp(browser, email);
    const code = await latestCode(email);
    const wrong = code === "000000" ? "111111" : "000000";
    const unknown = await verify(new Browser(), newEmail(), wrong);
    const bad = await verify(browser, email, wrong);
    expect(bad.status).toBe(400);
    expect(unknown.status).toBe(400);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, 'value=""').replace(/email=[^"&]*/g, "");
    expect(strip(await bad.text())).toBe(strip(await unknown.text()));
    for (let i = 1; i < CODE_MAX_ATTEMPTS; i++) await verify(browser, email, wrong);
    // The right code no longer works: the attempts are used up.
    expect((await verify(browser, email, code)).status).toBe(400);
    // A new code works (and replaces the old one).
    const page = await (
      await browser.get(`/auth/verify-email?email=${encodeURIComponent(email)}`, open)
    ).text();
    const resend = await browser.post(
      "/auth/verify-email/resend",
      { _csrf: Browser.csrfOf(page), email },
      {},
      open,
    );
    expect(resend.status).toBe(303);
    const fresh = await latestCode(email);
    expect((await verify(browser, email, fresh)).status).toBe(303);
  });

  it("expire after 15 minutes", async () => {
    const browser = new Browser();
    const email = newEmail();
    await signUp(browser, email);
    const code = await latestCode(email);
    await env.DB.prepare(
      "UPDATE email_codes SET expires_at = '2020-01-01T00:00:00.000Z' WHERE user_id = (SELECT id FROM users WHERE email = ?)",
    )
      .bind(email)
      .run();
    expect((await verify(browser, email, code)).status).toBe(400);
  });

  it("are sent again only to unverified addresses, with the same answer for any address", async () => {
    const verified = await createUser();
    const unverified = await createUser();
    await env.DB.prepare("UPDATE users SET email_verified_at = '2026-11-01T00:00:00.000Z' WHERE id = ?")
      .bind(verified.userId)
      .run();
    const browser = new Browser();
    const page = await (await browser.get("/auth/verify-email", open)).text();
    const answers: (string | null)[] = [];
    for (const email of [verified.email, unverified.email, newEmail()]) {
      const res = await browser.post(
        "/auth/verify-email/resend",
        { _csrf: Browser.csrfOf(page), email },
        {},
        open,
      );
      expect(res.status).toBe(303);
      answers.push(res.headers.get("Location")?.replace(/email=[^&]*/, "") ?? null);
    }
    expect(new Set(answers).size).toBe(1);
    const mailed = async (email: string) =>
      (await env.DB.prepare('SELECT count(*) AS n FROM dev_outbox WHERE "to" = ?')
        .bind(email)
        .first<{ n: number }>())!.n;
    expect(await mailed(verified.email)).toBe(0);
    expect(await mailed(unverified.email)).toBe(1);
  });
});
