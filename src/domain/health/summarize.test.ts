import { describe, expect, it } from "vitest";
import { type DependencyCheck, summarizeHealth } from "./summarize.ts";

const check = (name: string, required: boolean, status: DependencyCheck["status"]): DependencyCheck => ({
  name,
  required,
  status,
  latency_ms: 1,
});

describe("summarizeHealth", () => {
  it.each([
    [[check("d1", true, "up"), check("sidecar", false, "up")], "ok"],
    [[check("d1", true, "up"), check("sidecar", false, "not_configured")], "ok"],
    [[check("d1", true, "up"), check("sidecar", false, "down")], "degraded"],
    [[check("d1", true, "down"), check("sidecar", false, "up")], "down"],
    [[check("queue", true, "not_configured")], "down"],
  ] as const)("%j -> %s", (checks, expected) => {
    expect(summarizeHealth(checks)).toBe(expected);
  });
});
