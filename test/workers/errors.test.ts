/** The one error shape, asserted for every failure class the API can produce. */

import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.ts";
import { Caller, call, expectError, json } from "./helpers/api.ts";

afterEach(() => vi.restoreAllMocks());

describe("error shape", () => {
  it("validation failures: 400 validation_failed with fields", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", { headers: owner.devHeaders(), json: { scopes: "all" } });
    const body = await expectError(res, 400, "validation_failed");
    expect(body.fields).toMatchObject({ name: expect.any(String), scopes: expect.any(String) });
  });

  it("malformed JSON: 400 malformed_json", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", {
      headers: { ...owner.devHeaders(), "Content-Type": "application/json" },
      body: '{"name": "x",',
    });
    await expectError(res, 400, "malformed_json");
  });

  it("an empty JSON body: 400 malformed_json", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", {
      headers: { ...owner.devHeaders(), "Content-Type": "application/json" },
    });
    await expectError(res, 400, "malformed_json");
  });

  it("wrong content type: 415 unsupported_media_type", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", {
      headers: { ...owner.devHeaders(), "Content-Type": "application/x-www-form-urlencoded" },
      body: "name=x",
    });
    const body = await expectError(res, 415, "unsupported_media_type");
    expect(body.detail).toContain("application/json");
  });

  it("content type with parameters is fine", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("POST", "/api-keys", {
      headers: { ...owner.devHeaders(), "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ name: "x" }),
    });
    expect(res.status).toBe(201);
  });

  it("body too large: 413 payload_too_large, with or without Content-Length", async () => {
    const owner = await Caller.newTenant().provision();
    const big = JSON.stringify({ name: "x".repeat(5000) });
    const res = await call("POST", "/api-keys", {
      headers: owner.devHeaders(),
      json: JSON.parse(big),
      vars: { BODY_LIMIT_BYTES: "2048" },
    });
    await expectError(res, 413, "payload_too_large");
    const stream = new Blob([big]).stream();
    const chunked = await call("POST", "/api-keys", {
      headers: { ...owner.devHeaders(), "Content-Type": "application/json" },
      body: stream,
      vars: { BODY_LIMIT_BYTES: "2048" },
    });
    await expectError(chunked, 413, "payload_too_large");
  });

  it("unknown route: 404 not_found", async () => {
    const body = await expectError(await call("GET", "/no/such/route"), 404, "not_found");
    expect(body.detail).toContain("/no/such/route");
  });

  it("wrong method: 405 method_not_allowed with Allow", async () => {
    const res = await call("PUT", "/api-keys");
    await expectError(res, 405, "method_not_allowed");
    expect(res.headers.get("Allow")).toBe("POST, GET, HEAD");
    const withParam = await call("PATCH", "/api-keys/key_abc");
    await expectError(withParam, 405, "method_not_allowed");
    expect(withParam.headers.get("Allow")).toBe("GET, DELETE, HEAD");
  });

  it("no credentials: 401 unauthorized; forbidden: 403", async () => {
    await expectError(await call("GET", "/api-keys"), 401, "unauthorized");
    const owner = await Caller.newTenant().provision();
    const member = await owner.colleague().provision();
    await expectError(await call("GET", "/api-keys", { headers: member.devHeaders() }), 403, "forbidden");
  });

  it("rate limits: 429 rate_limited with Retry-After and X-RateLimit-*", async () => {
    const owner = await Caller.newTenant().provision();
    const { key } = await owner.createApiKey();
    const vars = { RATE_LIMIT_PER_MINUTE: "3" };
    const responses: Response[] = [];
    for (let i = 0; i < 5; i++) {
      responses.push(await call("GET", "/auth/session", { headers: { "X-API-Key": key }, vars }));
    }
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
    expect(responses.slice(0, 3).map((r) => r.headers.get("X-RateLimit-Remaining"))).toEqual(["2", "1", "0"]);
    expect(responses[0]!.headers.get("X-RateLimit-Limit")).toBe("3");
    // The IETF draft's fields say the same: 3 a minute, what remains, seconds until the reset.
    expect(responses[0]!.headers.get("RateLimit-Policy")).toBe('"default";q=3;w=60');
    expect(responses.slice(0, 3).map((r) => r.headers.get("RateLimit")?.replace(/;t=\d+$/, ""))).toEqual([
      '"default";r=2',
      '"default";r=1',
      '"default";r=0',
    ]);
    const t = Number(/;t=(\d+)$/.exec(responses[0]!.headers.get("RateLimit") ?? "")?.[1]);
    expect(t).toBeGreaterThanOrEqual(0);
    expect(t).toBeLessThanOrEqual(60);
    const res = responses[4]!;
    await expectError(res, 429, "rate_limited");
    const retryAfter = Number(res.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(Number(res.headers.get("X-RateLimit-Reset"))).toBeGreaterThan(Date.now() / 1000);
  });

  it("admits exactly the limit, sequentially and in parallel bursts", async () => {
    const owner = await Caller.newTenant().provision();
    const { key } = await owner.createApiKey();
    const vars = { RATE_LIMIT_PER_MINUTE: "100", RATE_LIMIT_LEASE_MS: "100" };
    const statuses: number[] = [];
    for (let i = 0; i < 130; i++) {
      statuses.push((await call("GET", "/auth/session", { headers: { "X-API-Key": key }, vars })).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(100);
    expect(statuses.slice(100).every((s) => s === 429)).toBe(true);

    // The fuzzer's burst: 150 requests, 10 at a time, against 120 a minute (41 got through before).
    const other = await owner.createApiKey(["read"], "burst");
    const burst = { RATE_LIMIT_PER_MINUTE: "120", RATE_LIMIT_LEASE_MS: "100" };
    const results: number[] = [];
    for (let round = 0; round < 15; round++) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, () =>
          call("GET", "/auth/session", { headers: { "X-API-Key": other.key }, vars: burst }),
        ),
      );
      results.push(...batch.map((r) => r.status));
    }
    expect(results).toHaveLength(150);
    expect(results.filter((s) => s === 200)).toHaveLength(120);
    expect(results.slice(0, 120).every((s) => s === 200)).toBe(true);
  }, 60_000);

  it("unexpected exceptions: 500 internal_error without internals; the stack goes to the log", async () => {
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void logged.push(line));
    const app = createApp();
    app.get("/boom", () => {
      throw new Error("database password is hunter2");
    });
    const res = await app.request("/boom", {}, env);
    const body = await json(res);
    expect(res.status).toBe(500);
    expect(body.error).toBe("internal_error");
    expect(body.request_id).toBe(res.headers.get("X-Request-Id"));
    expect(JSON.stringify(body)).not.toContain("hunter2");
    const entry = logged.map((l) => JSON.parse(l)).find((e) => e.msg === "unhandled exception");
    expect(entry).toMatchObject({
      request_id: body.request_id,
      error_message: "database password is hunter2",
    });
    expect(entry.stack).toContain("Error: database password is hunter2");
  });

  it("misconfiguration: 500 misconfigured, details only in the log", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call("GET", "/health", { vars: { AUTH_MODE: "sometimes" } });
    const body = await expectError(res, 500, "misconfigured");
    expect(body.detail).not.toContain("AUTH_MODE");
  });

  it("hs256 without a long enough secret is a misconfiguration", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const res = await call("GET", "/health", { vars: { AUTH_MODE: "hs256", AUTH_HS256_SECRET: "short" } });
    await expectError(res, 500, "misconfigured");
  });
});
