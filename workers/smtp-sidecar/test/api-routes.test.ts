/**
 * The HTTP surface beyond signing: body validation, the 256 KB limit,
 * metrics text, and the ip-rotation status and rotate shapes. Loopback
 * range 127.0.4.x.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IpRotationStatus } from "../src/pool/source-pool.ts";
import { type MailWorld, startMailWorld } from "./support/mail-world.ts";
import { signed, testApp, testConfig, verify } from "./support/sidecar.ts";

let world: MailWorld;

beforeAll(async () => {
  world = await startMailWorld({
    hosts: [{ name: "mx.metrics.test", ip: "127.0.4.10" }],
    domains: [{ name: "metrics.test", mx: ["mx.metrics.test"], mailboxes: ["ann"] }],
  });
});

afterAll(async () => {
  await world.close();
});

async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe("POST /v1/verify validation", () => {
  const app = testApp(testConfig(null));
  const cases: [string, unknown][] = [
    ["not JSON", "{nope"],
    ["not an object", [1, 2]],
    ["no emails", {}],
    ["emails not an array", { emails: "a@b.test" }],
    ["empty emails", { emails: [] }],
    ["more than 500 emails", { emails: Array.from({ length: 501 }, (_, i) => `u${i}@b.test`) }],
    ["a non-string email", { emails: ["a@b.test", 42] }],
    ["a negative deadline", { emails: ["a@b.test"], deadline_ms: -5 }],
    ["a fractional deadline", { emails: ["a@b.test"], deadline_ms: 1.5 }],
  ];
  for (const [name, body] of cases) {
    it(`answers 400 validation_failed for ${name}`, async () => {
      const res = await signed(app, "POST", "/v1/verify", body);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: "validation_failed" });
    });
  }

  it("answers 413 for a body over 256 KB", async () => {
    const res = await signed(app, "POST", "/v1/verify", {
      emails: ["a@b.test"],
      pad: "x".repeat(300 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({ code: "payload_too_large" });
  });
});

describe("GET /metrics", () => {
  it("exposes probes by status, sessions, connect failures, latency and per-source counters", async () => {
    const app = testApp(testConfig(world, { sourceIps: ["127.0.0.2"] }));
    await verify(app, ["ann@metrics.test", "bob@metrics.test", "bad-syntax"]);
    const res = await signed(app, "GET", "/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('smtp_sidecar_probes_total{status="valid"} 1');
    expect(text).toContain('smtp_sidecar_probes_total{status="invalid"} 2');
    expect(text).toMatch(/^smtp_sidecar_smtp_sessions_opened_total 1$/m);
    expect(text).toContain("# TYPE smtp_sidecar_smtp_connect_failures_total counter");
    expect(text).toContain('smtp_sidecar_probe_duration_seconds_bucket{le="+Inf"} 3');
    expect(text).toContain("smtp_sidecar_probe_duration_seconds_count 3");
    expect(text).toContain(
      'smtp_sidecar_source_sessions_total{source="local:127.0.0.2",outcome="completed"} 1',
    );
    expect(text).toContain('smtp_sidecar_source_healthy{source="local:127.0.0.2"} 1');
    expect(text).toMatch(/smtp_sidecar_http_requests_total\{route="\/v1\/verify",status="200"\} 1/);
  });
});

describe("ip rotation", () => {
  it("reports the pool", async () => {
    const app = testApp(testConfig(null, { sourceIps: ["127.0.0.2", "127.0.0.3"] }));
    const res = await signed(app, "GET", "/v1/ip-rotation/status");
    expect(res.status).toBe(200);
    const status = (await res.json()) as IpRotationStatus;
    expect(status).toEqual({
      current_pool: "local:127.0.0.2",
      current_ip: "127.0.0.2",
      rotation_enabled: true,
      last_rotation: null,
      health_metrics: { success_rate: 1, response_time_ms: null, total_requests: 0 },
      pools: ["127.0.0.2", "127.0.0.3"].map((address) => ({
        id: `local:${address}`,
        address,
        kind: "local",
        healthy: true,
        success_rate: 1,
        median_latency_ms: null,
        requests: 0,
        blocklist_replies: 0,
        last_used: null,
      })),
    });
  });

  it("rotates on request and round-robins", async () => {
    const app = testApp(testConfig(null, { sourceIps: ["127.0.0.2", "127.0.0.3"] }));
    const res = await signed(app, "POST", "/v1/ip-rotation/rotate", { reason: "operator test" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      success: true,
      old_pool: "local:127.0.0.2",
      new_pool: "local:127.0.0.3",
      new_ip: "127.0.0.3",
    });
    expect(Date.parse(body.rotation_time as string)).not.toBeNaN();
    const again = await signed(app, "POST", "/v1/ip-rotation/rotate", { reason: "again", force: true });
    expect(await again.json()).toMatchObject({ new_pool: "local:127.0.0.2" });
    const status = (await (await signed(app, "GET", "/v1/ip-rotation/status")).json()) as IpRotationStatus;
    expect(status.last_rotation).not.toBeNull();
  });

  it("answers 409 rotation_unavailable with success false when there is one address", async () => {
    const app = testApp(testConfig(null));
    const res = await signed(app, "POST", "/v1/ip-rotation/rotate", { reason: "x", force: true });
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({
      success: false,
      reason: "single_address",
      error: { code: "rotation_unavailable" },
    });
    const status = (await (await signed(app, "GET", "/v1/ip-rotation/status")).json()) as IpRotationStatus;
    expect(status).toMatchObject({
      current_pool: "local:default",
      current_ip: "default",
      rotation_enabled: false,
    });
  });

  it("validates the rotate body", async () => {
    const app = testApp(testConfig(null, { sourceIps: ["127.0.0.2", "127.0.0.3"] }));
    for (const body of [{}, { reason: "" }, { reason: "x", force: "yes" }]) {
      const res = await signed(app, "POST", "/v1/ip-rotation/rotate", body);
      expect(res.status).toBe(400);
    }
  });
});
