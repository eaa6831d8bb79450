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
import { hashPassword } from "../../../src/domain/identity/password.ts";
import {
  dialect000,
  dialect001,
  dialect002,
  dialect003,
  dialect004,
  type ErrorDialect,
} from "../../../src/doors/dialects.ts";
import type { Env } from "../../../src/env.ts";
import { ApiError, type ErrorCode } from "../../../src/errors.ts";
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

/** The password `accessHeaders` gives a user (hashed once per test file). */
export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
};
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

  /**
   * `Authorization: Bearer <access token>` for this (provisioned) user, got
   * the way a JSON door's client gets one: a password, then POST
   * /api/v1/auth/token. What the JSON doors (001-004) accept besides API keys.
   */
  async accessHeaders(): Promise<Record<string, string>> {
    await this.provision();
    const email = `${this.userId}@example.com`.toLowerCase();
    await env.DB.prepare("UPDATE users SET email = ?, password_hash = ? WHERE id = ? AND tenant_id = ?")
      .bind(email, await testPasswordHash(), this.userId, this.tenantId)
      .run();
    const res = await call("POST", "/api/v1/auth/token", {
      json: { username: email, password: TEST_PASSWORD },
      headers: { "CF-Connecting-IP": `192.0.2.${counter % 250}` },
    });
    if (res.status !== 200) throw new Error(`token failed: ${res.status} ${await res.text()}`);
    const { access_token } = await json<{ access_token: string }>(res);
    return { Authorization: `Bearer ${access_token}` };
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

/**
 * Asserts an error answer: the status, and the engine's `code` as the
 * door's dialect words it (doors/dialects.ts), with a message and the
 * request id where the dialect has room for them. Returns the body, with
 * `detail` set to the message whatever the dialect calls it (door 000's
 * own `detail`), so assertions on the wording read the same everywhere.
 */
export async function expectError(res: Response, status: number, code: ErrorCode) {
  const body = await json(res);
  const requestId = res.headers.get("X-Request-Id");
  const fail = (why: string) => {
    throw new Error(`expected ${status} ${code}: ${why}; got ${res.status} ${JSON.stringify(body)}`);
  };
  const dialect = dialectOf(body);
  if (!dialect) fail("the body is in no door's dialect");
  const expected = dialect!.render(new ApiError(code, "-"), requestId ?? "") as {
    status: number;
    body: unknown;
  };
  if (res.status !== status || res.status !== expected.status) fail("another status");
  const words = wordsOf(body);
  if (words.code !== wordsOf(expected.body).code) fail("another code");
  if (!words.message) fail("no message");
  if (words.requestId !== undefined && words.requestId !== requestId) fail("request_id is not X-Request-Id");
  return dialect === dialect000 ? body : { ...body, detail: words.message };
}

/** The dialect a body is in, by its shape. */
function dialectOf(body: Record<string, unknown>): ErrorDialect | undefined {
  const error = body.error as Record<string, unknown> | string | undefined;
  if (typeof error === "string") return "code" in body ? dialect001 : dialect000;
  if (error && typeof error === "object") return "field" in error ? dialect003 : dialect002;
  if ("detail" in body) return dialect004;
  return undefined;
}

/** Code, message and request id of a body in any dialect (door 004 has no code: its status says it). */
function wordsOf(body: unknown): { code?: string; message?: string; requestId?: string } {
  const b = body as Record<string, unknown>;
  const error = b.error as Record<string, unknown> | string | undefined;
  if (typeof error === "string") {
    if ("code" in b) {
      const details = b.details as { request_id?: string };
      return { code: b.code as string, message: error, requestId: details?.request_id };
    }
    return { code: error, message: b.detail as string, requestId: b.request_id as string };
  }
  if (error && typeof error === "object") {
    const details = error.details as { request_id?: string } | undefined;
    const requestId = "request_id" in error ? (error.request_id as string) : details?.request_id;
    return { code: error.code as string, message: error.message as string, requestId };
  }
  const detail = b.detail;
  return { message: typeof detail === "string" ? detail : JSON.stringify(detail) };
}
