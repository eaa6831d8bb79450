import { describe, expect, it } from "vitest";
import { Caller, call, expectError } from "../helpers/api.ts";

const verify = async (body: unknown, vars: Record<string, string> = {}) => {
  const caller = await Caller.newTenant().provision();
  return call("POST", "/verify", { headers: caller.devHeaders(), json: body, vars });
};

describe("POST /verify: bad input", () => {
  it.each([
    [{}, "email"],
    [{ email: "" }, "email"],
    [{ email: "not an address" }, "email"],
    [{ email: "two@at@signs.test" }, "email"],
    [{ email: `${"a".repeat(320)}@x.test` }, "email"],
    [{ email: 42 }, "email"],
    [{ email: "anna@strict.test", fresh: "yes" }, "fresh"],
    [{ email: "anna@strict.test", extra: 1 }, "(body)"],
  ])("refuses %j (400, field %s)", async (body, field) => {
    const res = await verify(body);
    const error = await expectError(res, 400, "validation_failed");
    expect(Object.keys(error.fields ?? {})).toContain(field);
  });

  it("refuses a body that is not JSON (400) and a wrong content type (415)", async () => {
    const caller = await Caller.newTenant().provision();
    const headers = { ...caller.devHeaders(), "Content-Type": "application/json" };
    await expectError(await call("POST", "/verify", { headers, body: "{" }), 400, "malformed_json");
    await expectError(
      await call("POST", "/verify", {
        headers: { ...caller.devHeaders(), "Content-Type": "text/plain" },
        body: "a@b.test",
      }),
      415,
      "unsupported_media_type",
    );
  });
});

describe("POST /verify: the verification service unavailable", () => {
  it("answers 503 when no sidecar is configured", async () => {
    const error = await expectError(
      await verify({ email: "anna@strict.test" }, { SIDECAR_URL: "" }),
      503,
      "service_unavailable",
    );
    expect(error.detail).toMatch(/no sidecar is configured/);
  });

  it("answers 503 when the secrets differ, without retrying", async () => {
    const error = await expectError(
      await verify(
        { email: "anna@strict.test" },
        { SIDECAR_SECRET: "another-secret-0123456789abcdef0123456789" },
      ),
      503,
      "service_unavailable",
    );
    expect(error.detail).toMatch(/refused our signature/);
  });

  it("fails fast once the circuit opens on an unreachable sidecar, and says when to retry", async () => {
    // Port 9 (discard) on loopback: nothing listens there.
    const vars = { SIDECAR_URL: "http://127.0.0.1:9" };
    for (let i = 0; i < 5; i++) {
      const error = await expectError(
        await verify({ email: "anna@strict.test" }, vars),
        503,
        "service_unavailable",
      );
      expect(error.detail).toMatch(/could not be reached/);
    }
    const started = Date.now();
    const res = await verify({ email: "anna@strict.test" }, vars);
    const error = await expectError(res, 503, "service_unavailable");
    expect(error.detail).toMatch(/failed repeatedly; calls resume in \d+ s/);
    expect(res.headers.get("Retry-After")).toBe("30");
    expect(Date.now() - started).toBeLessThan(1000);

    const caller = await Caller.newTenant().provision();
    const health = await call("GET", "/health/detailed", { headers: caller.devHeaders(), vars });
    const sidecar = (
      await health.json<{ dependencies: { name: string; circuit?: { state: string } }[] }>()
    ).dependencies.find((d) => d.name === "sidecar");
    expect(sidecar?.circuit?.state).toBe("open");
  });
});
