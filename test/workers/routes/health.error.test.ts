import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.ts";
import { Caller, call, json } from "../helpers/api.ts";

describe("health when dependencies fail", () => {
  it("an unreachable sidecar degrades the status but keeps 200", async () => {
    const caller = await Caller.newTenant().provision();
    // Port 9 (discard) on loopback: nothing listens there.
    const res = await call("GET", "/health/detailed", {
      headers: caller.devHeaders(),
      vars: { SIDECAR_URL: "http://127.0.0.1:9" },
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.status).toBe("degraded");
    expect(body.dependencies.find((d: { name: string }) => d.name === "sidecar")).toMatchObject({
      status: "down",
      detail: "sidecar unreachable",
    });
  });

  it("a queue that refuses messages is a required dependency down: 503", async () => {
    const caller = await Caller.newTenant().provision();
    const brokenQueue = {
      send: () => Promise.reject(new Error("queue unavailable")),
      sendBatch: () => Promise.reject(new Error("queue unavailable")),
    };
    const res = await createApp().request(
      "/health/detailed",
      { headers: caller.devHeaders() },
      { ...env, RUNS_QUEUE: brokenQueue, LOG_LEVEL: "error" },
    );
    expect(res.status).toBe(503);
    const body = await json(res);
    expect(body.status).toBe("down");
    expect(body.dependencies.find((d: { name: string }) => d.name === "queue")).toMatchObject({
      status: "down",
      required: true,
      detail: "queue unavailable",
    });
  });
});
