/**
 * Door 001's sign-in (seed 001): sign up under each REGISTRATION_MODE, log
 * in, who am I, log out; the seed's bodies and its error dialect, field by
 * field; throttling and no enumeration.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SIGN_IN_PER_EMAIL } from "../../../src/services/auth/sign-in.ts";
import { call, expectError, json, uniqueId } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";
import { createUser, latestCode } from "../web/helpers.ts";

const open = { REGISTRATION_MODE: "open" };
const approval = { REGISTRATION_MODE: "approval" };
const password = "SecurePassword123!";
let address = 0;
/** A client address of its own per call site, so the per-client throttles stay out of the way. */
const client = () => ({ "CF-Connecting-IP": `198.51.100.${++address % 250}` });

const signUp = (body: unknown, vars: Record<string, string> = open, headers = client()) =>
  call("POST", "/api/auth/signup", { json: body, vars, headers });
const logIn = (email: string, pass: string, headers = client()) =>
  call("POST", "/api/auth/login", { json: { email, password: pass }, headers });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const newEmail = () => `${uniqueId("ada")}@example.com`.toLowerCase();

describeProtectedRoute({ method: "GET", path: "/api/auth/me" });
describeProtectedRoute({ method: "POST", path: "/api/auth/logout" });

describe("POST /api/auth/signup", () => {
  it("open: 201 with the seed's body and a token that works at once", async () => {
    const email = newEmail();
    const res = await signUp({ email, password, company_name: "Acme Inc" });
    expect(res.status).toBe(201);
    const body = await json(res);
    expect(body).toEqual({
      success: true,
      token: expect.any(String),
      expires_in: 3600,
      user: { id: expect.stringMatching(/^user_/), email, company_name: "Acme Inc" },
      subscription: { plan_id: "starter", status: "trial" },
    });
    const me = await call("GET", "/api/auth/me", { headers: bearer(body.token) });
    expect(me.status).toBe(200);
    expect(await json(me)).toEqual({
      user: body.user,
      subscription: { plan_id: "starter", status: "trial", credits_limit: 1000, credits_used: 0 },
    });
    const row = await env.DB.prepare("SELECT role, status, email_verified_at FROM users WHERE id = ?")
      .bind(body.user.id)
      .first();
    expect(row).toEqual({ role: "owner", status: "active", email_verified_at: null });
    // The address is confirmed later, with the code mailed after the response.
    expect(await latestCode(email)).toMatch(/^\d{6}$/);
  });

  it("open: an address that has an account gets 409 EMAIL_TAKEN, and nothing is created", async () => {
    const email = newEmail();
    expect((await signUp({ email, password, company_name: "First" })).status).toBe(201);
    const before = await env.DB.prepare("SELECT COUNT(*) AS n FROM tenants").first<{ n: number }>();
    const again = await signUp({ email: email.toUpperCase(), password, company_name: "Second" });
    const body = await expectError(again, 409, "email_taken");
    expect(body).toMatchObject({
      code: "EMAIL_TAKEN",
      details: { request_id: again.headers.get("X-Request-Id") },
    });
    const after = await env.DB.prepare("SELECT COUNT(*) AS n FROM tenants").first<{ n: number }>();
    expect(after?.n).toBe(before?.n);
  });

  it("approval: 202 without a token, the same answer for a taken address; the account waits", async () => {
    const email = newEmail();
    const first = await signUp({ email, password, company_name: "Acme" }, approval);
    expect(first.status).toBe(202);
    const body = await json(first);
    expect(body).toEqual({ success: true, token: null, pending_approval: true, message: expect.any(String) });
    const again = await signUp({ email, password, company_name: "Acme" }, approval);
    expect(again.status).toBe(202);
    expect(await json(again)).toEqual(body);
    const row = await env.DB.prepare("SELECT status FROM users WHERE email = ?").bind(email).first();
    expect(row).toEqual({ status: "pending" });
    const pending = await logIn(email, password);
    expect(await expectError(pending, 403, "account_pending")).toMatchObject({ code: "ACCOUNT_PENDING" });
  });

  it("closed: 403 REGISTRATION_CLOSED", async () => {
    const res = await signUp(
      { email: newEmail(), password, company_name: "Acme" },
      { REGISTRATION_MODE: "closed" },
    );
    expect(await expectError(res, 403, "registration_closed")).toMatchObject({ code: "REGISTRATION_CLOSED" });
  });

  it("refuses bad input with 400 VALIDATION_ERROR naming the seed's fields", async () => {
    const weak = await signUp({ email: newEmail(), password: "short", company_name: "Acme" });
    const weakBody = await expectError(weak, 400, "validation_failed");
    expect(weakBody).toMatchObject({
      code: "VALIDATION_ERROR",
      details: { fields: { password: expect.any(String) } },
    });
    const control = await signUp({ email: newEmail(), password, company_name: "Acme\u0007" });
    const controlBody = await expectError(control, 400, "validation_failed");
    expect(Object.keys(controlBody.details.fields)).toEqual(["company_name"]);
    const missing = await signUp({ password, company_name: "Acme" });
    expect((await expectError(missing, 400, "validation_failed")).details.fields).toHaveProperty("email");
    const notJson = await call("POST", "/api/auth/signup", {
      body: "email=a",
      headers: { "Content-Type": "text/plain" },
      vars: open,
    });
    expect(await expectError(notJson, 415, "unsupported_media_type")).toMatchObject({
      code: "UNSUPPORTED_MEDIA_TYPE",
    });
  });

  it("answers 503 and creates nothing when access tokens are not configured", async () => {
    const email = newEmail();
    const res = await signUp(
      { email, password, company_name: "Acme" },
      {
        ...open,
        ENVIRONMENT: "production",
        AUTH_TOKEN_KEYS: "",
        PUBLIC_ORIGIN: "https://api.prospector.test",
      },
    );
    expect((await expectError(res, 503, "service_unavailable")).detail).toMatch(/AUTH_TOKEN_KEYS/);
    expect(await env.DB.prepare("SELECT id FROM users WHERE email = ?").bind(email).first()).toBeNull();
  });
});

describe("POST /api/auth/login", () => {
  it("answers the seed's body with a fresh token", async () => {
    const user = await createUser();
    const res = await logIn(user.email.toUpperCase(), user.password);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toEqual({
      success: true,
      token: expect.any(String),
      expires_in: 3600,
      user: { id: user.userId, email: user.email, company_name: "Acme" },
      subscription: { plan_id: "starter", status: "trial" },
    });
    expect((await call("GET", "/api/auth/me", { headers: bearer(body.token) })).status).toBe(200);
  });

  it("gives a wrong password and an unknown email the same 401", async () => {
    const user = await createUser();
    const wrong = await json(await logIn(user.email, "not the password"));
    const unknown = await json(await logIn(newEmail(), "not the password"));
    expect(wrong).toMatchObject({ error: expect.any(String), code: "INVALID_CREDENTIALS" });
    expect({ ...unknown, details: null }).toEqual({ ...wrong, details: null });
  });

  it("throttles attempts per email (429 with Retry-After)", async () => {
    const user = await createUser();
    for (let i = 0; i < SIGN_IN_PER_EMAIL; i++) await logIn(user.email, "wrong");
    const res = await logIn(user.email, user.password);
    expect(await expectError(res, 429, "rate_limited")).toMatchObject({ code: "RATE_LIMITED" });
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("refuses a disabled account (403) once the password is right, and its tokens stop working", async () => {
    const user = await createUser();
    const { token } = await json(await logIn(user.email, user.password));
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(user.userId).run();
    await expectError(await logIn(user.email, user.password), 403, "account_disabled");
    await expectError(await call("GET", "/api/auth/me", { headers: bearer(token) }), 403, "account_disabled");
  });
});

describe("POST /api/auth/logout", () => {
  it("ends the token at once; another session of the same person goes on", async () => {
    const user = await createUser();
    const first = (await json(await logIn(user.email, user.password))).token;
    const second = (await json(await logIn(user.email, user.password))).token;
    const out = await call("POST", "/api/auth/logout", { headers: bearer(first) });
    expect(out.status).toBe(200);
    expect(await json(out)).toEqual({ success: true, message: "Logged out successfully" });
    const refused = await call("GET", "/api/auth/me", { headers: bearer(first) });
    const body = await expectError(refused, 401, "invalid_token");
    expect(body).toMatchObject({ code: "INVALID_TOKEN" });
    expect(body.detail).toMatch(/session has ended/);
    expect((await call("GET", "/api/auth/me", { headers: bearer(second) })).status).toBe(200);
  });
});
