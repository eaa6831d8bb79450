/** Configuration from the environment: defaults, parsing, and every problem reported at once. */
import { describe, expect, it } from "vitest";
import { defaultHeloName, loadSidecarConfig, SidecarConfigError } from "../src/config.ts";

const secret = "s".repeat(32);

describe("loadSidecarConfig", () => {
  it("applies the documented defaults", () => {
    const config = loadSidecarConfig({ SIDECAR_SECRET: secret, HELO_NAME: "verify.example.com" });
    expect(config).toMatchObject({
      port: 8025,
      host: "127.0.0.1",
      smtpPort: 25,
      heloName: "verify.example.com",
      mailFrom: "verify@verify.example.com",
      dnsServers: [],
      sourceIps: [],
      socksProxies: [],
      maxConnPerMx: 20,
      maxSessions: 50,
      mxSessionsPerSecond: 20,
      mxPoliteness: "adaptive",
      mxMemoryS: 3600,
      greylistRetryMs: 60_000,
      verifyDeadlineMs: 25_000,
      catchAllTtlS: 3600,
      resultCacheTtlS: 600,
      startTls: "opportunistic",
      allowPrivateTargets: false,
    });
  });

  it("starts with only a secret, whatever the machine's host name", () => {
    // A bare host name ("vm", a container id) once made the default MAIL_FROM invalid.
    expect(() => loadSidecarConfig({ SIDECAR_SECRET: secret })).not.toThrow();
    expect(defaultHeloName("vm")).toBe("localhost.localdomain");
    expect(defaultHeloName("3f9a1c2b7d4e")).toBe("localhost.localdomain");
    expect(defaultHeloName("mail.example.com")).toBe("mail.example.com");
    expect(loadSidecarConfig({ SIDECAR_SECRET: secret, HELO_NAME: undefined }).mailFrom).toMatch(
      /^verify@.+\..+$/,
    );
  });

  it("parses every setting", () => {
    const config = loadSidecarConfig({
      SIDECAR_SECRET: secret,
      PORT: "9000",
      HOST: "0.0.0.0",
      HELO_NAME: "probe.example.com",
      MAIL_FROM: "bounce@example.com",
      SMTP_PORT: "2525",
      DNS_SERVERS: "127.0.0.1:5353, 1.1.1.1,[::1]:53",
      SOURCE_IPS: "192.0.2.10,192.0.2.11",
      SOCKS_PROXIES: "socks5://user:p%40ss@proxy.example:1080,socks5://10.0.0.1:9050",
      MAX_CONN_PER_MX: "5",
      MAX_SESSIONS: "20",
      MX_SESSIONS_PER_SECOND: "0.5",
      MX_POLITENESS: "fixed",
      MX_MEMORY_S: "600",
      GREYLIST_RETRY_MS: "1000",
      VERIFY_DEADLINE_MS: "30000",
      CONNECT_TIMEOUT_MS: "2000",
      COMMAND_TIMEOUT_MS: "3000",
      CATCHALL_TTL_S: "60",
      RESULT_CACHE_TTL_S: "0",
      STARTTLS: "off",
    });
    expect(config).toMatchObject({
      port: 9000,
      host: "0.0.0.0",
      mailFrom: "bounce@example.com",
      smtpPort: 2525,
      dnsServers: ["127.0.0.1:5353", "1.1.1.1", "[::1]:53"],
      sourceIps: ["192.0.2.10", "192.0.2.11"],
      socksProxies: [
        { host: "proxy.example", port: 1080, username: "user", password: "p@ss" },
        { host: "10.0.0.1", port: 9050 },
      ],
      maxConnPerMx: 5,
      maxSessions: 20,
      mxSessionsPerSecond: 0.5,
      mxPoliteness: "fixed",
      mxMemoryS: 600,
      greylistRetryMs: 1000,
      verifyDeadlineMs: 30_000,
      connectTimeoutMs: 2000,
      commandTimeoutMs: 3000,
      catchAllTtlS: 60,
      resultCacheTtlS: 0,
      startTls: "off",
    });
  });

  it("lists every problem, and never echoes a proxy password", () => {
    let error: SidecarConfigError | null = null;
    try {
      loadSidecarConfig({
        SIDECAR_SECRET: "short",
        HELO_NAME: "bad name",
        SMTP_PORT: "70000",
        MAX_CONN_PER_MX: "two",
        DNS_SERVERS: "dns.example:53",
        SOURCE_IPS: "not-an-ip",
        SOCKS_PROXIES: "http://user:hunter2@proxy:8080",
        STARTTLS: "required",
        MAIL_FROM: "nope",
        MX_POLITENESS: "gentle",
      });
    } catch (err) {
      error = err as SidecarConfigError;
    }
    expect(error).toBeInstanceOf(SidecarConfigError);
    expect(error!.problems).toHaveLength(10);
    expect(error!.message).toMatch(/MX_POLITENESS must be "adaptive" or "fixed"/);
    expect(error!.message).toMatch(/SIDECAR_SECRET must be set to at least 32 characters/);
    expect(error!.message).not.toContain("hunter2");
  });

  it("requires the secret", () => {
    expect(() => loadSidecarConfig({ HELO_NAME: "a.example" })).toThrow(/SIDECAR_SECRET/);
  });
});

describe("ALLOW_PRIVATE_TARGETS", () => {
  const load = (env: Record<string, string | undefined>) =>
    loadSidecarConfig({ SIDECAR_SECRET: secret, ...env });

  it("is off by default and on with ENVIRONMENT=development", () => {
    expect(load({}).allowPrivateTargets).toBe(false);
    expect(load({ ENVIRONMENT: "development", ALLOW_PRIVATE_TARGETS: "false" }).allowPrivateTargets).toBe(
      false,
    );
    expect(load({ ENVIRONMENT: "development", ALLOW_PRIVATE_TARGETS: "true" }).allowPrivateTargets).toBe(
      true,
    );
    expect(load({ ENVIRONMENT: "development", ALLOW_PRIVATE_TARGETS: "1" }).allowPrivateTargets).toBe(true);
  });

  it("stops startup outside development, naming the setting", () => {
    for (const env of [
      { ALLOW_PRIVATE_TARGETS: "true" },
      { ALLOW_PRIVATE_TARGETS: "true", ENVIRONMENT: "production" },
      { ALLOW_PRIVATE_TARGETS: "1", ENVIRONMENT: "staging", NODE_ENV: "development" },
    ]) {
      expect(() => load(env)).toThrow(/ALLOW_PRIVATE_TARGETS is accepted only with ENVIRONMENT=development/);
    }
    expect(load({ ALLOW_PRIVATE_TARGETS: "false", ENVIRONMENT: "production" }).allowPrivateTargets).toBe(
      false,
    );
  });

  it("refuses a value that is not a boolean", () => {
    expect(() => load({ ENVIRONMENT: "development", ALLOW_PRIVATE_TARGETS: "yes" })).toThrow(
      /ALLOW_PRIVATE_TARGETS must be true or false/,
    );
  });
});
