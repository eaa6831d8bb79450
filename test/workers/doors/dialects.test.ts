/**
 * Errors come out in the dialect of the door the path belongs to, wherever
 * they are raised: the router (404, 405), global middleware (body limit),
 * auth, validation; every one keeps X-Request-Id.
 */
import { describe, expect, it, vi } from "vitest";
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
    const wrong = await call("DELETE", "/api/v1/ip-rotation/status", {
      headers: await admin.accessHeaders(),
    });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("Allow")).toContain("GET");
    expect((await json(wrong)).error).toMatchObject({ code: "method_not_allowed", field: null });

    const invalid = await call("POST", "/api/v1/ip-rotation/rotate", {
      headers: await admin.accessHeaders(),
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
      headers: { ...(await admin.accessHeaders()), "Content-Type": "application/json" },
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

describe("doors 001 and 004 on their live routes, field by field", () => {
  const big = JSON.stringify({ email: "a@example.com", password: "x".repeat(2048) });
  const cases: {
    door: "001" | "004";
    label: string;
    send: () => Promise<Response>;
    status: number;
    body: unknown;
  }[] = [
    {
      door: "001",
      label: "405 for a method the path lacks",
      send: () => call("GET", "/api/auth/login"),
      status: 405,
      body: {
        error: expect.any(String),
        code: "METHOD_NOT_ALLOWED",
        details: { request_id: expect.any(String) },
      },
    },
    {
      door: "001",
      label: "413 for a body over the limit",
      send: () =>
        call("POST", "/api/auth/login", {
          body: big,
          headers: { "Content-Type": "application/json" },
          vars: { BODY_LIMIT_BYTES: "1024" },
        }),
      status: 413,
      body: {
        error: expect.any(String),
        code: "PAYLOAD_TOO_LARGE",
        details: { request_id: expect.any(String) },
      },
    },
    {
      door: "001",
      label: "500 for a misconfigured server, nothing of the cause shown",
      send: () => call("POST", "/api/auth/login", { json: {}, vars: { AUTH_TOKEN_KEYS: "not-a-key-list" } }),
      status: 500,
      body: {
        error: expect.not.stringMatching(/AUTH_TOKEN_KEYS/),
        code: "MISCONFIGURED",
        details: { request_id: expect.any(String) },
      },
    },
    {
      door: "004",
      label: "405 in FastAPI's words",
      send: () => call("GET", "/api/v1/auth/token"),
      status: 405,
      body: { detail: "Method Not Allowed" },
    },
    {
      door: "004",
      label: "413 for a body over the limit",
      send: () =>
        call("POST", "/api/v1/auth/token", {
          body: big,
          headers: { "Content-Type": "application/json" },
          vars: { BODY_LIMIT_BYTES: "1024" },
        }),
      status: 413,
      body: { detail: expect.any(String) },
    },
    {
      door: "004",
      label: "422 for malformed JSON, as FastAPI's json_invalid",
      send: () =>
        call("POST", "/api/v1/auth/token", {
          body: '{"username":',
          headers: { "Content-Type": "application/json" },
        }),
      status: 422,
      body: { detail: [{ loc: ["body"], msg: expect.any(String), type: "json_invalid" }] },
    },
    {
      door: "004",
      label: "500 for a misconfigured server",
      send: () => call("GET", "/api/v1/auth/me", { vars: { AUTH_TOKEN_KEYS: "not-a-key-list" } }),
      status: 500,
      body: { detail: expect.not.stringMatching(/AUTH_TOKEN_KEYS/) },
    },
  ];
  for (const c of cases) {
    it(`door ${c.door}: ${c.label}`, async () => {
      const muted = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const res = await c.send();
        expect(res.status).toBe(c.status);
        expect(res.headers.get("X-Request-Id")).toBeTruthy();
        expect(await json(res)).toEqual(c.body);
      } finally {
        muted.mockRestore();
      }
    });
  }
});
