/** Leads a run writes are scored against the tenant's ICP profile (or the baseline), with reasons and gaps. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../../src/db/client.ts";
import { IcpProfileSchema } from "../../../src/domain/icp/score.ts";
import { putIcpProfile } from "../../../src/services/icp/profiles.ts";
import { Caller } from "../helpers/api.ts";
import { consume, domainMessage, insertQuietRun, results } from "./helpers.ts";

const DOMAIN = "studio-lumiere.test";

async function runOnce(owner: Caller) {
  const runId = await insertQuietRun(owner, [DOMAIN], { skip_verify: true });
  await consume([{ body: domainMessage(owner, runId, DOMAIN) }]);
  // biome-ignore lint/suspicious/noExplicitAny: assertion convenience
  return (await results(owner, runId)).results as any[];
}

const sum = (reasons: { points: number }[]) => reasons.reduce((n, r) => n + r.points, 0);

describe("run leads and the ICP profile", () => {
  it("carry the baseline's reasons without a profile", async () => {
    const leads = await runOnce(Caller.newTenant());
    expect(leads.length).toBeGreaterThan(0);
    for (const lead of leads) {
      expect(sum(lead.icp_reasons)).toBe(lead.icp_score);
      expect(lead.data_gaps).toContain("not_verified");
    }
  });

  it("are scored against the profile when the tenant has one", async () => {
    const owner = await Caller.newTenant().provision();
    const profile = IcpProfileSchema.parse({
      seniorities: ["c_suite", "founder", "owner"],
      weights: { deliverability: 0 },
    });
    await putIcpProfile(createDatabase(env.DB), owner.tenantId, profile, owner.userId);
    const leads = await runOnce(owner);
    const personal = leads.filter((l) => l.type === "personal");
    expect(personal.length).toBeGreaterThan(1);
    for (const lead of leads) {
      expect(sum(lead.icp_reasons)).toBe(lead.icp_score);
      const codes = lead.icp_reasons.map((r: { code: string }) => r.code);
      expect(codes).toHaveLength(1);
      expect(["seniority_match", "seniority_miss", "seniority_unknown"]).toContain(codes[0]);
      expect(lead.icp_score).toBe(codes[0] === "seniority_match" ? 100 : 0);
    }
    expect(leads.some((l) => l.icp_score === 100)).toBe(true);
  });
});
