/** The sign-in pages: CSRF-checked forms, no account enumeration, throttling, session rotation, sign-out. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { safeReturnPath } from "../../../src/domain/identity/return-path.ts";
import { SIGN_IN_PER_EMAIL } from "../../../src/services/auth/sign-in.ts";
import { call } from "../helpers/api.ts";
import { Browser, createUser, session } from "./helpers.ts";

describe("GET /auth/login", () => {
  it("renders the form with a CSRF token bound to a strict cookie, under the pages' CSP", async () => {
    const browser = new Browser();
    const res = await browser.get("/auth/login");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
    expect(res.headers.get("Content-Security-Policy")).toContain("form-action 'self'");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const html = await res.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain('<label for="email">Email</label>');
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith("prospector_csrf="))!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(Browser.csrfOf(html)).toBe(browser.cookies.get("prospector_csrf"));
    // The same token while the cookie lives.
    expect(Browser.csrfOf(await (await browser.get("/auth/login")).text())).toBe(
      browser.cookies.get("prospector_csrf"),
    );
  });

  it("may be framed by no one, and both framing headers say so", async () => {
    for (const path of ["/auth/login", "/auth/forgot-password", "/app", "/docs", "/health"]) {
      const res = await call("GET", path, { vars: session });
      expect(res.headers.get("X-Frame-Options"), path).toBe("DENY");
      expect(res.headers.get("Content-Security-Policy"), path).toContain("frame-ancestors 'none'");
    }
  });

  it("says so when password sign-in is off (in development with AUTH_MODE=dev it offers the dev identity)", async () => {
    const hs256 = await call("GET", "/auth/login", { vars: { AUTH_MODE: "hs256" } });
    expect(await hs256.text()).toContain("Sign-in with a password is off here (AUTH_MODE=hs256)");
    const production = await call("GET", "/auth/login", {
      vars: { AUTH_MODE: "dev", ENVIRONMENT: "production" },
    });
    const text = await production.text();
    expect(text).toContain("Sign-in with a password is off here (AUTH_MODE=dev)");
    expect(text).not.toContain("Development sign-in");
  });

  it("serves the stylesheet", async () => {
    const res = await call("GET", "/assets/app.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/text\/css/);
    expect(await res.text()).toContain("--accent");
  });
});

describe("POST /auth/login", () => {
  it("signs in, rotates the session and goes to the start page, which lists the tenant's runs", async () => {
    const user = await createUser();
    const browser = new Browser();
    // A session cookie planted before sign-in (fixation) is replaced and revoked.
    const first = await browser.signIn(user.email, user.password);
    const planted = browser.cookies.get("prospector_session")!;
    const res = await browser.signIn(user.email, user.password);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/app");
    expect(first.status).toBe(303);
    expect(browser.cookies.get("prospector_session")).not.toBe(planted);
    const revoked = await env.DB.prepare(
      "SELECT count(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NOT NULL",
    )
      .bind(user.userId)
      .first<{ n: number }>();
    expect(revoked?.n).toBe(1);
    await env.DB.prepare(
      `INSERT INTO runs (id, tenant_id, label, status, options, domains_total, created_at)
       VALUES (?, ?, 'Q4 prospects', 'succeeded', '{"mode":"full","skip_crawl":false,"skip_verify":false,"max_pages_per_domain":null}', 3, '2026-11-20T10:00:00.000Z')`,
    )
      .bind(crypto.randomUUID(), user.tenantId)
      .run();
    const home = await browser.get("/app");
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain(user.email);
    expect(html).toContain("Q4 prospects");
    expect(html).toContain("Sign out");
  });

  it("goes back where the visitor was going, but never off the site", async () => {
    const user = await createUser();
    const res = await new Browser().signIn(user.email, user.password, "/app?tab=runs");
    expect(res.headers.get("Location")).toBe("/app?tab=runs");
    for (const next of ["//evil.test/x", "https://evil.test/", "/\\evil.test", "evil", ""]) {
      expect(safeReturnPath(next), next).toBe("/app");
    }
    const off = await new Browser().signIn(user.email, user.password, "//evil.test/");
    expect(off.headers.get("Location")).toBe("/app");
  });

  it("follows no hostile next (tab, CR/LF, NUL, backslashes, //, encoded slashes, schemes), and never answers 500", async () => {
    const hostile = [
      "/\t/evil.example/",
      "/\r\n/evil.example",
      "/\n/evil.example",
      "/\u0000/evil.example",
      "/\\evil.example",
      "//evil.example",
      "/%2F/evil.example",
      "https://evil.example",
      "javascript:alert(1)",
    ];
    let visitor = 0;
    for (const next of hostile) {
      // A user and a client address each, so the sign-in throttles never interfere.
      const user = await createUser();
      const browser = new Browser();
      const form = Browser.csrfOf(await (await browser.get("/auth/login")).text());
      const res = await browser.post(
        "/auth/login",
        { _csrf: form, email: user.email, password: user.password, next },
        { "CF-Connecting-IP": `203.0.113.${++visitor}` },
      );
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(res.headers.get("Location"), JSON.stringify(next)).toBe("/app");
      const sessions = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?")
        .bind(user.userId)
        .first<{ n: number }>();
      expect(sessions?.n, JSON.stringify(next)).toBe(1);
    }
    expect(visitor).toBe(hostile.length);
  });

  it("creates no session when the form is refused, whatever its next", async () => {
    const user = await createUser();
    const browser = new Browser();
    const page = await browser.get(`/auth/login?next=${encodeURIComponent("/\r\n/evil.example")}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="next" value="/app"');
    const headers = { "CF-Connecting-IP": "203.0.113.200" };
    const form = { _csrf: Browser.csrfOf(html), email: user.email, next: "/\r\n/evil.example" };
    const missing = await browser.post("/auth/login", { ...form, password: "" }, headers);
    expect(missing.status).toBe(400);
    const wrong = await browser.post("/auth/login", { ...form, password: "not the password" }, headers);
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('name="next" value="/app"');
    const sessions = await env.DB.prepare("SELECT count(*) AS n FROM sessions WHERE user_id = ?")
      .bind(user.userId)
      .first<{ n: number }>();
    expect(sessions?.n).toBe(0);
    expect(browser.cookies.has("prospector_session")).toBe(false);
  });

  it("answers an unknown email and a wrong password the same way", async () => {
    const user = await createUser();
    const wrong = await new Browser().signIn(user.email, "not the password");
    const unknown = await new Browser().signIn("nobody-here@example.com", "not the password");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, 'value=""');
    expect(strip(await wrong.text())).toBe(strip(await unknown.text()));
    expect(wrong.headers.get("Set-Cookie") ?? "").not.toContain("prospector_session=");
  });

  it("refuses a form without the CSRF token, with another token, or from another site (403)", async () => {
    const user = await createUser();
    const browser = new Browser();
    const token = Browser.csrfOf(await (await browser.get("/auth/login")).text());
    const form = { email: user.email, password: user.password };
    for (const [fields, headers] of [
      [form, {}],
      [{ ...form, _csrf: `${token.slice(0, -1)}x` }, {}],
      [{ ...form, _csrf: token }, { Origin: "https://evil.test" }],
      [{ ...form, _csrf: token }, { Cookie: "" }],
    ] as [Record<string, string>, Record<string, string>][]) {
      const res = await browser.post("/auth/login", fields, headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("This form has expired");
    }
    expect(browser.cookies.has("prospector_session")).toBe(false);
  });

  it("accepts Origin: null (what browsers send under no-referrer) when the token matches", async () => {
    const user = await createUser();
    const browser = new Browser();
    const token = Browser.csrfOf(await (await browser.get("/auth/login")).text());
    const res = await browser.post(
      "/auth/login",
      { _csrf: token, email: user.email, password: user.password },
      { Origin: "null" },
    );
    expect(res.status).toBe(303);
    expect((await browser.get("/auth/login")).headers.get("Referrer-Policy")).toBe("same-origin");
  });

  it("throttles repeated attempts for one address with a 429 page and Retry-After", async () => {
    const user = await createUser();
    const browser = new Browser();
    for (let i = 0; i < SIGN_IN_PER_EMAIL; i++) await browser.signIn(user.email, "wrong");
    const res = await browser.signIn(user.email, user.password);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await res.text()).toContain("Too many sign-in attempts");
  });

  it("sends an account awaiting approval to the pending page, without a session", async () => {
    const user = await createUser("pending");
    const browser = new Browser();
    const res = await browser.signIn(user.email, user.password);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/auth/pending");
    expect(browser.cookies.has("prospector_session")).toBe(false);
    expect(await (await browser.get("/auth/pending")).text()).toContain("awaiting approval");
  });
});

describe("the start page and sign-out", () => {
  it("sends a visitor without a session to sign in", async () => {
    const res = await new Browser().get("/app");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/auth/login?next=%2Fapp");
  });

  it("signs out: the session is revoked, the cookie cleared, and the old cookie is worthless", async () => {
    const user = await createUser();
    const browser = new Browser();
    await browser.signIn(user.email, user.password);
    const cookie = browser.cookies.get("prospector_session")!;
    const page = await (await browser.get("/app")).text();
    const res = await browser.post("/auth/logout", { _csrf: Browser.csrfOf(page) });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/auth/login?signed_out");
    expect(browser.cookies.has("prospector_session")).toBe(false);
    const replay = await call("GET", "/app", {
      vars: session,
      headers: { Cookie: `prospector_session=${cookie}` },
    });
    expect(replay.status).toBe(303);
    expect(await (await browser.get("/auth/login?signed_out")).text()).toContain("You are signed out.");
  });

  it("refuses a sign-out form from another site", async () => {
    const user = await createUser();
    const browser = new Browser();
    await browser.signIn(user.email, user.password);
    const page = await (await browser.get("/app")).text();
    const res = await browser.post(
      "/auth/logout",
      { _csrf: Browser.csrfOf(page) },
      { Origin: "https://evil.test" },
    );
    expect(res.status).toBe(403);
    expect((await browser.get("/app")).status).toBe(200);
  });

  it("answers GET /auth/logout with a confirmation form, and signs nobody out by itself", async () => {
    const user = await createUser();
    const browser = new Browser();
    await browser.signIn(user.email, user.password);
    const res = await browser.get("/auth/logout");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="post" action="/auth/logout"');
    expect((await browser.get("/app")).status).toBe(200); // still signed in
    const out = await browser.post("/auth/logout", { _csrf: Browser.csrfOf(html) });
    expect(out.headers.get("Location")).toBe("/auth/login?signed_out");
    expect(await (await new Browser().get("/auth/logout")).text()).toContain("You are not signed in.");
  });
});
