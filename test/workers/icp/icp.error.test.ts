/** PUT /icp refuses what it cannot store, with the one error shape, and stores nothing then. */
import { describe, expect, it } from "vitest";
import { Caller, call, expectError } from "../helpers/api.ts";
import { memberOf } from "../stewardship/helpers.ts";
import { getIcp, putIcp } from "./helpers.ts";

describe("PUT /icp errors", () => {
  it.each([
    ["an unknown field", { seniorities: ["vp"], colour: "blue" }, "colour"],
    ["a weight over 100", { weights: { seniority: 101 } }, "weights.seniority"],
    ["a negative weight", { weights: { size: -1 } }, "weights.size"],
    ["an unknown weight", { weights: { charm: 5 } }, "weights"],
    ["a country that is no ISO code", { countries: ["Germany"] }, "countries.0"],
    ["a list that is not a list", { industries: "Software & SaaS" }, "industries"],
    [
      "too many competitors",
      { disqualifiers: { domains: Array(501).fill("rival.test") } },
      "disqualifiers.domains",
    ],
  ])("answers 400 for %s, naming the field", async (_, body, field) => {
    const owner = await Caller.newTenant().provision();
    const error = await expectError(await putIcp(owner, body), 400, "validation_failed");
    expect(JSON.stringify(error)).toContain(field);
    expect((await getIcp(owner)).version).toBe(0);
  });

  it("answers 400 for a body that is not JSON, and 415 for another type", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("PUT", "/icp", {
      headers: { ...owner.devHeaders(), "Content-Type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    const wrongType = await call("PUT", "/icp", {
      headers: { ...owner.devHeaders(), "Content-Type": "text/plain" },
      body: "{}",
    });
    await expectError(wrongType, 415, "unsupported_media_type");
  });

  it("lets members read the profile but not change it (403)", async () => {
    const owner = await Caller.newTenant().provision();
    const member = await memberOf(owner);
    await expectError(await putIcp(member, { seniorities: ["vp"] }), 403, "forbidden");
    expect((await getIcp(member)).scoring).toBe("baseline");
  });
});
