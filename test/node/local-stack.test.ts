/**
 * `npm start` for real: migrations applied, API and sidecar served on the
 * ports from the environment, settings taken from the environment, data
 * kept across restarts, Ctrl-C stopping both, and a crash of one stopping
 * the other. Uses a temporary state directory and free ports.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningStack, startLocalStack, answers as up } from "../../scripts/local-stack.ts";
import { signHs256Token } from "../../src/domain/identity/jwt.ts";

const stateDir = mkdtempSync(join(tmpdir(), "prospector-stack-"));
const secret = "stack-test-secret-0123456789abcdef012345";
const running: RunningStack[] = [];

async function startStack(env: Record<string, string> = {}) {
  const stack = await startLocalStack(stateDir, env);
  running.push(stack);
  return stack;
}

afterAll(() => {
  for (const { child } of running) if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  rmSync(stateDir, { recursive: true, force: true });
});

const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([
    p,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)),
  ]);

describe("npm start", () => {
  let keyId = "";
  let key = "";

  it("applies migrations, serves API and sidecar, and stops both on Ctrl-C", async () => {
    const stack = await startStack();
    expect(stack.output()).toMatch(/0000_init\.sql/);
    const dev = { "X-Tenant-Id": "stack", "X-User-Id": "owner" };
    const created = await fetch(`${stack.api}/api-keys`, {
      method: "POST",
      headers: { ...dev, "Content-Type": "application/json" },
      body: JSON.stringify({ name: "persisted", scopes: ["read", "admin"] }),
    });
    expect(created.status).toBe(201);
    ({ id: keyId, key } = (await created.json()) as { id: string; key: string });
    const detailed = await fetch(`${stack.api}/health/detailed`, { headers: dev });
    expect(((await detailed.json()) as { status: string }).status).toBe("ok");
    // The Worker's signed call reaches the sidecar: the shared secret is wired (the domain
    // does not resolve here, so the verdict is a DNS one, but it is a verdict, not a 503).
    const verified = await fetch(`${stack.api}/verify`, {
      method: "POST",
      headers: { ...dev, "Content-Type": "application/json" },
      body: JSON.stringify({ email: "someone@no-such-domain.invalid" }),
    });
    expect(verified.status).toBe(200);
    expect(((await verified.json()) as { result: string }).result).toMatch(/^(undeliverable|unknown)$/);
    expect(stack.output()).not.toContain(key);

    process.kill(-stack.child.pid!, "SIGINT");
    expect(await within(stack.exited, 20_000)).toBe(0);
    expect(await up(`${stack.api}/health`)).toBe(false);
    expect(await up(`${stack.sidecar}/health`)).toBe(false);
  }, 180_000);

  it("takes settings from the environment and keeps data across restarts", async () => {
    const stack = await startStack({ AUTH_MODE: "hs256", AUTH_HS256_SECRET: secret });
    try {
      const viaKey = await fetch(`${stack.api}/api-keys/${keyId}`, { headers: { "X-API-Key": key } });
      expect(viaKey.status).toBe(200);
      const dev = await fetch(`${stack.api}/auth/session`, {
        headers: { "X-Tenant-Id": "stack", "X-User-Id": "owner" },
      });
      expect(dev.status).toBe(401);
      const token = await signHs256Token({ tenant_id: "stack", sub: "owner" }, secret);
      const jwt = await fetch(`${stack.api}/auth/session`, { headers: { Authorization: `Bearer ${token}` } });
      expect(((await jwt.json()) as { method: string }).method).toBe("jwt");
      expect(stack.output()).not.toContain(secret);

      // A crash of the sidecar is reported and stops the API too.
      const { pid } = (await (await fetch(`${stack.sidecar}/health`)).json()) as { pid: number };
      process.kill(pid, "SIGKILL");
      expect(await within(stack.exited, 20_000)).toBe(1);
      expect(stack.output()).toMatch(/sidecar exited unexpectedly/);
      expect(await up(`${stack.api}/health`)).toBe(false);
    } finally {
      if (stack.child.exitCode === null) process.kill(-stack.child.pid!, "SIGINT");
    }
  }, 180_000);

  it("npm run reset wipes the local state", () => {
    expect(existsSync(join(stateDir, "state"))).toBe(true);
    const result = spawnSync(process.execPath, [join(import.meta.dirname, "../../scripts/reset.ts")], {
      env: { ...process.env, PROSPECTOR_STATE_DIR: stateDir },
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    expect(existsSync(join(stateDir, "state"))).toBe(false);
    expect(existsSync(join(stateDir, "dev.env"))).toBe(false);
    expect(existsSync(join(stateDir, "sidecar-secret"))).toBe(false);
  });
});
