/**
 * Errors come out in the dialect of the door the path belongs to, wherever
 * they are raised: the router (404, 405), global middleware (body limit),
 * auth, validation; every one keeps X-Request-Id.
 */
import { describe, expect, it } from "vitest";
import { Caller, call, json } from "../helpers/api.ts";

describe("unknown paths under each door's prefixes", () => {
  const table: [string, number, unknown][] = [
    ["/nowhere", 404, { error: "not_found" }],
    ["/api/jobs/nope", 404, { code: "NOT_FOUND" }],
    ["/api/qualify/nope", 404, { error: { code: "NOT_FOUND" } }],
    ["/api/v1/pipeline/nope", 404, { error: { code: "not_found", field: null } }],
    ["/api/v1/customer/nope", 404, { detail: "Not Found" }],
  ];
  for (const [path, status, shape] of table) {
    it(`GET ${path}: ${status} in its door's words, with the request id`, async () => {
      const res = await call("GET", path, { headers: { "X-Request-Id": "door-test-1" } });
      expect(res.status).toBe(status);
      expect(res.headers.get("X-Request-Id")).toBe("door-test-1");
      const body = await json(res);
      expect(body).toMatchObject(shape as object);
      const text = JSON.stringify(body);
      if (!path.startsWith("/api/v1/customer")) expect(text).toContain("door-test-1");
    });
  }
});

describe("door 003 (the IP rotation routes)", () => {
  it("answers 405 and validation failures in seed 003's body", async () => {
    const admin = await Caller.newTenant().makePlatformAdmin();
    const wrong = await call("DELETE", "/api/v1/ip-rotation/status", { headers: admin.devHeaders() });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("Allow")).toContain("GET");
    expect((await json(wrong)).error).toMatchObject({ code: "method_not_allowed", field: null });

    const invalid = await call("POST", "/api/v1/ip-rotation/rotate", {
      headers: admin.devHeaders(),
      json: { reason: "x", force: "yes" },
    });
    expect(invalid.status).toBe(400);
    const body = await json(invalid);
    expect(body.error).toMatchObject({ code: "invalid_request", field: "force" });
    expect(body.error.request_id).toBe(invalid.headers.get("X-Request-Id"));
  });

  it("answers a missing credential and a body over the limit in seed 003's body", async () => {
    const anonymous = await call("GET", "/api/v1/ip-rotation/status");
    expect(anonymous.status).toBe(401);
    expect((await json(anonymous)).error).toMatchObject({ code: "unauthorized" });
    const admin = await Caller.newTenant().makePlatformAdmin();
    const big = await call("POST", "/api/v1/ip-rotation/rotate", {
      headers: { ...admin.devHeaders(), "Content-Type": "application/json" },
      body: JSON.stringify({ reason: "x".repeat(2048) }),
      vars: { BODY_LIMIT_BYTES: "1024" },
    });
    expect(big.status).toBe(413);
    expect((await json(big)).error).toMatchObject({ code: "payload_too_large" });
  });
});

describe("GET /api/v1/health", () => {
  it("answers seed 003's body without credentials", async () => {
    const res = await call("GET", "/api/v1/health");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ status: "healthy", application: "prospector-api", version: "0.1.0" });
  });
});
