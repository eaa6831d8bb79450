import { describe, expect, it } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";

/** The test sidecar has two outbound addresses: 127.0.0.2 and 127.0.0.3 (global setup). */
describe("IP rotation through the sidecar", () => {
  it("shows the pool and rotates to the other address", async () => {
    const admin = await Caller.newTenant().makePlatformAdmin();
    const headers = await admin.accessHeaders();
    const status = await json(await call("GET", "/api/v1/ip-rotation/status", { headers }));
    expect(status.rotation_enabled).toBe(true);
    expect(status.pools.map((p: { address: string }) => p.address).sort()).toEqual([
      "127.0.0.2",
      "127.0.0.3",
    ]);
    expect(status.health_metrics).toEqual(
      expect.objectContaining({ total_requests: expect.any(Number), success_rate: expect.anything() }),
    );

    const rotated = await call("POST", "/api/v1/ip-rotation/rotate", {
      headers,
      json: { reason: "High failure rate detected" },
    });
    expect(rotated.status).toBe(200);
    const body = await json(rotated);
    expect(body).toMatchObject({ success: true, old_pool: status.current_pool });
    expect(body.new_pool).not.toBe(status.current_pool);
    expect(Date.parse(body.rotation_time)).toBeGreaterThan(0);

    const after = await json(await call("GET", "/api/v1/ip-rotation/status", { headers }));
    expect(after, JSON.stringify(after)).toHaveProperty("current_pool");
    expect(after.current_pool).toBe(body.new_pool);
    expect(after.current_ip).toBe(body.new_ip);
  });

  it("refuses a rotation without a reason (400)", async () => {
    const admin = await Caller.newTenant().makePlatformAdmin();
    await expectError(
      await call("POST", "/api/v1/ip-rotation/rotate", { headers: await admin.accessHeaders(), json: {} }),
      400,
      "validation_failed",
    );
  });

  it("answers 503 when the sidecar cannot be used", async () => {
    const admin = await Caller.newTenant().makePlatformAdmin();
    await expectError(
      await call("GET", "/api/v1/ip-rotation/status", {
        headers: await admin.accessHeaders(),
        vars: { SIDECAR_URL: "" },
      }),
      503,
      "service_unavailable",
    );
  });
});
