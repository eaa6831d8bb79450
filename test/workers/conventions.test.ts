/** Conventions that hold on every response: request ids, security headers, structured logs. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Caller, call } from "./helpers/api.ts";

afterEach(() => vi.restoreAllMocks());

describe("request ids", () => {
  it("keeps a caller's sane X-Request-Id", async () => {
    const res = await call("GET", "/health", { headers: { "X-Request-Id": "abc-123_x.y:z" } });
    expect(res.headers.get("X-Request-Id")).toBe("abc-123_x.y:z");
  });

  it("replaces an insane one with a generated UUID", async () => {
    for (const given of ["", "has space", "x".repeat(200), "<script>"]) {
      const res = await call("GET", "/health", { headers: { "X-Request-Id": given } });
      expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("is on error responses too, equal to the body's request_id", async () => {
    const res = await call("GET", "/nowhere", { headers: { "X-Request-Id": "trace-1" } });
    expect(res.headers.get("X-Request-Id")).toBe("trace-1");
    expect(((await res.json()) as { request_id: string }).request_id).toBe("trace-1");
  });
});

describe("security headers", () => {
  it("are sent on API responses", async () => {
    const res = await call("GET", "/health");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(res.headers.get("Strict-Transport-Security")).toContain("max-age=");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("X-Frame-Options")).toBe("DENY");
  });
});

describe("request logs", () => {
  it("log one JSON line per request with id, tenant, route pattern, status and duration", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    const owner = await Caller.newTenant().provision();
    lines.length = 0;
    const { id } = await owner.createApiKey();
    lines.length = 0;
    const res = await call("GET", `/api-keys/${id}`, {
      headers: { ...owner.devHeaders(), "X-Request-Id": "log-check-1" },
      vars: { LOG_LEVEL: "info" },
    });
    expect(res.status).toBe(200);
    const entries = lines.map((l) => JSON.parse(l)).filter((e) => e.msg === "request");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: "info",
      request_id: "log-check-1",
      tenant_id: owner.tenantId,
      method: "GET",
      route: "/api-keys/:key_id",
      status: 200,
      auth: "dev_headers",
    });
    expect(typeof entries[0].duration_ms).toBe("number");
  });

  it("never log credentials", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, "warn").mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const owner = await Caller.newTenant().provision();
    const { key } = await owner.createApiKey();
    const vars = { LOG_LEVEL: "debug" };
    await call("GET", "/auth/session?api_key=leak", { headers: { "X-API-Key": key }, vars });
    await call("GET", "/auth/session", { headers: { Authorization: `Bearer ${key.slice(0, -1)}x` }, vars });
    const all = lines.join("\n");
    expect(all).not.toContain(key);
    expect(all).not.toContain(key.slice(0, -1));
    expect(all).not.toContain("leak");
  });
});
