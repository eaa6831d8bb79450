/** Every AUTH_MODE end to end: dev headers, HS256 JWTs, and how users are provisioned. */
import { env } from "cloudflare:test";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { TEST_HS256_SECRET } from "../../test-secrets.ts";
import { Caller, call, expectError, json } from "../helpers/api.ts";

const hs256 = { AUTH_MODE: "hs256" };
const secret = new TextEncoder().encode(TEST_HS256_SECRET);

describe("AUTH_MODE=dev", () => {
  it("provisions the tenant and user on first sight; the first user owns the tenant", async () => {
    const owner = Caller.newTenant();
    const me = await json(await call("GET", "/auth/session", { headers: owner.devHeaders() }));
    expect(me).toMatchObject({
      tenant_id: owner.tenantId,
      user_id: owner.userId,
      role: "owner",
      method: "dev_headers",
    });
    const member = owner.colleague();
    const them = await json(await call("GET", "/auth/session", { headers: member.devHeaders() }));
    expect(them.role).toBe("member");
    const tenant = await env.DB.prepare("SELECT * FROM tenants WHERE id = ?").bind(owner.tenantId).first();
    expect(tenant).toMatchObject({ id: owner.tenantId, status: "active" });
  });

  it("needs both headers, well formed", async () => {
    await expectError(
      await call("GET", "/auth/session", { headers: { "X-Tenant-Id": "t" } }),
      401,
      "unauthorized",
    );
    const bad = { "X-Tenant-Id": "t/../x", "X-User-Id": "u" };
    await expectError(await call("GET", "/auth/session", { headers: bad }), 401, "unauthorized");
  });

  it("a user id cannot hop to another tenant (403)", async () => {
    const owner = await Caller.newTenant().provision();
    const hop = { "X-Tenant-Id": `${owner.tenantId}-other`, "X-User-Id": owner.userId };
    await expectError(await call("GET", "/auth/session", { headers: hop }), 403, "forbidden");
  });

  it("disabled and pending users are refused (403)", async () => {
    const owner = await Caller.newTenant().provision();
    const member = await owner.colleague().provision();
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(member.userId).run();
    await expectError(
      await call("GET", "/auth/session", { headers: member.devHeaders() }),
      403,
      "account_disabled",
    );
    await env.DB.prepare("UPDATE users SET status = 'pending' WHERE id = ?").bind(member.userId).run();
    await expectError(
      await call("GET", "/auth/session", { headers: member.devHeaders() }),
      403,
      "account_pending",
    );
  });

  it("a suspended tenant is refused, for its users and its API keys", async () => {
    const owner = await Caller.newTenant().provision();
    const { key } = await owner.createApiKey();
    await env.DB.prepare("UPDATE tenants SET status = 'suspended' WHERE id = ?").bind(owner.tenantId).run();
    await expectError(await call("GET", "/auth/session", { headers: owner.devHeaders() }), 403, "forbidden");
    await expectError(
      await call("GET", "/auth/session", { headers: { "X-API-Key": key } }),
      403,
      "forbidden",
    );
  });
});

describe("AUTH_MODE=hs256", () => {
  it("accepts a valid token and provisions its user", async () => {
    const caller = Caller.newTenant();
    const res = await call("GET", "/auth/session", { headers: await caller.jwtHeaders(), vars: hs256 });
    expect(await json(res)).toMatchObject({
      tenant_id: caller.tenantId,
      user_id: caller.userId,
      method: "jwt",
    });
  });

  it("ignores dev headers", async () => {
    const caller = Caller.newTenant();
    await expectError(
      await call("GET", "/auth/session", { headers: caller.devHeaders(), vars: hs256 }),
      401,
      "unauthorized",
    );
  });

  const cases: [string, () => Promise<string>, RegExp][] = [
    [
      "missing tenant_id",
      () =>
        new SignJWT({ sub: "u1" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(secret),
      /tenant_id/,
    ],
    [
      "missing sub",
      () =>
        new SignJWT({ tenant_id: "t1" })
          .setProtectedHeader({ alg: "HS256" })
          .setExpirationTime("1h")
          .sign(secret),
      /sub/,
    ],
    [
      "bad tenant_id",
      () =>
        new SignJWT({ tenant_id: "a b", sub: "u1" })
          .setProtectedHeader({ alg: "HS256" })
          .setExpirationTime("1h")
          .sign(secret),
      /tenant_id/,
    ],
    [
      "not valid yet",
      () =>
        new SignJWT({ tenant_id: "t1", sub: "u1" })
          .setProtectedHeader({ alg: "HS256" })
          .setNotBefore(Math.floor(Date.now() / 1000) + 3600)
          .setExpirationTime("2h")
          .sign(secret),
      /not valid yet/,
    ],
    [
      "no exp",
      () => new SignJWT({ tenant_id: "t1", sub: "u1" }).setProtectedHeader({ alg: "HS256" }).sign(secret),
      /no exp claim/,
    ],
    [
      "exp a century away",
      () =>
        new SignJWT({ tenant_id: "t1", sub: "u1" })
          .setProtectedHeader({ alg: "HS256" })
          .setExpirationTime("100y")
          .sign(secret),
      /lifetime is too long/,
    ],
    [
      "iat in the future",
      () =>
        new SignJWT({ tenant_id: "t1", sub: "u1" })
          .setProtectedHeader({ alg: "HS256" })
          .setIssuedAt(Math.floor(Date.now() / 1000) + 3600)
          .setExpirationTime("2h")
          .sign(secret),
      /iat is in the future/,
    ],
    [
      "expired",
      () =>
        new SignJWT({ tenant_id: "t1", sub: "u1" })
          .setProtectedHeader({ alg: "HS256" })
          .setExpirationTime(Math.floor(Date.now() / 1000) - 120)
          .sign(secret),
      /expired/,
    ],
    [
      "HS512 instead of HS256",
      () => new SignJWT({ tenant_id: "t1", sub: "u1" }).setProtectedHeader({ alg: "HS512" }).sign(secret),
      /algorithm/,
    ],
    ["garbage", async () => "eyJhbGciOiJIUzI1NiJ9.bm9wZQ.c2ln", /token/],
  ];
  for (const [name, make, detail] of cases) {
    it(`refuses a token with ${name} (401)`, async () => {
      const res = await call("GET", "/auth/session", {
        headers: { Authorization: `Bearer ${await make()}` },
        vars: hs256,
      });
      const body = await expectError(res, 401, "invalid_token");
      expect(body.detail).toMatch(detail);
    });
  }

  it("refuses a non-Bearer Authorization header (401)", async () => {
    const res = await call("GET", "/auth/session", { headers: { Authorization: "Basic dTpw" }, vars: hs256 });
    await expectError(res, 401, "unauthorized");
  });
});
