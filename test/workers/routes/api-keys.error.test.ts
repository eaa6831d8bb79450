import { describe, expect, it } from "vitest";
import { Caller, call, expectError } from "../helpers/api.ts";

describe("API keys: errors", () => {
  it("validates the body and names each bad field", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", {
      headers: owner.devHeaders(),
      json: { name: "", scopes: ["read", "launch_missiles"] },
    });
    const body = await expectError(res, 400, "validation_failed");
    expect(Object.keys(body.fields)).toEqual(expect.arrayContaining(["name", "scopes.1"]));
  });

  it("refuses unknown fields", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", {
      headers: owner.devHeaders(),
      json: { name: "x", tenant_id: "other" },
    });
    await expectError(res, 400, "validation_failed");
  });

  it("refuses an expiry in the past", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", {
      headers: owner.devHeaders(),
      json: { name: "x", expires_at: "2001-01-01T00:00:00Z" },
    });
    const body = await expectError(res, 400, "validation_failed");
    expect(body.fields).toHaveProperty("expires_at");
  });

  it("refuses bad paging parameters", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("GET", "/api-keys?limit=1000", { headers: owner.devHeaders() });
    const body = await expectError(res, 400, "validation_failed");
    expect(body.fields).toHaveProperty("limit");
  });

  it("answers 404 for a key that does not exist", async () => {
    const owner = await Caller.newTenant().provision();
    await expectError(
      await call("GET", "/api-keys/key_nope", { headers: owner.devHeaders() }),
      404,
      "not_found",
    );
    await expectError(
      await call("DELETE", "/api-keys/key_nope", { headers: owner.devHeaders() }),
      404,
      "not_found",
    );
  });

  it("members cannot manage keys (403)", async () => {
    const owner = await Caller.newTenant().provision();
    const member = await owner.colleague().provision();
    const res = await call("POST", "/api-keys", { headers: member.devHeaders(), json: { name: "x" } });
    await expectError(res, 403, "forbidden");
    await expectError(await call("GET", "/api-keys", { headers: member.devHeaders() }), 403, "forbidden");
  });

  it("a read-only key cannot change anything (403 insufficient_scope)", async () => {
    const owner = await Caller.newTenant().provision();
    const { key } = await owner.createApiKey(["read", "admin"]);
    const res = await call("POST", "/api-keys", { headers: { "X-API-Key": key }, json: { name: "x" } });
    await expectError(res, 403, "insufficient_scope");
  });

  it("a key without the admin scope cannot manage keys", async () => {
    const owner = await Caller.newTenant().provision();
    const { key } = await owner.createApiKey(["read", "write"]);
    await expectError(await call("GET", "/api-keys", { headers: { "X-API-Key": key } }), 403, "forbidden");
  });

  it("refuses garbage keys without a lookup hint", async () => {
    for (const key of ["psk_short", `psk_${"a".repeat(40)}`, "nonsense"]) {
      await expectError(
        await call("GET", "/auth/session", { headers: { "X-API-Key": key } }),
        401,
        "invalid_api_key",
      );
    }
  });
});
