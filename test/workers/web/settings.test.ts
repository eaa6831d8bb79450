/**
 * The settings pages (API keys, ICP, suppression list): they act through the
 * same services as the JSON API, with its role rules, CSRF-checked forms,
 * field errors next to the fields, Post/Redirect/Get, and tenant isolation.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../../src/domain/identity/password.ts";
import { Caller, call, expectError, json, uniqueId } from "../helpers/api.ts";
import { seedLeads } from "../leads/helpers.ts";
import { Browser, createUser } from "./helpers.ts";

const KEYS = "/app/settings/api-keys";
const ICP = "/app/settings/icp";
const LIST = "/app/settings/suppressions";

/** A signed-in owner of a new tenant, their browser, and the tenant as an API caller (dev headers). */
async function owner() {
  const user = await createUser();
  const browser = new Browser();
  expect((await browser.signIn(user.email, user.password)).status).toBe(303);
  return { user, browser, api: new Caller(user.tenantId, user.userId) };
}

/** A signed-in member of `tenantId`. */
async function member(tenantId: string) {
  const userId = uniqueId("user");
  const email = `${userId}@example.com`;
  const password = "correct horse battery staple";
  await env.DB.prepare(
    "INSERT INTO users (id, tenant_id, email, password_hash, role, status) VALUES (?, ?, ?, ?, 'member', 'active')",
  )
    .bind(userId, tenantId, email, await hashPassword(password))
    .run();
  const browser = new Browser();
  expect((await browser.signIn(email, password)).status).toBe(303);
  return browser;
}

/** Opens a page and posts its form with the page's CSRF token. */
async function submit(
  browser: Browser,
  page: string,
  action: string,
  form: Record<string, string | string[]>,
) {
  const token = Browser.csrfOf(await (await browser.get(page)).text());
  const body = new URLSearchParams({ _csrf: token });
  for (const [name, value] of Object.entries(form))
    for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
  return postRaw(browser, action, body);
}

/** Browser.post takes a flat record; repeated fields (`scopes[]`) need the raw body. */
async function postRaw(browser: Browser, action: string, body: URLSearchParams) {
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  return call("POST", action, {
    vars: { AUTH_MODE: "session" },
    body: body.toString(),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "https://api.prospector.test",
      Cookie: cookie,
    },
  });
}

/** The secret in the new key's readonly input. */
const keyIn = (html: string) => /<input id="new-key"[^>]* value="(psk_[^"]+)"/.exec(html)?.[1];
const occurrences = (html: string, text: string) => html.split(text).length - 1;
const keyWorks = async (key: string) =>
  (await call("GET", "/api-keys", { headers: { "X-API-Key": key } })).status === 200;
const count = async (sql: string, ...binds: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n;

describe("signed-out visitors", () => {
  it("are sent to sign in, coming back to the page (or, after a POST, to its form)", async () => {
    for (const path of ["/app/settings", KEYS, ICP, LIST]) {
      const res = await new Browser().get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("Location")).toBe(`/auth/login?next=${encodeURIComponent(path)}`);
    }
    const res = await new Browser().post(`${KEYS}/key_x/revoke`, { _csrf: "x" });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/auth/login?next=${encodeURIComponent(KEYS)}`);
  });
});

describe("the settings overview", () => {
  it("links the three pages, with the settings sub-navigation", async () => {
    const { browser } = await owner();
    const res = await browser.get("/app/settings");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<nav aria-label="Settings" class="subnav">');
    expect(html).toContain('<a href="/app/settings" aria-current="page">Overview</a>');
    for (const path of [KEYS, ICP, LIST]) expect(html).toContain(`href="${path}"`);
  });
});

describe("API keys", () => {
  it("creates a key whose secret is shown once (no-store), works on the API, and is never shown again", async () => {
    const { browser, user } = await owner();
    const res = await submit(browser, KEYS, KEYS, {
      name: "CRM sync",
      "scopes[]": ["read", "write", "admin"],
      expires_on: "",
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("Copy it now: it will not be shown again.");
    const key = keyIn(html)!;
    expect(key).toMatch(/^psk_/);
    expect(occurrences(html, key)).toBe(1);
    expect(html).toMatch(/<input id="new-key"[^>]* readonly=""/);

    expect(await keyWorks(key)).toBe(true);
    const listed = await json(await call("GET", "/api-keys", { headers: { "X-API-Key": key } }));
    expect(listed.results).toHaveLength(1);
    expect(listed.results[0]).toMatchObject({ name: "CRM sync", scopes: ["read", "write", "admin"] });
    expect(listed.results[0].created_by).toBe(user.userId);

    const list = await (await browser.get(KEYS)).text();
    expect(list).toContain("CRM sync");
    expect(list).toContain(listed.results[0].prefix);
    expect(list).not.toContain(key);
    expect(list).not.toContain('id="new-key"');
  });

  it("keeps the values and shows the problems next to the fields when the form is wrong (400, nothing created)", async () => {
    const { browser, user } = await owner();
    const res = await submit(browser, KEYS, KEYS, { name: "  ", expires_on: "2020-01-01" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('aria-describedby="name-error name-hint"');
    expect(html).toContain(
      '<p class="field-error" id="name-error">Give the key a name of 1 to 100 characters.</p>',
    );
    expect(html).toContain('<p class="field-error" id="scopes-error">Choose at least one scope.</p>');
    expect(html).toContain('<fieldset aria-describedby="scopes-error">');

    const past = await submit(browser, KEYS, KEYS, {
      name: "Old",
      "scopes[]": ["read"],
      expires_on: "2020-01-01",
    });
    expect(past.status).toBe(400);
    const pastHtml = await past.text();
    expect(pastHtml).toContain("Choose a day after today.");
    expect(pastHtml).toContain('value="Old"');
    expect(pastHtml).toContain('value="2020-01-01"');
    const bad = await submit(browser, KEYS, KEYS, {
      name: "Odd",
      "scopes[]": ["read"],
      expires_on: "2030-02-31",
    });
    expect(await bad.text()).toContain("Enter a date as YYYY-MM-DD.");
    expect(await count("SELECT count(*) AS n FROM api_keys WHERE tenant_id = ?", user.tenantId)).toBe(0);

    const later = await submit(browser, KEYS, KEYS, {
      name: "Later",
      "scopes[]": ["read"],
      expires_on: "2099-01-31",
    });
    expect(later.status).toBe(201);
    const row = await env.DB.prepare("SELECT expires_at, scopes FROM api_keys WHERE tenant_id = ?")
      .bind(user.tenantId)
      .first<{ expires_at: string; scopes: string }>();
    expect(row).toEqual({ expires_at: "2099-01-31T00:00:00.000Z", scopes: '["read"]' });
  });

  it("revokes a key: it stops working at once and the list says so", async () => {
    const { browser } = await owner();
    const created = await submit(browser, KEYS, KEYS, {
      name: "Doomed",
      "scopes[]": ["read", "write", "admin"],
    });
    const key = keyIn(await created.text())!;
    expect(await keyWorks(key)).toBe(true); // cached in this isolate now
    const [{ id }] = (await json(await call("GET", "/api-keys", { headers: { "X-API-Key": key } }))).results;

    const res = await submit(browser, KEYS, `${KEYS}/${id}/revoke`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${KEYS}?revoked`);
    await expectError(
      await call("GET", "/api-keys", { headers: { "X-API-Key": key } }),
      401,
      "api_key_revoked",
    );
    const page = await (await browser.get(`${KEYS}?revoked`)).text();
    expect(page).toContain("The key is revoked: it no longer works.");
    expect(page).toContain('<span class="badge bad">Revoked</span>');
    expect(page).not.toContain(`/app/settings/api-keys/${id}/revoke`);
  });

  it("answers 404 for another tenant's key or an unknown one, and leaves it alone", async () => {
    const { browser } = await owner();
    const other = await Caller.newTenant().provision();
    const theirs = await other.createApiKey();
    for (const id of [theirs.id, "key_nope"]) {
      const res = await submit(browser, KEYS, `${KEYS}/${id}/revoke`, {});
      expect(res.status).toBe(404);
      expect(res.headers.get("Content-Type")).toMatch(/text\/html/);
      expect(await res.text()).toContain("There is no such API key.");
    }
    expect(await keyWorks(theirs.key)).toBe(true);
  });

  it("is for owners and admins only, as on the API: a member gets 403 pages and changes nothing", async () => {
    const { browser, user } = await owner();
    const created = await submit(browser, KEYS, KEYS, { name: "Owner's", "scopes[]": ["read", "admin"] });
    const key = keyIn(await created.text())!;
    const [{ id }] = (await json(await call("GET", "/api-keys", { headers: { "X-API-Key": key } }))).results;
    const colleague = await member(user.tenantId);

    const page = await colleague.get(KEYS);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain("Managing API keys needs the owner or admin role.");
    expect(html).not.toContain("Owner's");

    const token = Browser.csrfOf(html);
    const create = await colleague.post(KEYS, { _csrf: token, name: "Mine", "scopes[]": "read" });
    expect(create.status).toBe(403);
    const revoke = await colleague.post(`${KEYS}/${id}/revoke`, { _csrf: token });
    expect(revoke.status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM api_keys WHERE tenant_id = ?", user.tenantId)).toBe(1);
    expect(await keyWorks(key)).toBe(true);
  });

  it("refuses forms without the CSRF token (403) and changes nothing", async () => {
    const { browser, user } = await owner();
    const created = await submit(browser, KEYS, KEYS, { name: "Kept", "scopes[]": ["read", "admin"] });
    const key = keyIn(await created.text())!;
    const [{ id }] = (await json(await call("GET", "/api-keys", { headers: { "X-API-Key": key } }))).results;
    for (const action of [KEYS, `${KEYS}/${id}/revoke`]) {
      const res = await browser.post(action, { name: "Sneaky", "scopes[]": "admin" });
      expect(res.status, action).toBe(403);
      expect(await res.text()).toContain("This form has expired");
    }
    expect(await count("SELECT count(*) AS n FROM api_keys WHERE tenant_id = ?", user.tenantId)).toBe(1);
    expect(await keyWorks(key)).toBe(true);
  });
});

const PROFILE_FORM = {
  "seniorities[]": ["c_suite", "vp"],
  "departments[]": ["sales"],
  "sizes[]": ["51-200", "201-500"],
  industries: "Software & SaaS, Fintech",
  technologies: "HubSpot,  Salesforce ,",
  countries: "DE, AT",
  "weights.seniority": "30",
  "weights.department": "20",
  "weights.industry": "15",
  "weights.size": "10",
  "weights.technology": "10",
  "weights.country": "0",
  "weights.deliverability": "15",
  "disqualifiers.free_mail": "on",
  "disqualifiers.domains": "rival.test",
  "disqualifiers.verify_statuses[]": ["invalid", "unknown"],
};

describe("the ICP page", () => {
  it("starts from the baseline, saves through PUT /icp's service and starts a re-scoring run", async () => {
    const { browser, api } = await owner();
    await seedLeads(api, [{ email: "ceo@acme.test", seniority: "c_suite" }, { email: "vp@acme.test" }]);
    const first = await (await browser.get(ICP)).text();
    expect(first).toContain("No profile is saved yet, so leads carry the baseline score.");
    expect(first).toContain("<legend>Seniorities</legend>");
    expect(first).toContain(
      '<input id="weights.seniority" name="weights.seniority" type="number" value="25"',
    );

    const res = await submit(browser, ICP, ICP, PROFILE_FORM);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${ICP}?saved=2`);

    const state = await json(await call("GET", "/icp", { headers: api.devHeaders() }));
    expect(state).toMatchObject({ scoring: "profile", version: 1, updated_by: api.userId });
    expect(state.profile).toEqual({
      seniorities: ["c_suite", "vp"],
      departments: ["sales"],
      industries: ["Software & SaaS", "Fintech"],
      sizes: ["51-200", "201-500"],
      technologies: ["HubSpot", "Salesforce"],
      countries: ["DE", "AT"],
      weights: {
        seniority: 30,
        department: 20,
        industry: 15,
        size: 10,
        technology: 10,
        country: 0,
        deliverability: 15,
      },
      disqualifiers: {
        free_mail: true,
        disposable: false,
        domains: ["rival.test"],
        verify_statuses: ["invalid", "unknown"],
      },
    });
    expect(state.rescore_run).toMatchObject({ leads_total: 2 });
    expect(
      await count(
        "SELECT count(*) AS n FROM runs WHERE tenant_id = ? AND json_extract(options, '$.mode') = 'rescore'",
        api.tenantId,
      ),
    ).toBe(1);

    const after = await (await browser.get(`${ICP}?saved=2`)).text();
    expect(after).toContain("Saved; re-scoring 2 leads.");
    expect(after).toContain("Leads are scored against profile version 1");
    expect(after).toContain(`href="/app/runs/${state.rescore_run.run_id}"`);
    expect(after).toContain('value="c_suite" checked=""');
    expect(after).toContain('value="Software &amp; SaaS, Fintech"');
    expect(after).toMatch(/name="disqualifiers.disposable" value="on"\/?>/);
  });

  it("refuses an invalid weight with the field's error (400, values kept, nothing saved)", async () => {
    const { browser, api } = await owner();
    const res = await submit(browser, ICP, ICP, {
      ...PROFILE_FORM,
      "weights.size": "150",
      countries: "Germany",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("The profile was not saved: some fields need your attention.");
    expect(html).toContain(
      '<p class="field-error" id="weights.size-error">Enter a whole number from 0 to 100.</p>',
    );
    expect(html).toMatch(
      /id="weights.size" name="weights.size" type="number" value="150"[^>]*aria-invalid="true" aria-describedby="weights.size-error"/,
    );
    expect(html).toContain('id="countries-error">Use two-letter country codes');
    expect(html).toContain('value="Germany"');
    expect(html).toContain('value="vp" checked=""');
    expect((await json(await call("GET", "/icp", { headers: api.devHeaders() }))).version).toBe(0);
    expect(await count("SELECT count(*) AS n FROM runs WHERE tenant_id = ?", api.tenantId)).toBe(0);
  });

  it("shows a member the profile read-only and refuses their changes (403), as PUT /icp does", async () => {
    const { browser, user, api } = await owner();
    await submit(browser, ICP, ICP, PROFILE_FORM);
    const colleague = await member(user.tenantId);
    const page = await colleague.get(ICP);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Only owners and admins can change the profile.");
    expect(html).toContain('<fieldset disabled="" class="plain">');
    expect(html).not.toContain("Save and re-score");
    const res = await colleague.post(ICP, { _csrf: Browser.csrfOf(html), "weights.size": "1" });
    expect(res.status).toBe(403);
    expect((await json(await call("GET", "/icp", { headers: api.devHeaders() }))).version).toBe(1);
  });

  it("refuses a form without the CSRF token (403) and saves nothing", async () => {
    const { browser, api } = await owner();
    const res = await browser.post(ICP, { countries: "DE" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This form has expired");
    expect((await json(await call("GET", "/icp", { headers: api.devHeaders() }))).version).toBe(0);
  });
});

describe("the suppression list page", () => {
  it("adds entries, finds them, and removes them", async () => {
    const { browser, api } = await owner();
    const added = await submit(browser, LIST, LIST, {
      kind: "email",
      value: "Anna@Acme.test",
      reason: "opt-out",
    });
    expect(added.status).toBe(303);
    expect(added.headers.get("Location")).toBe(`${LIST}?added`);
    const again = await submit(browser, LIST, LIST, { kind: "email", value: "anna@acme.test", reason: "" });
    expect(again.headers.get("Location")).toBe(`${LIST}?exists`);
    await submit(browser, LIST, LIST, { kind: "domain", value: "https://www.rival.test/about", reason: "" });

    const check = await call("GET", "/suppressions/check?email=someone@rival.test", {
      headers: api.devHeaders(),
    });
    expect(await json(check)).toEqual({ suppressed: true });

    const page = await (await browser.get(`${LIST}?added`)).text();
    expect(page).toContain("Added to the suppression list.");
    expect(page).toContain('<table><caption class="muted">The suppression list, newest first</caption>');
    expect(page).toContain("opt-out");
    expect(occurrences(page, "/delete")).toBe(2);

    const found = await (await browser.get(`${LIST}?q=${encodeURIComponent("bob@rival.test")}`)).text();
    expect(found).toContain("The entries that suppress it");
    expect(occurrences(found, '<tr><th scope="row">')).toBe(1);
    expect(found).toContain('<th scope="row">domain</th>');
    const none = await (await browser.get(`${LIST}?q=nobody.test`)).text();
    expect(none).toContain("Nothing on the list suppresses that.");
    const bad = await browser.get(`${LIST}?q=${encodeURIComponent("not a domain")}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('id="q-error"');

    const { results } = await json(
      await call("GET", "/suppressions?kind=domain", { headers: api.devHeaders() }),
    );
    const res = await submit(browser, LIST, `${LIST}/${results[0].id}/delete`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${LIST}?deleted`);
    const rest = await json(await call("GET", "/suppressions", { headers: api.devHeaders() }));
    expect(rest.results.map((r: { kind: string }) => r.kind)).toEqual(["email"]);
    const recheck = await call("GET", "/suppressions/check?domain=rival.test", { headers: api.devHeaders() });
    expect(await json(recheck)).toEqual({ suppressed: false });
  });

  it("shows problems next to the fields (400) and adds nothing", async () => {
    const { browser, api } = await owner();
    const res = await submit(browser, LIST, LIST, {
      kind: "email",
      value: "not-an-address",
      reason: "x".repeat(201),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(
      '<p class="field-error" id="value-error">Must be one email address (local@domain).</p>',
    );
    expect(html).toContain('<p class="field-error" id="reason-error">Keep the reason to 200 characters.</p>');
    expect(html).toContain('value="not-an-address"');
    const noKind = await submit(browser, LIST, LIST, { value: "acme.test" });
    expect(await noKind.text()).toContain('id="kind-error">Choose an email address or a whole domain.');
    expect(await count("SELECT count(*) AS n FROM suppressions WHERE tenant_id = ?", api.tenantId)).toBe(0);
  });

  it("pages the list 50 at a time", async () => {
    const { browser, api } = await owner();
    await env.DB.batch(
      Array.from({ length: 55 }, (_, i) =>
        env.DB.prepare(
          "INSERT INTO suppressions (id, tenant_id, kind, value_hash, reason, created_at) VALUES (?, ?, 'domain', ?, ?, ?)",
        ).bind(
          `sup_page_${api.tenantId}_${i}`,
          api.tenantId,
          `hash-${i}`,
          `reason ${i}`,
          `2026-01-01T00:00:${String(i).padStart(2, "0")}.000Z`,
        ),
      ),
    );
    const first = await (await browser.get(LIST)).text();
    expect(occurrences(first, '<th scope="row">')).toBe(50);
    expect(first).toContain('<a href="/app/settings/suppressions?offset=50" rel="next">Older</a>');
    expect(first).toContain("reason 54");
    const second = await (await browser.get(`${LIST}?offset=50`)).text();
    expect(occurrences(second, '<th scope="row">')).toBe(5);
    expect(second).toContain('<a href="/app/settings/suppressions?offset=0" rel="prev">Newer</a>');
    expect(second).not.toContain('rel="next"');
    expect(second).toContain("reason 0");
  });

  it("lets a member read the list but not change it (403)", async () => {
    const { browser, user, api } = await owner();
    await submit(browser, LIST, LIST, { kind: "domain", value: "rival.test", reason: "competitor" });
    const colleague = await member(user.tenantId);
    const page = await colleague.get(LIST);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("competitor");
    expect(html).toContain("Only owners and admins can add or remove entries.");
    expect(html).not.toContain("/delete");
    expect(html).not.toContain("Add to the list");
    const token = Browser.csrfOf(html);
    const add = await colleague.post(LIST, { _csrf: token, kind: "domain", value: "other.test" });
    expect(add.status).toBe(403);
    const [{ id }] = (await json(await call("GET", "/suppressions", { headers: api.devHeaders() }))).results;
    const del = await colleague.post(`${LIST}/${id}/delete`, { _csrf: token });
    expect(del.status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM suppressions WHERE tenant_id = ?", api.tenantId)).toBe(1);
  });

  it("answers 404 for another tenant's entry, refuses forms without CSRF, and changes nothing", async () => {
    const { browser, api } = await owner();
    const other = await Caller.newTenant().provision();
    const theirs = await json(
      await call("POST", "/suppressions", { headers: other.devHeaders(), json: { domain: "theirs.test" } }),
    );
    const res = await submit(browser, LIST, `${LIST}/${theirs.id}/delete`, {});
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("There is no such entry.");
    expect(await count("SELECT count(*) AS n FROM suppressions WHERE id = ?", theirs.id)).toBe(1);

    const add = await browser.post(LIST, { kind: "domain", value: "acme.test" });
    expect(add.status).toBe(403);
    await submit(browser, LIST, LIST, { kind: "domain", value: "mine.test" });
    const [{ id }] = (await json(await call("GET", "/suppressions", { headers: api.devHeaders() }))).results;
    const del = await browser.post(`${LIST}/${id}/delete`, {});
    expect(del.status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM suppressions WHERE tenant_id = ?", api.tenantId)).toBe(1);
  });
});
