import { describe, expect, it } from "vitest";
import { createSidecarApp } from "../src/app.ts";
import { silentLog } from "../src/log.ts";

describe("sidecar /health", () => {
  it("answers ok with its uptime, unsigned", async () => {
    const app = createSidecarApp({ startedAt: Date.now() - 5_000, log: silentLog });
    const res = await app.request("/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; uptime_s: number; service: string };
    expect(body.ok).toBe(true);
    expect(body.service).toBe("smtp-sidecar");
    expect(body.uptime_s).toBeGreaterThanOrEqual(5);
  });

  it("answers unknown routes with a 404 in the error shape", async () => {
    const res = await createSidecarApp({ log: silentLog }).request("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no such route" } });
  });

  it("without a configured secret refuses every signed route", async () => {
    const res = await createSidecarApp({ log: silentLog }).request("/metrics", {
      headers: { "X-Prospector-Signature": `t=${Math.floor(Date.now() / 1000)},v2=${"0".repeat(64)}` },
    });
    expect(res.status).toBe(401);
  });
});
