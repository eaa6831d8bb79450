/**
 * One identity behind every door: a person who signs up through door 001
 * signs in through door 004 and the dashboard with the same email and
 * password and is the same user of the same tenant; access tokens work on
 * every door in every AUTH_MODE; their keys rotate by `kid`.
 */
import { env } from "cloudflare:test";
import { SignJWT } from "jose";
import { describe, expect, it, vi } from "vitest";
import { createDatabase } from "../../../src/db/client.ts";
import { requestPasswordReset, resetPassword } from "../../../src/services/auth/password-reset.ts";
import { TEST_TOKEN_KEY } from "../../test-secrets.ts";
import { call, expectError, json, uniqueId } from "../helpers/api.ts";

const password = "SecurePassword123!";
let address = 0;
const client = () => ({ "CF-Connecting-IP": `192.0.2.${100 + (++address % 150)}` });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function signUpOn001() {
  const email = `${uniqueId("linus")}@example.com`.toLowerCase();
  const res = await call("POST", "/api/auth/signup", {
    json: { email, password, company_name: "Shared Co" },
    vars: { REGISTRATION_MODE: "open" },
    headers: client(),
  });
  expect(res.status).toBe(201);
  const body = await json(res);
  return { email, token: body.token as string, userId: body.user.id as string };
}

async function tokenOn004(email: string) {
  const res = await call("POST", "/api/v1/auth/token", {
    body: new URLSearchParams({ username: email, password }).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...client() },
  });
  expect(res.status).toBe(200);
  return (await json(res)).access_token as string;
}

describe("one identity behind every door", () => {
  it("signs up on 001, signs in on 004 and the dashboard: one user, one tenant", async () => {
    const { email, userId } = await signUpOn001();
    const me004 = await json(
      await call("GET", "/api/v1/auth/me", { headers: bearer(await tokenOn004(email)) }),
    );
    expect(me004).toMatchObject({ id: userId, email, role: "owner" });

    const dashboard = await call("POST", "/auth/session", {
      json: { email, password },
      vars: { AUTH_MODE: "session" },
      headers: client(),
    });
    expect(dashboard.status).toBe(200);
    expect(await json(dashboard)).toMatchObject({
      user_id: userId,
      tenant_id: me004.tenant_id,
      role: "owner",
    });
  });

  it("an access token works on door 000 in every AUTH_MODE, as the same caller", async () => {
    const { token, userId } = await signUpOn001();
    for (const mode of ["dev", "hs256", "session"]) {
      const res = await call("GET", "/auth/session", { headers: bearer(token), vars: { AUTH_MODE: mode } });
      expect(res.status, mode).toBe(200);
      expect(await json(res)).toMatchObject({
        user_id: userId,
        method: "access_token",
        session_expires_at: expect.any(String),
      });
    }
  });

  it("a token from door 001 works on door 004, and logging out on 001 ends it there too", async () => {
    const { token } = await signUpOn001();
    expect((await call("GET", "/api/v1/auth/me", { headers: bearer(token) })).status).toBe(200);
    expect((await call("POST", "/api/auth/logout", { headers: bearer(token) })).status).toBe(200);
    const res = await call("GET", "/api/v1/auth/me", { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect((await json(res)).detail).toMatch(/session has ended/);
  });

  it("a password reset ends every access token of the person", async () => {
    const { email, token } = await signUpOn001();
    const sent: { text: string }[] = [];
    const mail = { provider: "none" as const, send: async (m: { text: string }) => void sent.push(m) };
    await requestPasswordReset(createDatabase(env.DB), mail, email, "https://api.prospector.test");
    const resetToken = /token=(\S+)/.exec(sent[0]!.text)![1]!;
    expect(await resetPassword(createDatabase(env.DB), resetToken, "AnotherPassword456!")).toMatchObject({
      outcome: "reset",
    });
    const res = await call("GET", "/api/auth/me", { headers: bearer(token) });
    expect((await expectError(res, 401, "invalid_token")).detail).toMatch(/session has ended/);
  });
});

describe("secrets stay out of the logs", () => {
  it("logs neither the password nor the token of a sign-up, a sign-in or a refused token", async () => {
    const lines: string[] = [];
    for (const level of ["log", "warn", "error"] as const) {
      vi.spyOn(console, level).mockImplementation((line: string) => void lines.push(String(line)));
    }
    try {
      const vars = { LOG_LEVEL: "debug", REGISTRATION_MODE: "open" };
      const email = `${uniqueId("quiet")}@example.com`.toLowerCase();
      const signUp = await call("POST", "/api/auth/signup", {
        json: { email, password, company_name: "Quiet" },
        vars,
        headers: client(),
      });
      const { token } = await json(signUp);
      await call("POST", "/api/v1/auth/token", {
        json: { username: email, password },
        vars,
        headers: client(),
      });
      await call("GET", "/api/auth/me", { headers: bearer(`${token}x`), vars });
      await call("GET", "/api/auth/me", { headers: bearer(token), vars });
      expect(lines.length).toBeGreaterThan(0);
      const all = lines.join("\n");
      expect(all).not.toContain(password);
      expect(all).not.toContain(token);
      expect(all).not.toContain(token.split(".")[2]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe("access-token keys rotate by kid", () => {
  const next = { kid: "test-2", secret: "the-next-token-key-0123456789abcdef0123456789" };

  it("a token signed with the old key works while the old key is listed second; new tokens use the new key", async () => {
    const { email, token } = await signUpOn001();
    const rotated = {
      AUTH_TOKEN_KEYS: `${next.kid}:${next.secret},${TEST_TOKEN_KEY.kid}:${TEST_TOKEN_KEY.secret}`,
    };
    expect((await call("GET", "/api/auth/me", { headers: bearer(token), vars: rotated })).status).toBe(200);

    const res = await call("POST", "/api/auth/login", {
      json: { email, password },
      vars: rotated,
      headers: client(),
    });
    const fresh = (await json(res)).token as string;
    const header = JSON.parse(atob(fresh.split(".")[0]!.replace(/-/g, "+").replace(/_/g, "/")));
    expect(header).toEqual({ alg: "HS256", typ: "JWT", kid: next.kid });

    const retired = { AUTH_TOKEN_KEYS: `${next.kid}:${next.secret}` };
    const old = await call("GET", "/api/auth/me", { headers: bearer(token), vars: retired });
    expect((await expectError(old, 401, "invalid_token")).detail).toMatch(/key is unknown/);
    expect((await call("GET", "/api/auth/me", { headers: bearer(fresh), vars: retired })).status).toBe(200);
  });

  it("refuses a token whose kid is ours but whose signature is another key's", async () => {
    const { userId } = await signUpOn001();
    const row = await env.DB.prepare("SELECT id, tenant_id FROM sessions WHERE user_id = ?")
      .bind(userId)
      .first<{ id: string; tenant_id: string }>();
    const forged = await new SignJWT({ tenant_id: row!.tenant_id, sid: row!.id })
      .setProtectedHeader({ alg: "HS256", kid: TEST_TOKEN_KEY.kid })
      .setSubject(userId)
      .setIssuer("prospector")
      .setAudience("prospector-api")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode(next.secret));
    const res = await call("GET", "/api/auth/me", { headers: bearer(forged) });
    expect((await expectError(res, 401, "invalid_token")).detail).toMatch(/signature/);
  });
});
