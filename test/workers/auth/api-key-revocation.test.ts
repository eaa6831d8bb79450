/**
 * Revocation across isolates. This isolate caches key lookups and leases
 * rate-limit requests; a revocation made elsewhere (D1 row + the key's
 * limiter blocked, exactly what another isolate's DELETE does) must still
 * stop the key here within one lease (RATE_LIMIT_LEASE_MS), without waiting
 * for the cache.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { apiKeyLimiterKey } from "../../../src/services/rate-limit-state.ts";
import { Caller, call, expectError } from "../helpers/api.ts";

describe("API key revocation from another isolate", () => {
  it("stops a cached key within one lease", async () => {
    const owner = await Caller.newTenant().provision();
    const { id, key } = await owner.createApiKey();
    const vars = { RATE_LIMIT_LEASE_MS: "100" };
    const use = () => call("GET", "/auth/session", { headers: { "X-API-Key": key }, vars });
    expect((await use()).status).toBe(200); // cached and leased now

    // What another isolate's revoke does: write D1 and block the key's limiter; this isolate's cache is untouched.
    await env.DB.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?")
      .bind(new Date().toISOString(), id)
      .run();
    const limiter = env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(apiKeyLimiterKey(id)));
    await limiter.block("revoked");

    await new Promise((r) => setTimeout(r, 150)); // the lease's time to live

    await expectError(await use(), 401, "api_key_revoked");
    await expectError(await use(), 401, "api_key_revoked");
  });
});
