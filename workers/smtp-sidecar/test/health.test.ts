import { describe, expect, it } from "vitest";
import { createSidecarApp } from "../src/app.ts";

describe("sidecar /health", () => {
  it("answers ok with its uptime", async () => {
    const app = createSidecarApp({ startedAt: Date.now() - 5_000 });
    const res = await app.request("/health");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; uptime_s: number; service: string };
    expect(body.ok).toBe(true);
    expect(body.service).toBe("smtp-sidecar");
    expect(body.uptime_s).toBeGreaterThanOrEqual(5);
  });

  it("answers unknown routes with a 404 in the error shape", async () => {
    const res = await createSidecarApp().request("/nope");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });
});
