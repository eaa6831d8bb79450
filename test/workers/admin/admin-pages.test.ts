/**
 * The admin console's pages: the dashboard (SVG charts with their numbers
 * in tables) and the user list, whose CSRF-checked forms approve accounts
 * and change roles on the same paths as the JSON API. Platform
 * administrators only: 404 for other users, the sign-in page for visitors.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { PAGE_CSP } from "../../../src/web/layout.tsx";
import { call, json } from "../helpers/api.ts";
import { Browser, createUser, session } from "../web/helpers.ts";
import { ago, HOUR, mailTo, seedDomain, seedRun, seedUser, seedVerdict, userRow } from "./helpers.ts";

let admin: Browser;
beforeAll(async () => {
  const user = await createUser();
  await env.DB.prepare("UPDATE users SET is_platform_admin = 1 WHERE id = ?").bind(user.userId).run();
  admin = new Browser();
  expect((await admin.signIn(user.email, user.password)).status).toBe(303);
});

async function page(browser: Browser, path: string) {
  const res = await browser.get(path);
  expect(res.status, path).toBe(200);
  return res.text();
}

/** The user list's CSRF token (the forms' hidden field). */
const csrfOfList = async (browser: Browser) => Browser.csrfOf(await page(browser, "/admin/users"));

describe("who sees the admin pages", () => {
  it("sends visitors without a session to sign in, and back afterwards", async () => {
    for (const path of ["/admin/dashboard", "/admin/users?status=pending"]) {
      const res = await new Browser().get(path);
      expect(res.status).toBe(303);
      expect(res.headers.get("Location")).toBe(`/auth/login?next=${encodeURIComponent(path)}`);
    }
  });

  it("answers 404 to signed-in users who are not platform administrators", async () => {
    const user = await createUser();
    const browser = new Browser();
    await browser.signIn(user.email, user.password);
    expect((await browser.get("/app")).status).toBe(200);
    const hidden = await browser.get("/admin/dashboard");
    expect(hidden.status).toBe(404);
    // A page, not the API's JSON: the dashboard looks like any address that does not exist.
    expect(hidden.headers.get("Content-Type")).toContain("text/html");
    expect(await hidden.text()).toContain("Page not found");
    expect((await browser.get("/admin/users")).status).toBe(404);
    // Their own (valid) CSRF token does not help them post the forms either.
    const token = Browser.csrfOf(await (await browser.get("/app")).text());
    const pending = await seedUser();
    expect((await browser.post(`/admin/users/${pending.userId}/approve`, { _csrf: token })).status).toBe(404);
    expect((await userRow(pending.userId))?.status).toBe("pending");
  });
});

describe("GET /admin/dashboard", () => {
  it("shows the metrics and the activity as SVG charts with tables, under the pages' CSP", async () => {
    const run = await seedRun("succeeded", ago(2 * HOUR));
    await seedDomain(run, { status: "done", finishedAt: ago(2 * HOUR), leads: 2 });
    await seedVerdict("valid", ago(HOUR));
    const res = await admin.get("/admin/dashboard");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Security-Policy")).toBe(PAGE_CSP);
    const html = await res.text();
    expect(html).toContain("<h1>Admin console</h1>");
    const charts = html.match(/<svg[^>]*class="chart"[^>]*>/g) ?? [];
    expect(charts.length).toBe(4);
    for (const svg of charts) {
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-labelledby="[\w-]+-title"/);
      expect(svg).toMatch(/aria-describedby="[\w-]+-desc"/);
    }
    for (const id of ["backlog-chart", "runs-chart", "domains-chart", "verdicts-chart"]) {
      expect(html).toContain(`<title id="${id}-title">`);
      expect(html).toContain(`<desc id="${id}-desc">`);
    }
    expect(html).toContain("<rect");
    expect(html).toContain("<polyline");
    // No scripts, no inline styles (the CSP forbids both): colours are presentation attributes.
    expect(html).not.toMatch(/<script|\sstyle=/i);
    expect(html).toMatch(/fill="#[0-9a-f]{6}"/);
    // The numbers are in real tables too; 7 daily rows by default.
    expect(html).toContain("The numbers behind the charts, per day (UTC)");
    expect(html).toContain("Verdicts of the last 24 hours</caption>");
    expect(html).toContain("Outbound addresses</caption>");
    expect(html).toContain("127.0.0.2");
    expect(html).toMatch(/class="badge ok">Up</);
    expect(html).toContain("Cloudflare Queues expose no backlog count");
    const activity = html.slice(html.indexOf("The numbers behind the charts"));
    expect(activity.slice(0, activity.indexOf("</table>")).match(/<th scope="row">/g)).toHaveLength(7);
  });

  it("switches the window with links: hourly buckets for 24 hours", async () => {
    const html = await page(admin, "/admin/dashboard?window=24h");
    expect(html).toContain("Activity over the last 24 hours");
    expect(html).toContain('<a href="/admin/dashboard?window=24h" aria-current="page">');
    expect(html).toContain('<a href="/admin/dashboard?window=30d">');
    expect(html).toContain("The numbers behind the charts, per hour (UTC)");
    const activity = html.slice(html.indexOf("The numbers behind the charts"));
    expect(activity.slice(0, activity.indexOf("</table>")).match(/<th scope="row">/g)).toHaveLength(24);
    // An unknown window falls back to 7 days.
    expect(await page(admin, "/admin/dashboard?window=1y")).toContain("Activity over the last 7 days");
  });
});

describe("GET /admin/users", () => {
  it("lists every tenant's users, pending accounts first, with a status filter and pages", async () => {
    const older = await seedUser({ status: "pending", createdAt: "2020-01-01T00:00:00.000Z" });
    const active = await seedUser({ status: "active" });
    const html = await page(admin, "/admin/users");
    expect(html.indexOf(older.email)).toBeGreaterThan(0);
    expect(html.indexOf(older.email)).toBeLessThan(html.indexOf(active.email));
    expect(html).toContain(`Tenant ${older.tenantId}`);
    expect(html).toContain(`action="/admin/users/${older.userId}/approve"`);
    expect(html).not.toContain(`action="/admin/users/${active.userId}/approve"`);
    expect(html).toContain(`action="/admin/users/${active.userId}/role"`);
    expect(html).toContain(
      `<label class="visually-hidden" for="role-${active.userId}">Role of ${active.email}</label>`,
    );

    const pendingOnly = await page(admin, "/admin/users?status=pending");
    expect(pendingOnly).toContain(older.email);
    expect(pendingOnly).not.toContain(active.email);
    expect(pendingOnly).toContain('<a href="/admin/users?status=pending" aria-current="page">');

    const first = await page(admin, "/admin/users?per_page=1");
    expect(first).toContain('href="/admin/users?page=2&amp;per_page=1"');
    expect(first).not.toContain("Previous page");
    const second = await page(admin, "/admin/users?page=2&per_page=1");
    expect(second).toContain('href="/admin/users?per_page=1">Previous page');
    const rows = (html: string) => html.match(/<th scope="row">/g)?.length;
    expect(rows(first)).toBe(1);
    expect(rows(second)).toBe(1);
  });
});

describe("the user list's forms", () => {
  it("approve a pending account (CSRF-checked), mail the user and say so", async () => {
    const pending = await seedUser();
    const token = await csrfOfList(admin);
    const res = await admin.post(`/admin/users/${pending.userId}/approve`, {
      _csrf: token,
      status: "pending",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/users?status=pending&done=approved");
    expect((await userRow(pending.userId))?.status).toBe("active");
    expect((await mailTo(pending.email))[0]?.text).toContain("/auth/login");
    const notice = await page(admin, res.headers.get("Location")!);
    expect(notice).toContain('<p class="notice ok" role="status">The account was approved');
  });

  it("refuse a post without the CSRF token or with a wrong one (403), changing nothing", async () => {
    const pending = await seedUser();
    const token = await csrfOfList(admin);
    const forms: Record<string, string>[] = [{}, { _csrf: "x".repeat(token.length) }, { _csrf: "" }];
    for (const form of forms) {
      const res = await admin.post(`/admin/users/${pending.userId}/approve`, form);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("This form has expired");
    }
    // The right token from another site's page is refused too.
    const res = await admin.post(
      `/admin/users/${pending.userId}/role`,
      { _csrf: token, role: "member" },
      { Origin: "https://evil.test" },
    );
    expect(res.status).toBe(403);
    expect(await userRow(pending.userId)).toMatchObject({
      status: "pending",
      role: "owner",
      updated_at: null,
    });
  });

  it("show the guard's reason when an approval is refused", async () => {
    const unverified = await seedUser({ verified: false });
    const res = await admin.post(`/admin/users/${unverified.userId}/approve`, {
      _csrf: await csrfOfList(admin),
    });
    expect(res.headers.get("Location")).toBe("/admin/users?error=email_unverified");
    expect(await page(admin, "/admin/users?error=email_unverified")).toContain(
      "has not confirmed their email address yet",
    );
    expect((await userRow(unverified.userId))?.status).toBe("pending");
  });

  it("change a role, and refuse to demote a tenant's last active owner", async () => {
    const owner = await seedUser({ status: "active" });
    const member = await seedUser({ tenantId: owner.tenantId, role: "member", status: "active" });
    const token = await csrfOfList(admin);
    const res = await admin.post(`/admin/users/${member.userId}/role`, { _csrf: token, role: "admin" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/admin/users?done=role");
    expect((await userRow(member.userId))?.role).toBe("admin");

    const refused = await admin.post(`/admin/users/${owner.userId}/role`, { _csrf: token, role: "member" });
    expect(refused.headers.get("Location")).toBe("/admin/users?error=last_owner");
    expect(await page(admin, "/admin/users?error=last_owner")).toContain("only active owner");
    expect((await userRow(owner.userId))?.role).toBe("owner");

    const bad = await admin.post(`/admin/users/${member.userId}/role`, { _csrf: token, role: "root" });
    expect(bad.headers.get("Location")).toBe("/admin/users?error=bad_role");
    expect((await userRow(member.userId))?.role).toBe("admin");
  });

  it("leave JSON bodies on the same paths to the API (session cookie), which refuses other types", async () => {
    const member = await seedUser({ role: "member", status: "active" });
    const cookie = [...admin.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await call("POST", `/admin/users/${member.userId}/role`, {
      vars: session,
      headers: { Cookie: cookie },
      json: { role: "admin" },
    });
    expect(res.status).toBe(200);
    expect((await json(res)).user.role).toBe("admin");
    // What a cross-site form could send instead (text/plain) is not JSON: 415, nothing changes.
    const plain = await call("POST", `/admin/users/${member.userId}/role`, {
      vars: session,
      headers: { Cookie: cookie, "Content-Type": "text/plain" },
      body: '{"role":"member"}',
    });
    expect(plain.status).toBe(415);
    expect((await userRow(member.userId))?.role).toBe("admin");
  });
});

describe("GET /admin/billing", () => {
  it("shows the plans, tenants and usage; a plan's form saves its numbers; bad numbers save nothing", async () => {
    const html = await page(admin, "/admin/billing");
    for (const text of [
      "Plans and usage",
      "Free",
      "Starter",
      "Professional",
      "Enterprise",
      "Requests per minute",
    ])
      expect(html).toContain(text);
    const csrf = Browser.csrfOf(html);
    const numbers = {
      price_cents: "0",
      credits_per_period: "150",
      requests_per_minute: "12",
      requests_per_hour: "1000",
      burst_per_minute: "100",
      batch_size: "25",
      concurrent_batches: "1",
      live_connections: "10",
    };
    const saved = await admin.post("/admin/plans/free", { _csrf: csrf, ...numbers });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("Location")).toBe("/admin/billing?done=plan");
    const row = await env.DB.prepare("SELECT credits_per_period, limits FROM plans WHERE id = 'free'").first<{
      credits_per_period: number;
      limits: string;
    }>();
    expect(row!.credits_per_period).toBe(150);
    expect(JSON.parse(row!.limits).requests_per_minute).toBe(12);
    expect(await page(admin, "/admin/billing?done=plan")).toContain("The plan was saved.");
    const bad = await admin.post("/admin/plans/free", { _csrf: csrf, ...numbers, credits_per_period: "-1" });
    expect(bad.headers.get("Location")).toBe("/admin/billing?error=bad_plan");
    const still = await env.DB.prepare("SELECT credits_per_period FROM plans WHERE id = 'free'").first<{
      credits_per_period: number;
    }>();
    expect(still!.credits_per_period).toBe(150);
    expect((await admin.post("/admin/plans/platinum", { _csrf: csrf, ...numbers })).status).toBe(404);
    // Without the CSRF token: nothing saved.
    await admin.post("/admin/plans/free", { ...numbers, credits_per_period: "999" });
    const after = await env.DB.prepare("SELECT credits_per_period FROM plans WHERE id = 'free'").first<{
      credits_per_period: number;
    }>();
    expect(after!.credits_per_period).toBe(150);
  });

  it("is for platform administrators only", async () => {
    const user = await createUser();
    const browser = new Browser();
    await browser.signIn(user.email, user.password);
    expect((await browser.get("/admin/billing")).status).toBe(404);
    const token = Browser.csrfOf(await (await browser.get("/app")).text());
    expect((await browser.post("/admin/plans/free", { _csrf: token, credits_per_period: "1" })).status).toBe(
      404,
    );
    expect((await new Browser().get("/admin/billing")).status).toBe(303);
  });
});
