/**
 * Door 004's sign-in (seed 004, FastAPI): the OAuth2 password grant as a
 * form and as JSON, register under each REGISTRATION_MODE, who am I;
 * FastAPI's `detail` bodies, its 422 list, and the Bearer challenge on 401.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { call, expectError, json, uniqueId } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";
import { createUser } from "../web/helpers.ts";

let address = 0;
const client = () => ({ "CF-Connecting-IP": `203.0.113.${++address % 250}` });
const form = (fields: Record<string, string>) => ({
  body: new URLSearchParams(fields).toString(),
  headers: { "Content-Type": "application/x-www-form-urlencoded", ...client() },
});
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const newEmail = () => `${uniqueId("grace")}@example.com`.toLowerCase();

describeProtectedRoute({ method: "GET", path: "/api/v1/auth/me" });

describe("POST /api/v1/auth/token", () => {
  it("takes the OAuth2 password form and answers {access_token, token_type, expires_in}", async () => {
    const user = await createUser();
    const res = await call(
      "POST",
      "/api/v1/auth/token",
      form({ grant_type: "password", username: user.email, password: user.password, scope: "" }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await json(res);
    expect(body).toEqual({ access_token: expect.any(String), token_type: "bearer", expires_in: 3600 });
    const me = await call("GET", "/api/v1/auth/me", { headers: bearer(body.access_token) });
    expect(await json(me)).toEqual({
      id: user.userId,
      email: user.email,
      name: null,
      role: "owner",
      tenant_id: user.tenantId,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it("takes the seed's JSON body too (grant_type may be left out)", async () => {
    const user = await createUser();
    const res = await call("POST", "/api/v1/auth/token", {
      json: { username: user.email, password: user.password, client_id: "", client_secret: "" },
      headers: client(),
    });
    expect(res.status).toBe(200);
    expect((await json(res)).token_type).toBe("bearer");
  });

  it("answers FastAPI's 422 list for a missing field or another grant type", async () => {
    const missing = await call("POST", "/api/v1/auth/token", form({ password: "x" }));
    expect(missing.status).toBe(422);
    expect(await json(missing)).toEqual({
      detail: [{ loc: ["body", "username"], msg: expect.any(String), type: "missing" }],
    });
    const grant = await call(
      "POST",
      "/api/v1/auth/token",
      form({ grant_type: "client_credentials", username: "a@example.com", password: "x" }),
    );
    expect(grant.status).toBe(422);
    expect((await json(grant)).detail[0]).toMatchObject({ loc: ["body", "grant_type"], type: "value_error" });
  });

  it("gives a wrong password and an unknown email the same 401, with the Bearer challenge", async () => {
    const user = await createUser();
    const wrong = await call("POST", "/api/v1/auth/token", form({ username: user.email, password: "nope" }));
    const unknown = await call(
      "POST",
      "/api/v1/auth/token",
      form({ username: newEmail(), password: "nope" }),
    );
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
    }
    expect(await json(wrong)).toEqual(await json(unknown));
  });

  it("refuses a body that is neither a form nor JSON (415)", async () => {
    const res = await call("POST", "/api/v1/auth/token", {
      body: "username=a",
      headers: { "Content-Type": "text/plain" },
    });
    await expectError(res, 415, "unsupported_media_type");
  });
});

describe("POST /api/v1/auth/register", () => {
  it("open: 201 with the seed's user body; the password then gets a token", async () => {
    const email = newEmail();
    const res = await call("POST", "/api/v1/auth/register", {
      json: { name: "Grace Hopper", email, password: "SecurePassword123!" },
      vars: { REGISTRATION_MODE: "open" },
      headers: client(),
    });
    expect(res.status).toBe(201);
    const user = await json(res);
    expect(user).toEqual({
      id: expect.stringMatching(/^user_/),
      email,
      name: "Grace Hopper",
      role: "owner",
      tenant_id: expect.stringMatching(/^tenant_/),
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const token = await call(
      "POST",
      "/api/v1/auth/token",
      form({ username: email, password: "SecurePassword123!" }),
    );
    const me = await call("GET", "/api/v1/auth/me", { headers: bearer((await json(token)).access_token) });
    expect(await json(me)).toEqual(user);
    // Register hands out no token, so it leaves no session behind either.
    const sessions = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE user_id = ?")
      .bind(user.id)
      .first<{ n: number }>();
    expect(sessions?.n).toBe(1);
  });

  it("approval: 202, whether or not the address had an account", async () => {
    const existing = await createUser();
    const answers = [];
    for (const email of [newEmail(), existing.email]) {
      const res = await call("POST", "/api/v1/auth/register", {
        json: { name: "Someone", email, password: "SecurePassword123!" },
        vars: { REGISTRATION_MODE: "approval" },
        headers: client(),
      });
      expect(res.status).toBe(202);
      answers.push(await json(res));
    }
    expect(answers[0]).toEqual({ status: "pending_approval", message: expect.any(String) });
    expect(answers[1]).toEqual(answers[0]);
  });

  it("names the seed's field in a 422 (name, not company)", async () => {
    const res = await call("POST", "/api/v1/auth/register", {
      json: { name: " ", email: newEmail(), password: "SecurePassword123!" },
      vars: { REGISTRATION_MODE: "open" },
      headers: client(),
    });
    expect(res.status).toBe(422);
    expect((await json(res)).detail).toEqual([
      { loc: ["body", "name"], msg: expect.any(String), type: "value_error" },
    ]);
  });

  it("closed: 403 {detail}", async () => {
    const res = await call("POST", "/api/v1/auth/register", {
      json: { name: "A", email: newEmail(), password: "SecurePassword123!" },
      vars: { REGISTRATION_MODE: "closed" },
      headers: client(),
    });
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual({ detail: expect.stringMatching(/closed/) });
  });
});

describe("GET /api/v1/auth/me", () => {
  it("answers 401 {detail} with the Bearer challenge without a token", async () => {
    const res = await call("GET", "/api/v1/auth/me");
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toBe("Bearer");
    expect(await json(res)).toEqual({ detail: expect.stringMatching(/Not authenticated/) });
  });
});
