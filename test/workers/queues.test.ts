/** The runs queue consumer: per-message acks and poison messages dropped. (The producer is exercised by /health/detailed.) */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";

afterEach(() => vi.restoreAllMocks());

describe("runs queue consumer", () => {
  it("acks pings and drops messages it cannot parse, logging them", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void errors.push(line));
    const batch = createMessageBatch("prospector-runs", [
      {
        id: "m1",
        timestamp: new Date(),
        attempts: 1,
        body: { type: "ping", sent_at: new Date().toISOString() },
      },
      { id: "m2", timestamp: new Date(), attempts: 1, body: { type: "launch", payload: 1 } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks.sort()).toEqual(["m1", "m2"]);
    expect(result.retryMessages).toEqual([]);
    expect(errors.some((l) => l.includes("m2") && l.includes("unknown shape"))).toBe(true);
  });
});
