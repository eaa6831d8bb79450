/**
 * The shared security checks every protected route gets (see STYLE.md):
 * no credentials, malformed / expired / wrongly signed / `alg: none` JWTs,
 * a revoked API key, dev headers outside development (on the JSON doors:
 * dev headers at all, access tokens for another audience or whose session
 * ended), and tenant isolation
 * (another tenant's resource is 404 for read, change and delete, is absent
 * from lists, and is left unchanged). Route test files call
 * `describeProtectedRoute` with how to reach the route and, when the route
 * addresses a resource, how to create one.
 */
import { env } from "cloudflare:test";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from "../../../src/domain/identity/access-token.ts";
import { signHs256Token } from "../../../src/domain/identity/jwt.ts";
import { doorForPath } from "../../../src/doors/doors.ts";
import { TEST_HS256_SECRET, TEST_TOKEN_KEY } from "../../test-secrets.ts";
import { Caller, type CallOptions, call, expectError, json } from "./api.ts";

export interface ProtectedRouteSpec {
  method: string;
  /** The path; `{id}` is replaced with a resource id when `resource` is given. */
  path: string;
  /** A valid body for the route (so failures are about auth, not input). */
  body?: unknown;
  /** Creates a resource owned by `owner` and returns its id (for isolation checks). */
  resource?: (owner: Caller) => Promise<string>;
  /** Reads the resource as its owner: used to prove an intruder changed nothing. */
  snapshot?: (owner: Caller, id: string) => Promise<unknown>;
  /** For list routes: the ids the caller sees. */
  listIds?: (res: Response) => Promise<string[]>;
}

function unsignedToken(claims: Record<string, unknown>): string {
  const b64 = (v: unknown) =>
    btoa(JSON.stringify(v)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`;
}

/** Door 000 mints trusted HS256 JWTs (AUTH_MODE=hs256); the JSON doors, access tokens with our key. */
async function tokenFor(
  jsonDoor: boolean,
  caller: Caller,
  options: { exp?: number; secret?: string; aud?: string } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const exp = options.exp ?? now + 600;
  if (!jsonDoor) {
    return signHs256Token(
      { tenant_id: caller.tenantId, sub: caller.userId, exp },
      options.secret ?? TEST_HS256_SECRET,
      exp,
    );
  }
  return new SignJWT({ tenant_id: caller.tenantId, sid: "session-that-does-not-exist-000" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: TEST_TOKEN_KEY.kid })
    .setSubject(caller.userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(options.aud ?? ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(Math.min(now, exp - 60))
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(options.secret ?? TEST_TOKEN_KEY.secret));
}

export function describeProtectedRoute(spec: ProtectedRouteSpec) {
  const title = `${spec.method} ${spec.path} security`;
  // The JSON doors (001-004) take access tokens and API keys, never dev headers or AUTH_MODE's credentials.
  const jsonDoor = doorForPath(spec.path).name !== "000";
  const send = async (options: CallOptions & { id?: string } = {}) => {
    const id = options.id ?? "key_doesnotexist0000000";
    const path = spec.path.replace("{id}", id);
    return call(spec.method, path, { json: spec.body, ...options });
  };
  /** How a caller of this route's door authenticates (dev headers on door 000, an access token elsewhere). */
  const credentialsOf = (caller: Caller) => (jsonDoor ? caller.accessHeaders() : caller.devHeaders());

  describe(title, () => {
    it("refuses a request without credentials (401)", async () => {
      await expectError(await send(), 401, "unauthorized");
    });

    it("refuses a malformed bearer token (401) in hs256 mode", async () => {
      const res = await send({
        headers: { Authorization: "Bearer not.a.jwt" },
        vars: { AUTH_MODE: "hs256" },
      });
      await expectError(res, 401, "invalid_token");
    });

    it("refuses an expired JWT (401)", async () => {
      const caller = Caller.newTenant();
      const expired = await tokenFor(jsonDoor, caller, { exp: Math.floor(Date.now() / 1000) - 3600 });
      const res = await send({
        headers: { Authorization: `Bearer ${expired}` },
        vars: { AUTH_MODE: "hs256" },
      });
      const body = await expectError(res, 401, "invalid_token");
      expect(body.detail).toMatch(/expired/);
    });

    it("refuses a JWT signed with another secret (401)", async () => {
      const caller = Caller.newTenant();
      const forged = await tokenFor(jsonDoor, caller, {
        secret: "another-secret-that-is-long-enough-0123456789",
      });
      const res = await send({
        headers: { Authorization: `Bearer ${forged}` },
        vars: { AUTH_MODE: "hs256" },
      });
      await expectError(res, 401, "invalid_token");
    });

    it("refuses an unsigned (alg: none) JWT (401)", async () => {
      const token = unsignedToken({
        tenant_id: "t1",
        sub: "u1",
        sid: "session-that-does-not-exist-000",
        aud: ACCESS_TOKEN_AUDIENCE,
        iss: ACCESS_TOKEN_ISSUER,
        exp: Math.floor(Date.now() / 1000) + 600,
      });
      const res = await send({
        headers: { Authorization: `Bearer ${token}` },
        vars: { AUTH_MODE: "hs256" },
      });
      await expectError(res, 401, "invalid_token");
    });

    it("refuses a revoked API key (401), in both header forms", async () => {
      const owner = await Caller.newTenant().provision();
      const { id, key } = await owner.createApiKey();
      const revoke = await call("DELETE", `/api-keys/${id}`, { headers: owner.devHeaders() });
      expect(revoke.status).toBe(200);
      await expectError(await send({ headers: { "X-API-Key": key } }), 401, "api_key_revoked");
      await expectError(await send({ headers: { Authorization: `Bearer ${key}` } }), 401, "api_key_revoked");
    });

    if (jsonDoor) {
      it("refuses dev headers, even in development (401)", async () => {
        await expectError(await send({ headers: Caller.newTenant().devHeaders() }), 401, "unauthorized");
      });

      it("refuses a well-signed access token for another audience (401)", async () => {
        const token = await tokenFor(true, Caller.newTenant(), { aud: "another-service" });
        const body = await expectError(
          await send({ headers: { Authorization: `Bearer ${token}` } }),
          401,
          "invalid_token",
        );
        expect(body.detail).toMatch(/audience/);
      });

      it("refuses an access token once its session has ended (401)", async () => {
        const caller = Caller.newTenant();
        const headers = await caller.accessHeaders();
        await env.DB.prepare("UPDATE sessions SET revoked_at = ? WHERE user_id = ?")
          .bind(new Date().toISOString(), caller.userId)
          .run();
        const body = await expectError(await send({ headers }), 401, "invalid_token");
        expect(body.detail).toMatch(/session has ended/);
      });
    } else {
      it("refuses dev headers unless ENVIRONMENT=development (401)", async () => {
        const caller = Caller.newTenant();
        const res = await send({ headers: caller.devHeaders(), vars: { ENVIRONMENT: "production" } });
        const body = await expectError(res, 401, "unauthorized");
        expect(body.detail).toMatch(/ENVIRONMENT=development/);
      });
    }

    if (spec.resource && spec.path.includes("{id}")) {
      const create = spec.resource;
      it("hides another tenant's resource: 404, and nothing changes", async () => {
        const owner = await Caller.newTenant().provision();
        const intruder = await Caller.newTenant().provision();
        const id = await create(owner);
        const before = spec.snapshot ? await spec.snapshot(owner, id) : undefined;
        const res = await send({ id, headers: await credentialsOf(intruder) });
        await expectError(res, 404, "not_found");
        const { key } = await intruder.createApiKey();
        await expectError(await send({ id, headers: { "X-API-Key": key } }), 404, "not_found");
        if (spec.snapshot) expect(await spec.snapshot(owner, id)).toEqual(before);
      });
    }

    if (spec.listIds && spec.resource) {
      const listIds = spec.listIds;
      const create = spec.resource;
      it("lists only the caller's tenant's resources", async () => {
        const owner = await Caller.newTenant().provision();
        const other = await Caller.newTenant().provision();
        const mine = await create(owner);
        const theirs = await create(other);
        const ids = await listIds(await send({ headers: await credentialsOf(owner) }));
        expect(ids).toContain(mine);
        expect(ids).not.toContain(theirs);
      });
    }
  });
}

export { json };
