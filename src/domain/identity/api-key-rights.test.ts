/** A key's role from its kind, its scopes and its creator as they are now. */
import { describe, expect, it } from "vitest";
import type { ApiKeyScope, UserRole } from "../../db/schema.ts";
import { apiKeyRights, type KeyCreator } from "./api-key-rights.ts";

const admin: ApiKeyScope[] = ["read", "write", "admin"];
const plain: ApiKeyScope[] = ["read", "write"];
const creator = (role: UserRole, status: KeyCreator["status"] = "active", tenantId = "t1"): KeyCreator => ({
  tenantId,
  role,
  status,
});
const user = (scopes: ApiKeyScope[]) => ({ kind: "user" as const, scopes, tenantId: "t1" });

describe("apiKeyRights", () => {
  const table: [string, ApiKeyScope[], KeyCreator | null, ReturnType<typeof apiKeyRights>][] = [
    ["an owner's admin key acts as admin", admin, creator("owner"), { ok: true, role: "admin" }],
    ["an admin's admin key acts as admin", admin, creator("admin"), { ok: true, role: "admin" }],
    [
      "an admin key of a demoted member acts as member",
      admin,
      creator("member"),
      { ok: true, role: "member" },
    ],
    ["a member key of an owner acts as member", plain, creator("owner"), { ok: true, role: "member" }],
    ["a deleted creator leaves no rights", admin, null, { ok: false, why: "creator_deleted" }],
    [
      "a disabled creator leaves no rights",
      admin,
      creator("owner", "disabled"),
      { ok: false, why: "creator_inactive" },
    ],
    [
      "a pending creator leaves no rights",
      plain,
      creator("member", "pending"),
      { ok: false, why: "creator_inactive" },
    ],
    [
      "a creator in another tenant",
      admin,
      creator("owner", "active", "t2"),
      { ok: false, why: "creator_moved" },
    ],
  ];
  for (const [name, scopes, who, expected] of table) {
    it(name, () => expect(apiKeyRights(user(scopes), who)).toEqual(expected));
  }

  it("a service key acts with its scopes whatever became of its creator", () => {
    const service = { kind: "service" as const, scopes: admin, tenantId: "t1" };
    expect(apiKeyRights(service, null)).toEqual({ ok: true, role: "admin" });
    expect(apiKeyRights(service, creator("member", "disabled"))).toEqual({ ok: true, role: "admin" });
    expect(apiKeyRights({ ...service, scopes: plain }, creator("owner"))).toEqual({
      ok: true,
      role: "member",
    });
  });
});
