import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, json } from "../helpers/api.ts";

describe("health", () => {
  it("GET /health answers {ok: true} without auth", async () => {
    const res = await call("GET", "/health");
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true });
  });

  it("GET /health/detailed checks D1, the queue and the real sidecar", async () => {
    const caller = await Caller.newTenant().provision();
    expect(env.SIDECAR_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await call("GET", "/health/detailed", { headers: caller.devHeaders() });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.status).toBe("ok");
    expect(body.environment).toBe("development");
    const byName = Object.fromEntries(body.dependencies.map((d: { name: string }) => [d.name, d]));
    for (const name of ["d1", "queue", "sidecar"]) {
      expect(byName[name].status, name).toBe("up");
      expect(byName[name].latency_ms, name).toBeGreaterThanOrEqual(0);
    }
    expect(byName.d1.required).toBe(true);
    expect(byName.sidecar.required).toBe(false);
  });

  it("reports a sidecar that is not configured", async () => {
    const caller = await Caller.newTenant().provision();
    const body = await json(
      await call("GET", "/health/detailed", { headers: caller.devHeaders(), vars: { SIDECAR_URL: "" } }),
    );
    expect(body.status).toBe("ok");
    expect(body.dependencies.find((d: { name: string }) => d.name === "sidecar")).toMatchObject({
      status: "not_configured",
      latency_ms: null,
    });
  });
});
