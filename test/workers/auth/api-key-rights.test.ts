/**
 * An API key never outlives its creator's rights: a `user` key acts with at
 * most the creator's current role and is revoked when the creator is
 * disabled or deleted (by the admin API or by any statement, through the
 * triggers on `users`); `service` keys are the tenant's, made and revoked by
 * owners signed in as themselves, and stay.
 */
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";

let platformAdmin: Caller;
beforeAll(async () => {
  platformAdmin = await Caller.newTenant().makePlatformAdmin();
});

const asPlatformAdmin = (path: string, body: unknown) =>
  call("POST", path, { headers: platformAdmin.devHeaders(), json: body });
const withKey = (key: string, method: string, path: string, body?: unknown) =>
  call(method, path, { headers: { "X-API-Key": key }, ...(body === undefined ? {} : { json: body }) });

/** An owner with a second owner beside them (so the first can be demoted or disabled). */
async function tenantWithTwoOwners() {
  const owner = await Caller.newTenant().provision();
  const second = await owner.colleague().provision();
  await env.DB.prepare("UPDATE users SET role = 'owner' WHERE id = ?").bind(second.userId).run();
  return { owner, second };
}

async function createKey(caller: Caller, body: Record<string, unknown>) {
  const res = await call("POST", "/api-keys", { headers: caller.devHeaders(), json: { name: "k", ...body } });
  return { res, body: await json(res) };
}

async function revokedAt(keyId: string) {
  const row = await env.DB.prepare("SELECT revoked_at FROM api_keys WHERE id = ?")
    .bind(keyId)
    .first<{ revoked_at: string | null }>();
  return row!.revoked_at;
}

describe("a user key acts with at most its creator's current role", () => {
  it("an admin key of an owner demoted to member can no longer manage keys or settings", async () => {
    const { owner } = await tenantWithTwoOwners();
    const { key } = await owner.createApiKey(["read", "write", "admin"]);
    expect((await withKey(key, "GET", "/api-keys")).status).toBe(200);

    const demoted = await asPlatformAdmin(`/admin/users/${owner.userId}/role`, { role: "member" });
    expect(demoted.status).toBe(200);
    await expectError(await withKey(key, "POST", "/api-keys", { name: "more" }), 403, "forbidden");
    await expectError(
      await withKey(key, "PUT", "/settings/retention", { retention_days: 30 }),
      403,
      "forbidden",
    );
    const session = await json(await withKey(key, "GET", "/auth/session"));
    expect(session.role).toBe("member");
  });
});

describe("disabling or deleting the creator revokes their keys", () => {
  it("through the admin API: at once, with the ids revoked; the service key stays", async () => {
    const { owner } = await tenantWithTwoOwners();
    const mine = await owner.createApiKey(["read", "write", "admin"]);
    const service = await createKey(owner, { kind: "service", scopes: ["read", "write"] });
    expect(service.res.status).toBe(201);
    expect(service.body.kind).toBe("service");
    expect((await withKey(mine.key, "GET", "/auth/session")).status).toBe(200); // cached in this isolate now

    const res = await asPlatformAdmin(`/admin/users/${owner.userId}/status`, { status: "disabled" });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.user.status).toBe("disabled");
    expect(body.revoked_api_keys).toEqual([mine.id]);
    expect(await revokedAt(mine.id)).not.toBeNull();
    await expectError(await withKey(mine.key, "GET", "/auth/session"), 401, "api_key_revoked");
    expect((await withKey(service.body.key, "GET", "/auth/session")).status).toBe(200);

    // Re-enabling the account does not bring the revoked key back.
    const enabled = await asPlatformAdmin(`/admin/users/${owner.userId}/status`, { status: "active" });
    expect((await json(enabled)).revoked_api_keys).toEqual([]);
    await expectError(await withKey(mine.key, "GET", "/auth/session"), 401, "api_key_revoked");
  });

  it("through any statement that disables the user (the trigger)", async () => {
    const { owner } = await tenantWithTwoOwners();
    const { id, key } = await owner.createApiKey();
    await env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(owner.userId).run();
    expect(await revokedAt(id)).not.toBeNull();
    await expectError(await withKey(key, "GET", "/auth/session"), 401, "api_key_revoked");
  });

  it("when the user is deleted (the trigger), and a deleted creator's key is refused", async () => {
    const { owner } = await tenantWithTwoOwners();
    const { id, key } = await owner.createApiKey();
    await env.DB.prepare("DELETE FROM users WHERE id = ?").bind(owner.userId).run();
    expect(await revokedAt(id)).not.toBeNull();
    await expectError(await withKey(key, "GET", "/auth/session"), 401, "api_key_revoked");
  });

  it("a stale unrevoked key of a disabled creator is refused all the same", async () => {
    const { owner } = await tenantWithTwoOwners();
    const { id, key } = await owner.createApiKey();
    // As if the key had escaped revocation (a row written before the triggers existed).
    await env.DB.batch([
      env.DB.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(owner.userId),
      env.DB.prepare("UPDATE api_keys SET revoked_at = NULL WHERE id = ?").bind(id),
    ]);
    const body = await expectError(await withKey(key, "GET", "/auth/session"), 401, "api_key_revoked");
    expect(body.detail).toMatch(/not active/);
  });
});

describe("service keys", () => {
  it("are made only by owners signed in as themselves", async () => {
    const { owner } = await tenantWithTwoOwners();
    const admin = await owner.colleague().provision();
    await env.DB.prepare("UPDATE users SET role = 'admin' WHERE id = ?").bind(admin.userId).run();
    const byAdmin = await createKey(admin, { kind: "service" });
    expect([byAdmin.res.status, byAdmin.body.error]).toEqual([403, "forbidden"]);
    const { key } = await owner.createApiKey(["read", "write", "admin"]);
    await expectError(
      await withKey(key, "POST", "/api-keys", { name: "k", kind: "service" }),
      403,
      "forbidden",
    );
    const byOwner = await createKey(owner, { kind: "service" });
    expect(byOwner.res.status).toBe(201);
    expect(byOwner.body.kind).toBe("service");
    const { count } = (await env.DB.prepare(
      "SELECT count(*) AS count FROM api_keys WHERE kind = 'service' AND tenant_id = ?",
    )
      .bind(owner.tenantId)
      .first<{ count: number }>())!;
    expect(count).toBe(1);
  });

  it("are revoked only by owners; admins may revoke user keys", async () => {
    const { owner } = await tenantWithTwoOwners();
    const admin = await owner.colleague().provision();
    await env.DB.prepare("UPDATE users SET role = 'admin' WHERE id = ?").bind(admin.userId).run();
    const service = await createKey(owner, { kind: "service" });
    const userKey = await owner.createApiKey();
    await expectError(
      await call("DELETE", `/api-keys/${service.body.id}`, { headers: admin.devHeaders() }),
      403,
      "forbidden",
    );
    expect(await revokedAt(service.body.id)).toBeNull();
    expect((await call("DELETE", `/api-keys/${userKey.id}`, { headers: admin.devHeaders() })).status).toBe(
      200,
    );
    expect(
      (await call("DELETE", `/api-keys/${service.body.id}`, { headers: owner.devHeaders() })).status,
    ).toBe(200);
    expect(await revokedAt(service.body.id)).not.toBeNull();
  });

  it("keys list their kind; a user key is the default", async () => {
    const owner = await Caller.newTenant().provision();
    const { id } = await owner.createApiKey();
    const body = await json(await call("GET", `/api-keys/${id}`, { headers: owner.devHeaders() }));
    expect(body.kind).toBe("user");
  });
});

describe("POST /admin/users/{user_id}/status refusals", () => {
  it("refuses the last active owner, your own account and pending accounts (409), unknown users (404)", async () => {
    const owner = await Caller.newTenant().provision();
    await expectError(
      await asPlatformAdmin(`/admin/users/${owner.userId}/status`, { status: "disabled" }),
      409,
      "conflict",
    );
    await expectError(
      await asPlatformAdmin(`/admin/users/${platformAdmin.userId}/status`, { status: "disabled" }),
      409,
      "conflict",
    );
    const pending = await owner.colleague().provision();
    await env.DB.prepare("UPDATE users SET status = 'pending' WHERE id = ?").bind(pending.userId).run();
    await expectError(
      await asPlatformAdmin(`/admin/users/${pending.userId}/status`, { status: "active" }),
      409,
      "conflict",
    );
    await expectError(
      await asPlatformAdmin("/admin/users/nobody/status", { status: "disabled" }),
      404,
      "not_found",
    );
    await expectError(
      await asPlatformAdmin(`/admin/users/${owner.userId}/status`, { status: "gone" }),
      400,
      "validation_failed",
    );
    const row = await env.DB.prepare("SELECT status FROM users WHERE id = ?")
      .bind(owner.userId)
      .first<{ status: string }>();
    expect(row!.status).toBe("active");
  });
});
