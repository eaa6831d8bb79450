/** The dashboard's run and lead pages against the real pipeline: new run, progress, results, search. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { domainEntries } from "../../../src/web/app-routes.tsx";
import { Caller } from "../helpers/api.ts";
import { Browser, createUser } from "../web/helpers.ts";
import { insertQuietRun, waitForRun } from "./helpers.ts";

async function signedIn() {
  const user = await createUser();
  const browser = new Browser();
  const res = await browser.signIn(user.email, user.password);
  expect(res.status).toBe(303);
  const caller = new Caller(user.tenantId, user.userId);
  return { user, browser, caller };
}

async function newRunForm(browser: Browser) {
  const page = await (await browser.get("/app/runs/new")).text();
  const key = /name="idempotency_key" value="([^"]+)"/.exec(page)?.[1];
  expect(key).toBeTruthy();
  return { csrf: Browser.csrfOf(page), key: key! };
}

function runForm(fields: Record<string, string>, file?: { name: string; text: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([file.text], file.name, { type: "text/plain" }));
  return form;
}

const runCount = async (tenantId: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM runs WHERE tenant_id = ?")
    .bind(tenantId)
    .first<{ n: number }>())!.n;

describe("domain lists from the form", () => {
  it("splits pasted text on lines, commas and spaces, and reads a CSV's first column without its header", () => {
    expect(domainEntries("acme.com\nexample.org, foo.test  bar.test;baz.test\n\n")).toEqual([
      "acme.com",
      "example.org",
      "foo.test",
      "bar.test",
      "baz.test",
    ]);
    expect(domainEntries('domain,name\r\n"acme.com",Acme\nexample.org;Example\n', true)).toEqual([
      "acme.com",
      "example.org",
    ]);
    expect(domainEntries("acme.com\nexample.org\n", true)).toEqual(["acme.com", "example.org"]);
  });
});

describe("the run pages", () => {
  it("send visitors without a session to sign in, coming back afterwards", async () => {
    const res = await new Browser().get("/app/runs/new");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/auth/login?next=%2Fapp%2Fruns%2Fnew");
    // A form sent after the session ended comes back to the form, not to its POST-only address.
    const form = new FormData();
    form.set("domains", "acme.test");
    const post = await new Browser().postMultipart("/app/runs", form);
    expect(post.headers.get("Location")).toBe("/auth/login?next=%2Fapp%2Fruns%2Fnew");
    const cancel = await new Browser().post("/app/runs/some-run/cancel", {});
    expect(cancel.headers.get("Location")).toBe("/auth/login?next=%2Fapp%2Fruns%2Fsome-run");
    expect((await new Browser().get("/app/runs")).headers.get("Location")).toBe("/app");
  });

  it("start a run from pasted and uploaded domains, show its progress, results and exports", async () => {
    const { browser, caller, user } = await signedIn();
    const { csrf, key } = await newRunForm(browser);
    const res = await browser.postMultipart(
      "/app/runs",
      runForm(
        {
          _csrf: csrf,
          idempotency_key: key,
          label: "From the page",
          domains: "studio-lumiere.test\nhttps://www.studio-lumiere.test/about",
          mode: "full",
          skip_verify: "1",
          max_pages: "10",
        },
        { name: "list.csv", text: "domain\nbergmann-maschinenbau.test\n" },
      ),
    );
    expect(res.status).toBe(303);
    const location = res.headers.get("Location")!;
    expect(location).toMatch(/^\/app\/runs\/[0-9a-f-]{36}$/);
    const runId = location.split("/").at(-1)!;
    const run = await waitForRun(caller, runId);
    expect(run).toMatchObject({ status: "succeeded", label: "From the page", user_id: user.userId });
    expect(run.domains).toEqual(["studio-lumiere.test", "bergmann-maschinenbau.test"]);
    expect(run.options).toMatchObject({ mode: "full", skip_verify: true, max_pages_per_domain: 10 });

    const detail = await browser.get(location);
    expect(detail.status).toBe(200);
    // The one page that runs a script: ours only, talking back only to this site.
    expect(detail.headers.get("Content-Security-Policy")).toContain("script-src 'self'; connect-src 'self'");
    const html = await detail.text();
    expect(html).toContain('<script src="/assets/run-live.js" defer="">');
    expect(html).toMatch(/<progress id="run-progress" max="100" value="100"/);
    expect(html).toContain(`2 of 2 domains done (100%)`);
    expect(html).toContain(`Finished: ${run.progress.leads_found} leads from 2 of 2 domains.`);
    expect(html).toMatch(/data-domain="studio-lumiere.test"[\s\S]*?<span class="badge done">done<\/span>/);
    expect(html).toContain(`href="/runs/${runId}/export?format=csv"`);
    expect(html).not.toContain('id="cancel-form"');
    expect(html).toContain("done:");

    const results = await (await browser.get(`/app/runs/${runId}/results`)).text();
    expect(results).toContain(
      `Leads 1 to ${Math.min(50, run.progress.leads_found)} of ${run.progress.leads_found}`,
    );
    const lead = await env.DB.prepare("SELECT email FROM leads WHERE tenant_id = ? LIMIT 1")
      .bind(user.tenantId)
      .first<{ email: string }>();
    expect(results).toContain(lead!.email);

    // The export buttons are plain links to the API, which the session cookie opens.
    const csv = await browser.get(`/runs/${runId}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    expect(await csv.text()).toContain(lead!.email);
  }, 120_000);

  it("create one run when the same form is sent twice", async () => {
    const { browser, user } = await signedIn();
    const { csrf, key } = await newRunForm(browser);
    const fields = { _csrf: csrf, idempotency_key: key, domains: "quiet-one.test", mode: "generate" };
    const first = await browser.postMultipart("/app/runs", runForm(fields));
    const second = await browser.postMultipart("/app/runs", runForm(fields));
    expect(first.status).toBe(303);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await runCount(user.tenantId)).toBe(1);
  });

  it("show what is wrong with the form and create nothing", async () => {
    const { browser, user } = await signedIn();
    const { csrf, key } = await newRunForm(browser);
    const bad = await browser.postMultipart(
      "/app/runs",
      runForm({
        _csrf: csrf,
        idempotency_key: key,
        domains: "acme.test\nnot_a_domain!\nhttp://\n",
        mode: "full",
      }),
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('id="domains-error"');
    expect(html).toContain(
      "2 entries are not a domain: not_a_domain!: &quot;not_a_domain!&quot; contains characters",
    );
    expect(html).toContain("acme.test\nnot_a_domain!"); // what was typed is kept
    const empty = await browser.postMultipart(
      "/app/runs",
      runForm({ _csrf: csrf, idempotency_key: key, domains: " ", mode: "full", max_pages: "500" }),
    );
    expect(empty.status).toBe(400);
    const text = await empty.text();
    expect(text).toContain("Enter at least one domain, or choose a file.");
    expect(text).toContain("Enter a whole number from 1 to 100.");
    const tooMany = Array.from({ length: 1001 }, (_, i) => `d${i}.test`).join("\n");
    const big = await browser.postMultipart(
      "/app/runs",
      runForm({ _csrf: csrf, idempotency_key: key, domains: tooMany, mode: "full" }),
    );
    expect(big.status).toBe(400);
    expect(await big.text()).toContain("a run takes up to 1,000");
    expect(await runCount(user.tenantId)).toBe(0);
  });

  it("refuse a form without its CSRF token and create nothing", async () => {
    const { browser, user } = await signedIn();
    const { key } = await newRunForm(browser);
    const res = await browser.postMultipart(
      "/app/runs",
      runForm({ _csrf: "x".repeat(32), idempotency_key: key, domains: "acme.test", mode: "full" }),
    );
    expect(res.status).toBe(403);
    expect(await runCount(user.tenantId)).toBe(0);
  });

  it("cancel a run that is still going", async () => {
    const { browser, caller } = await signedIn();
    const runId = await insertQuietRun(caller, ["slow-a.test", "slow-b.test"]);
    const page = await (await browser.get(`/app/runs/${runId}`)).text();
    expect(page).toContain('id="cancel-form"');
    expect(page).toContain("0 of 2 domains done (0%)");
    const res = await browser.post(`/app/runs/${runId}/cancel`, { _csrf: Browser.csrfOf(page) });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/app/runs/${runId}?cancelled`);
    const after = await (await browser.get(`/app/runs/${runId}?cancelled`)).text();
    expect(after).toContain("The run was cancelled.");
    expect(after).toContain('<span id="run-status" class="badge cancelled">cancelled</span>');
  });

  it("answer 404 for another tenant's run, its results and its cancel button", async () => {
    const { browser } = await signedIn();
    const other = Caller.newTenant();
    const runId = await insertQuietRun(other, ["theirs.test"]);
    expect((await browser.get(`/app/runs/${runId}`)).status).toBe(404);
    expect((await browser.get(`/app/runs/${runId}/results`)).status).toBe(404);
    const page = await (await browser.get("/app/runs/new")).text();
    const res = await browser.post(`/app/runs/${runId}/cancel`, { _csrf: Browser.csrfOf(page) });
    expect(res.status).toBe(404);
    const still = await env.DB.prepare("SELECT status FROM runs WHERE id = ?")
      .bind(runId)
      .first<{ status: string }>();
    expect(still!.status).toBe("queued");
  });

  it("list the tenant's runs on the start page, 20 a page, newest first, with a link to older ones", async () => {
    const { browser, caller } = await signedIn();
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(await insertQuietRun(caller, [`run-${i}.test`]));
    // Same-millisecond runs are ordered by id: the expected order is the store's own.
    const expected = (
      await env.DB.prepare("SELECT id FROM runs WHERE tenant_id = ? ORDER BY created_at DESC, id DESC")
        .bind(caller.tenantId)
        .all<{ id: string }>()
    ).results.map((r) => r.id);
    const linked = (html: string) =>
      [...html.matchAll(/href="\/app\/runs\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const first = await (await browser.get("/app")).text();
    expect(linked(first)).toEqual(expected.slice(0, 20));
    const older = /href="(\/app\?before=[^"]+)" rel="next">Older runs/
      .exec(first)?.[1]
      ?.replaceAll("&amp;", "&");
    expect(older).toBeTruthy();
    const second = await (await browser.get(older!)).text();
    expect(linked(second)).toEqual(expected.slice(20));
    expect(second).toContain("3 older runs, newest first");
    expect(second).toContain('href="/app">Newest runs');
    expect(second).not.toContain("Older runs");
    expect(new Set([...linked(first), ...linked(second)])).toEqual(new Set(ids));
  });

  it("serve the live-update script as JavaScript", async () => {
    const res = await new Browser().get("/assets/run-live.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/javascript");
    const js = await res.text();
    expect(js).toContain("/events/ticket");
    expect(() => new Function(js)).not.toThrow(); // it parses
  });
});

describe("the lead search page", () => {
  it("searches with facets and pages through the results with a cursor", async () => {
    const { browser, caller, user } = await signedIn();
    const { csrf, key } = await newRunForm(browser);
    const created = await browser.postMultipart(
      "/app/runs",
      runForm({
        _csrf: csrf,
        idempotency_key: key,
        domains: "studio-lumiere.test",
        mode: "full",
        skip_verify: "1",
      }),
    );
    await waitForRun(caller, created.headers.get("Location")!.split("/").at(-1)!);
    const total = (await env.DB.prepare("SELECT count(*) AS n FROM leads WHERE tenant_id = ?")
      .bind(user.tenantId)
      .first<{ n: number }>())!.n;
    expect(total).toBeGreaterThan(2);

    const page = await (await browser.get("/app/leads")).text();
    expect(page).toContain("<legend>Verification</legend>");
    expect(page).toContain(`name="verify_status" value="unknown"`);
    expect(page).toContain(`(${total})`);

    const filtered = await browser.get("/app/leads?verify_status=unknown&source=crawl&limit=2");
    expect(filtered.status).toBe(200);
    const html = await filtered.text();
    expect(html).toMatch(/name="verify_status" value="unknown" checked/);
    expect(html).toContain("2 leads on this page");
    const next = /href="(\/app\/leads\?[^"]*cursor=[^"]+)" rel="next"/
      .exec(html)?.[1]
      ?.replaceAll("&amp;", "&");
    expect(next).toBeTruthy();
    const second = await (await browser.get(next!)).text();
    expect(second).toContain("First page");
    const emails = (text: string) =>
      [...text.matchAll(/<th scope="row">([^<]+@[^<]+)<\/th>/g)].map((m) => m[1]);
    expect(emails(second).length).toBeGreaterThan(0);
    expect(emails(second).some((e) => emails(html).includes(e))).toBe(false);

    const none = await (await browser.get("/app/leads?verify_status=invalid")).text();
    expect(none).toContain("No leads match.");
    const bad = await browser.get("/app/leads?sizes=huge");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("This search cannot be run");
    const stale = await browser.get(`${next!.replace("verify_status=unknown", "verify_status=valid")}`);
    expect(stale.status).toBe(400);
  }, 120_000);

  it("shows only the visitor's tenant's leads", async () => {
    const { browser } = await signedIn();
    const other = Caller.newTenant();
    await other.provision();
    await env.DB.prepare(
      "INSERT INTO leads (id, tenant_id, email, type, company_domain, email_source, verify_status, verify_reason, icp_score, sources, alternatives) VALUES (?, ?, 'x@theirs.test', 'personal', 'theirs.test', 'published', 'valid', 'r', 50, '[]', '[]')",
    )
      .bind(crypto.randomUUID(), other.tenantId)
      .run();
    const html = await (await browser.get("/app/leads")).text();
    expect(html).not.toContain("x@theirs.test");
    expect(html).toContain("No leads match.");
  });
});
