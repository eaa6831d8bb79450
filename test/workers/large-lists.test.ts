/**
 * Lookups whose lists grow with the data, at more than D1's 100 bound
 * parameters a statement: cached verdicts for a domain's many addresses,
 * and an ingest's suppression check and existing-lead lookup for a large
 * file of a tenant that has suppressions. (Run lists and a run's lead
 * writes: test/workers/runs/large-lists.test.ts; search filters and
 * facets at their largest: test/workers/leads/search.error.test.ts.)
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.ts";
import { SidecarClient } from "../../src/services/sidecar-client.ts";
import { verifyAddresses } from "../../src/services/verification.ts";
import { Caller, json } from "./helpers/api.ts";
import { ingest, leadsOf, suppress } from "./ingest/helpers.ts";

describe("verification cache", () => {
  it("answers 150 cached addresses from D1 without the sidecar", async () => {
    const emails = Array.from({ length: 150 }, (_, i) => `p${i}@cached-many.test`);
    const checked = new Date().toISOString();
    await env.DB.batch(
      emails.map((email) =>
        env.DB.prepare(
          "INSERT OR REPLACE INTO email_verifications (email, domain, status, reason, checked_at) VALUES (?, 'cached-many.test', 'valid', 'accepted', ?)",
        ).bind(email, checked),
      ),
    );
    // Nothing listens there: a lookup that missed any address would throw SidecarUnavailableError.
    const down = new SidecarClient({ baseUrl: "http://127.0.0.1:9" }, { secret: "x".repeat(32) });
    const verdicts = await verifyAddresses(createDatabase(env.DB), down, emails, {
      ttlDays: 30,
      deadlineMs: 1_000,
    });
    expect(verdicts).toHaveLength(150);
    expect(verdicts.every((v) => v.cached && v.status === "valid")).toBe(true);
  });
});

describe("ingest", () => {
  it("checks 300 rows against the tenant's suppressions and existing leads", async () => {
    const owner = await Caller.newTenant().provision();
    await suppress(owner.tenantId, "email", "person7@many-rows.test");
    await suppress(owner.tenantId, "domain", "blocked-rows.test");
    const rows = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => `person${from + i}@many-rows.test,Person ${from + i}`);
    const first = await json(await ingest(owner, ["email,name", ...rows(0, 150)].join("\n")));
    expect(first).toMatchObject({ accepted: 149, rejected: 1 });
    const second = await json(
      await ingest(
        owner,
        [
          "email,name",
          ...rows(0, 300),
          ...Array.from({ length: 20 }, (_, i) => `x${i}@blocked-rows.test,X`),
        ].join("\n"),
      ),
    );
    expect(second).toMatchObject({ accepted: 150, updated: 149, rejected: 21 });
    expect((await leadsOf(owner.tenantId)).size).toBe(299);
  });
});
