import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";
import type { Env } from "./env.ts";

const base = {} as Env;

describe("loadConfig", () => {
  it("defaults to production-safe settings", () => {
    const config = loadConfig({ ...base });
    expect(config).toMatchObject({ ENVIRONMENT: "production", AUTH_MODE: "session", isDevelopment: false });
    expect(config.BODY_LIMIT_BYTES).toBe(5 * 1024 * 1024);
  });

  it("parses numbers, trims the sidecar URL and honours development", () => {
    const config = loadConfig({
      ...base,
      ENVIRONMENT: "development",
      RATE_LIMIT_PER_MINUTE: "42",
      SIDECAR_URL: "http://127.0.0.1:8025/",
    });
    expect(config).toMatchObject({
      isDevelopment: true,
      RATE_LIMIT_PER_MINUTE: 42,
      SIDECAR_URL: "http://127.0.0.1:8025",
    });
  });

  it.each([
    [{ AUTH_MODE: "maybe" }, /AUTH_MODE/],
    [{ BODY_LIMIT_BYTES: "-1" }, /BODY_LIMIT_BYTES/],
    [{ SIDECAR_URL: "ftp://x" }, /SIDECAR_URL/],
    [{ AUTH_MODE: "hs256", AUTH_HS256_SECRET: "short" }, /AUTH_HS256_SECRET/],
  ])("refuses %j", (vars, message) => {
    expect(() => loadConfig({ ...base, ...vars } as Env)).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...vars } as Env)).toThrow(message);
  });
});
