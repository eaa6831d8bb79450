/**
 * Revocation across isolates. This isolate caches key lookups; a revocation
 * made elsewhere (D1 row + the key's limiter blocked, exactly what another
 * isolate's DELETE does) must still stop the key here at its next request,
 * without waiting for the cache (every request asks the key's limiter).
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiKeyLimiterKey } from "../../../src/middleware/rate-limit.ts";
import { Caller, call, expectError } from "../helpers/api.ts";

describe("API key revocation from another isolate", () => {
  it("stops a cached key at its next request", async () => {
    const owner = await Caller.newTenant().provision();
    const { id, key } = await owner.createApiKey();
    const use = () => call("GET", "/auth/session", { headers: { "X-API-Key": key } });
    expect((await use()).status).toBe(200); // cached now

    // What another isolate's revoke does: write D1 and block the key's limiter; this isolate's cache is untouched.
    await env.DB.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), id)
      .run();
    const limiter = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(apiKeyLimiterKey(id)));
    await limiter.block("revoked");

    await expectError(await use(), 401, "api_key_revoked");
    await expectError(await use(), 401, "api_key_revoked");
  });
});
