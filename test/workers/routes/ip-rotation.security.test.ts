import { describe, it } from "vitest";
import { Caller, call, expectError } from "../helpers/api.ts";
import { describeProtectedRoute } from "../helpers/security.ts";

describeProtectedRoute({ method: "GET", path: "/api/v1/ip-rotation/status" });
describeProtectedRoute({
  method: "POST",
  path: "/api/v1/ip-rotation/rotate",
  body: { reason: "test", force: false },
});

describe("IP rotation is for platform administrators only", () => {
  it("refuses a tenant owner (403), by access token and by API key", async () => {
    const owner = await Caller.newTenant().provision();
    const { key } = await owner.createApiKey();
    for (const headers of [await owner.accessHeaders(), { "X-API-Key": key }]) {
      await expectError(await call("GET", "/api/v1/ip-rotation/status", { headers }), 403, "forbidden");
      await expectError(
        await call("POST", "/api/v1/ip-rotation/rotate", { headers, json: { reason: "x" } }),
        403,
        "forbidden",
      );
    }
  });

  it("refuses a platform administrator's API key: keys never carry platform rights", async () => {
    const admin = await Caller.newTenant().makePlatformAdmin();
    const { key } = await admin.createApiKey();
    await expectError(
      await call("GET", "/api/v1/ip-rotation/status", { headers: { "X-API-Key": key } }),
      403,
      "forbidden",
    );
  });
});
