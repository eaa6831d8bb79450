import { describe, expect, it } from "vitest";
import { ConfigError, DEVELOPMENT_PUBLIC_ORIGIN, DEVELOPMENT_TOKEN_KEY, loadConfig } from "./config.ts";
import type { Env } from "./env.ts";

/** The least a production deployment must set. */
const base = { PUBLIC_ORIGIN: "https://prospector.example.com" } as Env;

describe("loadConfig", () => {
  it("defaults to production-safe settings", () => {
    const config = loadConfig({ ...base });
    expect(config).toMatchObject({ ENVIRONMENT: "production", AUTH_MODE: "session", isDevelopment: false });
    expect(config.BODY_LIMIT_BYTES).toBe(5 * 1024 * 1024);
    expect(config.publicOrigin).toBe("https://prospector.example.com");
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

  it("needs PUBLIC_ORIGIN outside development, and names it", () => {
    for (const ENVIRONMENT of ["production", "staging"]) {
      expect(() => loadConfig({ ENVIRONMENT } as Env)).toThrow(ConfigError);
      expect(() => loadConfig({ ENVIRONMENT } as Env)).toThrow(/PUBLIC_ORIGIN is required/);
    }
    expect(loadConfig({ ENVIRONMENT: "development" } as Env).publicOrigin).toBe(DEVELOPMENT_PUBLIC_ORIGIN);
  });

  it("keeps PUBLIC_ORIGIN's origin only, without a trailing slash", () => {
    const at = (PUBLIC_ORIGIN: string, ENVIRONMENT = "production") =>
      loadConfig({ ENVIRONMENT, PUBLIC_ORIGIN } as Env).publicOrigin;
    expect(at("https://Prospector.Example.com/")).toBe("https://prospector.example.com");
    expect(at("https://prospector.example.com:8443")).toBe("https://prospector.example.com:8443");
    expect(at("http://127.0.0.1:8787", "development")).toBe("http://127.0.0.1:8787");
  });

  it.each([
    ["http://prospector.example.com", "production"],
    ["https://prospector.example.com/app", "production"],
    ["https://prospector.example.com/?x=1", "production"],
    ["https://prospector.example.com/#x", "production"],
    ["https://user:pw@prospector.example.com", "production"],
    ["prospector.example.com", "production"],
    ["javascript:alert(1)", "development"],
    ["ftp://127.0.0.1", "development"],
  ])("refuses PUBLIC_ORIGIN=%s in %s, naming it", (PUBLIC_ORIGIN, ENVIRONMENT) => {
    expect(() => loadConfig({ ENVIRONMENT, PUBLIC_ORIGIN } as Env)).toThrow(ConfigError);
    expect(() => loadConfig({ ENVIRONMENT, PUBLIC_ORIGIN } as Env)).toThrow(/PUBLIC_ORIGIN/);
  });
});

describe("AUTH_TOKEN_KEYS", () => {
  const secret = "a-token-key-secret-of-32-characters-or-more";
  const production = { ENVIRONMENT: "production", PUBLIC_ORIGIN: "https://p.example.com" };

  it("parses kid:secret pairs in order (the first signs) and trims spaces", () => {
    const keys = loadConfig({
      ...production,
      AUTH_TOKEN_KEYS: ` new:${secret}2 , old:${secret}1`,
    } as Env).tokenKeys;
    expect(keys).toEqual([
      { kid: "new", secret: `${secret}2` },
      { kid: "old", secret: `${secret}1` },
    ]);
  });

  it("is empty outside development when unset, and the public development key in development", () => {
    expect(loadConfig({ ...production } as Env).tokenKeys).toEqual([]);
    expect(loadConfig({ ENVIRONMENT: "development" } as Env).tokenKeys).toEqual([DEVELOPMENT_TOKEN_KEY]);
  });

  it.each([
    [`nokid${secret}`, /entry 1/],
    [`:${secret}`, /entry 1/],
    [`bad kid:${secret}`, /entry 1/],
    ["k1:short", /under 32/],
    [`k1:${secret},k1:${secret}`, /twice/],
  ])("refuses %s without echoing the secret", (AUTH_TOKEN_KEYS, why) => {
    const load = () => loadConfig({ ...production, AUTH_TOKEN_KEYS } as Env);
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(why);
    try {
      load();
    } catch (err) {
      expect(String(err)).not.toContain(secret);
    }
  });
});
