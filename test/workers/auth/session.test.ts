/** AUTH_MODE=session: JSON sign-in, the cookie, revocation, rotation, throttling, no enumeration. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../../src/domain/identity/password.ts";
import { call, expectError, json, uniqueId } from "../helpers/api.ts";

const session = { AUTH_MODE: "session" };

async function createUser(status = "active", password = "correct horse battery staple") {
  const tenantId = uniqueId("tenant");
  const userId = uniqueId("user");
  const email = `${userId}@example.com`;
  await env.DB.batch([
    env.DB.prepare("INSERT INTO tenants (id, name) VALUES (?, ?)").bind(tenantId, "Acme"),
    env.DB.prepare(
      "INSERT INTO users (id, tenant_id, email, password_hash, role, status) VALUES (?, ?, ?, ?, 'owner', ?)",
    ).bind(userId, tenantId, email, await hashPassword(password), status),
  ]);
  return { tenantId, userId, email, password };
}

const cookieFrom = (res: Response) =>
  /prospector_session=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1];

async function signIn(email: string, password: string, headers: Record<string, string> = {}) {
  return call("POST", "/auth/session", { json: { email, password }, vars: session, headers });
}

describe("session sign-in", () => {
  it("sets a secure, HttpOnly, SameSite=Lax cookie that authenticates later requests", async () => {
    const user = await createUser();
    const res = await signIn(user.email.toUpperCase(), user.password);
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/Secure/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    const body = await json(res);
    expect(body).toMatchObject({
      tenant_id: user.tenantId,
      user_id: user.userId,
      method: "session",
      role: "owner",
    });
    const cookie = cookieFrom(res)!;
    const stored = await env.DB.prepare("SELECT id FROM sessions WHERE user_id = ?")
      .bind(user.userId)
      .first<{ id: string }>();
    expect(stored?.id).not.toBe(cookie);
    const me = await call("GET", "/auth/session", {
      headers: { Cookie: `prospector_session=${cookie}` },
      vars: session,
    });
    expect(await json(me)).toMatchObject({
      user_id: user.userId,
      session_expires_at: body.session_expires_at,
    });
  });

  it("answers an unknown email and a wrong password identically", async () => {
    const user = await createUser();
    const wrong = await expectError(await signIn(user.email, "nope"), 401, "invalid_credentials");
    const unknown = await expectError(await signIn("nobody@example.com", "nope"), 401, "invalid_credentials");
    expect(wrong.detail).toBe(unknown.detail);
  });

  it("refuses pending and disabled accounts only after a correct password", async () => {
    const pending = await createUser("pending");
    await expectError(await signIn(pending.email, "wrong"), 401, "invalid_credentials");
    await expectError(await signIn(pending.email, pending.password), 403, "account_pending");
    const disabled = await createUser("disabled");
    await expectError(await signIn(disabled.email, disabled.password), 403, "account_disabled");
  });

  it("sign-out revokes the session server-side", async () => {
    const user = await createUser();
    const cookie = cookieFrom(await signIn(user.email, user.password))!;
    const headers = { Cookie: `prospector_session=${cookie}` };
    const out = await call("DELETE", "/auth/session", { headers, vars: session });
    expect(out.status).toBe(200);
    expect(out.headers.get("Set-Cookie")).toMatch(/prospector_session=;/);
    await expectError(await call("GET", "/auth/session", { headers, vars: session }), 401, "unauthorized");
  });

  it("rotates the session id on sign-in: a cookie held before is revoked", async () => {
    const user = await createUser();
    const first = cookieFrom(await signIn(user.email, user.password))!;
    const second = cookieFrom(
      await signIn(user.email, user.password, { Cookie: `prospector_session=${first}` }),
    )!;
    expect(second).not.toBe(first);
    await expectError(
      await call("GET", "/auth/session", {
        headers: { Cookie: `prospector_session=${first}` },
        vars: session,
      }),
      401,
      "unauthorized",
    );
    const ok = await call("GET", "/auth/session", {
      headers: { Cookie: `prospector_session=${second}` },
      vars: session,
    });
    expect(ok.status).toBe(200);
  });

  it("an expired session is refused (401 session_expired)", async () => {
    const user = await createUser();
    const cookie = cookieFrom(await signIn(user.email, user.password))!;
    await env.DB.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE user_id = ?")
      .bind(user.userId)
      .run();
    const res = await call("GET", "/auth/session", {
      headers: { Cookie: `prospector_session=${cookie}` },
      vars: session,
    });
    await expectError(res, 401, "session_expired");
  });

  it("refuses forged cookies and JWTs in session mode", async () => {
    const forged = { Cookie: `prospector_session=${"A".repeat(43)}` };
    await expectError(
      await call("GET", "/auth/session", { headers: forged, vars: session }),
      401,
      "unauthorized",
    );
    const jwt = { Authorization: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.x" };
    await expectError(
      await call("GET", "/auth/session", { headers: jwt, vars: session }),
      401,
      "invalid_token",
    );
  });

  it("throttles repeated failures per email (429 with Retry-After)", async () => {
    const user = await createUser();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signIn(user.email, `wrong-${i}`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const res = await signIn(user.email, user.password);
    await expectError(res, 429, "rate_limited");
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("is off outside session mode (403)", async () => {
    const user = await createUser();
    const res = await call("POST", "/auth/session", { json: { email: user.email, password: user.password } });
    await expectError(res, 403, "forbidden");
  });

  it("validates the sign-in body", async () => {
    const res = await call("POST", "/auth/session", { json: { email: "not-an-email" }, vars: session });
    const body = await expectError(res, 400, "validation_failed");
    expect(Object.keys(body.fields)).toEqual(expect.arrayContaining(["email", "password"]));
  });
});
