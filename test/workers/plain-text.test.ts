/**
 * The plain-text rule (src/domain/text/plain-text.ts) at every door that
 * stores free text: tabs and line breaks are kept as spaces; NUL and the
 * other control characters are refused with a 400 (a rejected row for an
 * ingest) and nothing is stored. Run labels are covered in
 * test/workers/runs/runs.error.test.ts, search text in
 * test/workers/leads/search.error.test.ts.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, expectError, json, uniqueId } from "./helpers/api.ts";
import { ingest, leadsOf } from "./ingest/helpers.ts";
import { Browser, createUser } from "./web/helpers.ts";

const count = async (sql: string, tenantId: string) =>
  (await env.DB.prepare(sql).bind(tenantId).first<{ n: number }>())?.n ?? -1;

describe("ingested rows", () => {
  it("NDJSON: a \\u0000 or other control character in a value rejects that row; tabs read as spaces", async () => {
    const owner = await Caller.newTenant().provision();
    const body = [
      { email: "ok@acme-widgets.com", title: "Head\tof\nSales", company: "Acme\r\nWidgets" },
      { email: "nul@acme-widgets.com", first_name: "Ada\u0000" },
      { email: "esc@acme-widgets.com", company: "Acme\u001b[31m" },
      { email: "del@acme-widgets.com", title: "CTO\u007f" },
    ]
      .map((row) => JSON.stringify(row))
      .join("\n");
    const res = await ingest(owner, body, "application/x-ndjson");
    expect(res.status).toBe(200);
    const result = await json(res);
    expect(result.rejected).toBe(3);
    expect(result.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, "first_name"],
      [3, "company"],
      [4, "title"],
    ]);
    expect(result.errors[0].detail).toContain("U+0000");
    const stored = await leadsOf(owner.tenantId);
    expect([...stored.keys()]).toEqual(["ok@acme-widgets.com"]);
    expect(stored.get("ok@acme-widgets.com")).toMatchObject({
      title: "Head of Sales",
      company: "Acme Widgets",
    });
  });

  it("CSV: a control character in a cell rejects the row (a NUL byte still refuses the whole file)", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await ingest(
      owner,
      "email,name,title\nok@acme-widgets.com,Ada Lovelace,CTO\nbad@acme-widgets.com,Bell\u0007Ringer,CTO\n",
    );
    expect(res.status).toBe(200);
    const result = await json(res);
    expect(result.rejected).toBe(1);
    expect(result.errors).toEqual([
      { row: 3, field: "full_name", detail: expect.stringContaining("U+0007") },
    ]);
    expect([...(await leadsOf(owner.tenantId)).keys()]).toEqual(["ok@acme-widgets.com"]);
    const binary = await ingest(owner, "email,name\nnul@acme-widgets.com,A\u0000B\n");
    await expectError(binary, 400, "bad_request");
  });
});

describe("API bodies", () => {
  it("suppression reasons: refused with a control character, tabs kept as spaces", async () => {
    const owner = await Caller.newTenant().provision();
    const refused = await expectError(
      await call("POST", "/suppressions", {
        headers: owner.devHeaders(),
        json: { email: "anna@acme.test", reason: "opt\u0000out" },
      }),
      400,
      "validation_failed",
    );
    expect(refused.fields.reason).toContain("U+0000");
    expect(await count("SELECT count(*) AS n FROM suppressions WHERE tenant_id = ?", owner.tenantId)).toBe(0);
    const res = await call("POST", "/suppressions", {
      headers: owner.devHeaders(),
      json: { email: "anna@acme.test", reason: "opt-out\tby mail" },
    });
    expect(res.status).toBe(201);
    expect((await json(res)).reason).toBe("opt-out by mail");
  });

  it("API key names: refused with a control character, tabs kept as spaces", async () => {
    const owner = await Caller.newTenant().provision();
    const refused = await expectError(
      await call("POST", "/api-keys", {
        headers: owner.devHeaders(),
        json: { name: "CRM\u0008sync", scopes: ["read"] },
      }),
      400,
      "validation_failed",
    );
    expect(refused.fields.name).toContain("U+0008");
    expect(await count("SELECT count(*) AS n FROM api_keys WHERE tenant_id = ?", owner.tenantId)).toBe(0);
    const res = await call("POST", "/api-keys", {
      headers: owner.devHeaders(),
      json: { name: "CRM\tsync", scopes: ["read"] },
    });
    expect(res.status).toBe(201);
    expect((await json(res)).name).toBe("CRM sync");
  });

  it("ICP profile values: any list value with a control character refuses the profile", async () => {
    const owner = await Caller.newTenant().provision();
    for (const [body, path] of [
      [{ industries: ["Software\u0000"] }, "industries.0"],
      [{ technologies: ["react", "vue\u001b"] }, "technologies.1"],
      [{ seniorities: ["vp\u007f"] }, "seniorities.0"],
      [{ countries: ["D\u0000"] }, "countries.0"],
      [{ disqualifiers: { domains: ["rival.test\u0000"] } }, "disqualifiers.domains.0"],
    ] as const) {
      const refused = await expectError(
        await call("PUT", "/icp", { headers: owner.devHeaders(), json: body }),
        400,
        "validation_failed",
      );
      expect(refused.fields[path], path).toContain("control character");
    }
    expect((await json(await call("GET", "/icp", { headers: owner.devHeaders() }))).version).toBe(0);
  });
});

describe("web forms", () => {
  async function signedIn() {
    const user = await createUser();
    const browser = new Browser();
    expect((await browser.signIn(user.email, user.password)).status).toBe(303);
    return { user, browser };
  }

  it("the suppression form shows the problem next to the reason and adds nothing", async () => {
    const { user, browser } = await signedIn();
    const page = "/app/settings/suppressions";
    const csrf = Browser.csrfOf(await (await browser.get(page)).text());
    const res = await browser.post(page, {
      _csrf: csrf,
      kind: "email",
      value: "anna@acme.test",
      reason: "a\u0000b",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="reason-error">The reason contains a control character \(U\+0000\)/);
    expect(await count("SELECT count(*) AS n FROM suppressions WHERE tenant_id = ?", user.tenantId)).toBe(0);
  });

  it("the new run form shows the problem next to the label and starts nothing", async () => {
    const { user, browser } = await signedIn();
    const page = "/app/runs/new";
    const html = await (await browser.get(page)).text();
    const res = await browser.post("/app/runs", {
      _csrf: Browser.csrfOf(html),
      idempotency_key: uniqueId("idem"),
      label: "Q1\u0000",
      domains: "acme.test",
      mode: "full",
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/id="label-error">The label contains a control character \(U\+0000\)/);
    expect(await count("SELECT count(*) AS n FROM runs WHERE tenant_id = ?", user.tenantId)).toBe(0);
  });

  it("sign-up refuses a company name with a control character", async () => {
    const open = { REGISTRATION_ENABLED: "true", ENVIRONMENT: "development", AUTH_MODE: "session" };
    const browser = new Browser();
    const email = `${uniqueId("signup")}@example.com`;
    const html = await (await browser.get("/auth/register", open)).text();
    const res = await browser.post(
      "/auth/register",
      { _csrf: Browser.csrfOf(html), email, password: "a long enough password", company: "Acme\u0000Labs" },
      {},
      open,
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The name contains a control character (U+0000)");
    const user = await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first();
    expect(user).toBeNull();
  });
});
