/**
 * A newcomer's first minute (issue 16): the root leads somewhere, and in the
 * local default (ENVIRONMENT=development, AUTH_MODE=dev) a person in a
 * browser gets in as a development identity, the one the dev headers would
 * name; that way in is refused in every other environment and mode.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, expectError, json, uniqueId } from "../helpers/api.ts";
import { Browser } from "./helpers.ts";

const dev = { AUTH_MODE: "dev", ENVIRONMENT: "development" };

describe("the root", () => {
  it("gives a browser a page with the dashboard, the reference and the demo's command", async () => {
    const res = await call("GET", "/", { headers: { Accept: "text/html,application/xhtml+xml" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/app"');
    expect(html).toContain('href="/docs"');
    expect(html).toContain("npm run demo");
    expect(html).toContain("development identity");
  });

  it("keeps the JSON 404 for API clients", async () => {
    await expectError(await call("GET", "/", { headers: { Accept: "application/json" } }), 404, "not_found");
  });
});

describe("development sign-in", () => {
  it("offers the dev identity on the sign-in page, signs in with a cookie, and the dashboard opens", async () => {
    const browser = new Browser();
    const page = await (await browser.get("/auth/login?next=/app", dev)).text();
    expect(page).toContain("Development sign-in");
    expect(page).not.toContain("use an API key");
    const tenant = uniqueId("demo");
    const res = await browser.post(
      "/auth/dev-session",
      { _csrf: Browser.csrfOf(page), tenant_id: tenant, user_id: "dev", next: "/app" },
      {},
      dev,
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/app");
    expect(res.headers.get("Set-Cookie")).toMatch(/prospector_session=.*HttpOnly.*Secure/i);
    const app = await browser.get("/app", dev);
    expect(app.status).toBe(200);
    expect(await app.text()).toContain("<h1>Runs</h1>");
    // The same identity the dev headers name: the JSON API sees one caller either way.
    const viaCookie = await json(await browser.get("/auth/session", dev));
    expect(viaCookie).toMatchObject({ tenant_id: tenant, user_id: "dev", method: "session", role: "owner" });
    const row = await env.DB.prepare("SELECT kind FROM sessions WHERE user_id = 'dev' AND tenant_id = ?")
      .bind(tenant)
      .first();
    expect(row).toEqual({ kind: "cookie" });
  });

  it("refuses a forged form and an id out of pattern, and signs nobody in", async () => {
    const browser = new Browser();
    const page = await (await browser.get("/auth/login", dev)).text();
    const forged = await browser.post(
      "/auth/dev-session",
      { _csrf: "forged", tenant_id: "demo", user_id: "dev" },
      {},
      dev,
    );
    expect(forged.headers.get("Set-Cookie") ?? "").not.toContain("prospector_session=");
    const bad = await browser.post(
      "/auth/dev-session",
      { _csrf: Browser.csrfOf(page), tenant_id: "has space", user_id: "dev" },
      {},
      dev,
    );
    expect(bad.status).toBe(400);
    expect(browser.cookies.has("prospector_session")).toBe(false);
  });

  it("does not exist outside development or outside AUTH_MODE=dev", async () => {
    for (const vars of [
      { AUTH_MODE: "dev", ENVIRONMENT: "production" },
      { AUTH_MODE: "session", ENVIRONMENT: "development" },
    ]) {
      const browser = new Browser();
      const page = await (await browser.get("/auth/login", vars)).text();
      expect(page, JSON.stringify(vars)).not.toContain("Development sign-in");
      const csrf = Browser.csrfOf(page.includes('name="_csrf"') ? page : `name="_csrf" value="x"`);
      const res = await browser.post(
        "/auth/dev-session",
        { _csrf: csrf, tenant_id: "demo", user_id: "dev" },
        {},
        vars,
      );
      expect(res.status, JSON.stringify(vars)).toBe(404);
      expect(browser.cookies.has("prospector_session")).toBe(false);
    }
  });

  it("outside development, a session cookie never stands in for the dev headers", async () => {
    const browser = new Browser();
    const page = await (await browser.get("/auth/login", dev)).text();
    await browser.post(
      "/auth/dev-session",
      { _csrf: Browser.csrfOf(page), tenant_id: uniqueId("demo"), user_id: "dev2" },
      {},
      dev,
    );
    expect(browser.cookies.has("prospector_session")).toBe(true);
    const res = await browser.get("/auth/session", { AUTH_MODE: "dev", ENVIRONMENT: "production" });
    await expectError(res, 401, "unauthorized");
  });
});
