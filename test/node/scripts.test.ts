/** The local-stack scripts' pure parts: settings resolution and the Node they hand to children. */
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveWorkerVars, toEnvFile, workerSettings } from "../../scripts/settings.ts";
import { childEnv } from "../../scripts/toolchain.ts";
import { configKeys } from "../../src/config.ts";

describe("local settings", () => {
  it("use local defaults, and the process environment overrides any of them", () => {
    expect(resolveWorkerVars({})).toMatchObject({
      ENVIRONMENT: "development",
      AUTH_MODE: "dev",
      SIDECAR_URL: "http://127.0.0.1:8025",
      PUBLIC_ORIGIN: "http://127.0.0.1:8787",
    });
    // Mailed links follow the port wrangler dev listens on.
    expect(resolveWorkerVars({ PORT: "9100" }).PUBLIC_ORIGIN).toBe("http://127.0.0.1:9100");
    const vars = resolveWorkerVars({
      AUTH_MODE: "hs256",
      AUTH_HS256_SECRET: "s",
      SIDECAR_PORT: "9000",
      RATE_LIMIT_PER_MINUTE: "5",
    });
    expect(vars).toMatchObject({
      AUTH_MODE: "hs256",
      AUTH_HS256_SECRET: "s",
      SIDECAR_URL: "http://127.0.0.1:9000",
      RATE_LIMIT_PER_MINUTE: "5",
    });
    expect(resolveWorkerVars({ UNRELATED: "x" })).not.toHaveProperty("UNRELATED");
  });

  it("cover every setting the Worker reads, so npm start can pass each one on", () => {
    const listed = new Set(workerSettings.map((s) => s.name));
    expect(configKeys.length).toBeGreaterThan(20);
    expect(configKeys.filter((key) => !listed.has(key))).toEqual([]);
  });

  it("quote every value in the env file", () => {
    expect(toEnvFile({ A: 'x"y\nz', B: "#not a comment" })).toBe('A="x\\"y\\nz"\nB="#not a comment"\n');
  });

  it("children run on this Node first, whatever PATH the script was started with", () => {
    const env = childEnv();
    expect(env.PATH?.split(":")[0]).toBe(dirname(process.execPath));
  });
});
