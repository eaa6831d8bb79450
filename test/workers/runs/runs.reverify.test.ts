/** Verify mode over leads a crawl did not make: what a lead lacks stays absent, never made up. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { truth } from "../crawler/helpers.ts";
import { Caller, json } from "../helpers/api.ts";
import { createRun, results, waitForRun } from "./helpers.ts";

describe("a verify-mode run over an ingested lead", () => {
  it("keeps what an ingested lead lacks (no company, no confidence) as it was", async () => {
    const owner = await Caller.newTenant().provision();
    const email = truth["studio-lumiere.test"]!.people.find((p) => p.email)!.email!;
    await env.DB.prepare(
      `INSERT INTO leads (id, tenant_id, email, type, company_domain, email_source, verify_status, verify_reason,
         icp_score, sources, alternatives, source)
       VALUES (?, ?, ?, 'personal', 'studio-lumiere.test', 'published', 'unknown', 'not_verified', 0, '[]', '[]',
         'ingest')`,
    )
      .bind(`lead-${crypto.randomUUID()}`, owner.tenantId, email)
      .run();
    const verified = await json(
      await createRun(owner, { domains: ["studio-lumiere.test"], options: { mode: "verify" } }),
    );
    expect((await waitForRun(owner, verified.run_id)).status).toBe("succeeded");
    const [lead] = (await results(owner, verified.run_id)).results;
    // It used to come back as company "" and confidence 0.
    expect(lead).toMatchObject({ email, verify_status: "valid", company: null, confidence: null });
  }, 90_000);
});
