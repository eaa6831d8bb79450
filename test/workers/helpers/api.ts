/**
 * Calling the Worker from tests. `call` runs the real app inside workerd
 * with the real bindings, optionally overriding variables (AUTH_MODE,
 * limits...) for that one request, which is how one test file exercises
 * every auth mode. Callers are (tenant, user) identities with helpers to
 * produce each kind of credential.
 */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createApp } from "../../../src/app.ts";
import { signHs256Token } from "../../../src/domain/identity/jwt.ts";
import type { Env } from "../../../src/env.ts";
import { TEST_HS256_SECRET } from "../../test-secrets.ts";

const app = createApp();

export interface CallOptions {
  headers?: Record<string, string>;
  /** A JSON body (sets Content-Type unless given). */
  json?: unknown;
  /** A raw body with the headers as given. */
  body?: BodyInit;
  /** Variables overridden for this request only. */
  vars?: Partial<Record<keyof Env, string>>;
  /** Where the request goes (default https://api.prospector.test); a Worker's URL carries the client's Host. */
  origin?: string;
}

/** Sends one request through the app with the test bindings. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    if (!headers.has("Content-Type")) headers.set("Content-Type", "application/json");
  }
  const ctx = createExecutionContext();
  const res = await app.fetch(
    new Request(`${options.origin ?? "https://api.prospector.test"}${path}`, { method, headers, body }),
    { ...env, ...options.vars } as Env,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return res;
}

/** Parses a JSON response body (typed loosely for assertions). */
// biome-ignore lint/suspicious/noExplicitAny: assertion convenience
export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

let counter = 0;
/** A unique id for this test file's run, so tests in one file never collide. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}-${crypto.randomUUID().slice(0, 8)}`;
}

/** A tenant + user identity and the credentials it can present. */
export class Caller {
  constructor(
    readonly tenantId: string,
    readonly userId: string,
  ) {}

  /** A fresh tenant whose first user (the owner). */
  static newTenant(): Caller {
    return new Caller(uniqueId("tenant"), uniqueId("user"));
  }

  /** Another user in the same tenant (a member, since the owner came first). */
  colleague(): Caller {
    return new Caller(this.tenantId, uniqueId("user"));
  }

  devHeaders(): Record<string, string> {
    return { "X-Tenant-Id": this.tenantId, "X-User-Id": this.userId };
  }

  async jwtHeaders(expiresIn: string | number = "1h"): Promise<Record<string, string>> {
    const token = await signHs256Token(
      { tenant_id: this.tenantId, sub: this.userId },
      TEST_HS256_SECRET,
      expiresIn,
    );
    return { Authorization: `Bearer ${token}` };
  }

  /** Makes sure the user exists (dev mode provisions on first sight). */
  async provision(): Promise<this> {
    const res = await call("GET", "/auth/session", { headers: this.devHeaders() });
    if (res.status !== 200) throw new Error(`provisioning failed: ${res.status} ${await res.text()}`);
    return this;
  }

  /** Makes this (provisioned) user a platform administrator, as the bootstrap would. */
  async makePlatformAdmin(): Promise<this> {
    await this.provision();
    await env.DB.prepare("UPDATE users SET is_platform_admin = 1 WHERE id = ? AND tenant_id = ?")
      .bind(this.userId, this.tenantId)
      .run();
    return this;
  }

  /** Creates an API key for this tenant (the caller must be owner/admin). */
  async createApiKey(
    scopes: string[] = ["read", "write", "admin"],
    name = "test key",
  ): Promise<{ id: string; key: string }> {
    const res = await call("POST", "/api-keys", { headers: this.devHeaders(), json: { name, scopes } });
    if (res.status !== 201) throw new Error(`creating a key failed: ${res.status} ${await res.text()}`);
    return json(res);
  }
}

/** Asserts the one error shape and returns the body. */
export async function expectError(res: Response, status: number, code: string) {
  const body = await json(res);
  if (res.status !== status || body.error !== code) {
    throw new Error(`expected ${status} ${code}, got ${res.status} ${JSON.stringify(body)}`);
  }
  if (typeof body.detail !== "string" || body.detail.length === 0)
    throw new Error("error body has no detail");
  if (typeof body.request_id !== "string" || body.request_id !== res.headers.get("X-Request-Id")) {
    throw new Error("error body's request_id does not match X-Request-Id");
  }
  return body;
}
