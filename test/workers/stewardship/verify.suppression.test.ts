import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { Caller, call, expectError } from "../helpers/api.ts";
import { suppress } from "./helpers.ts";

const verify = (caller: Caller, email: string) =>
  call("POST", "/verify", { headers: caller.devHeaders(), json: { email } });

describe("POST /verify and the suppression list", () => {
  it("refuses (409) a suppressed address or one at a suppressed domain, and stores nothing", async () => {
    const owner = await Caller.newTenant().provision();
    await suppress(owner, { email: "anna@strict.test" });
    await suppress(owner, { domain: "full.test" });
    const a = await expectError(await verify(owner, "Anna@strict.test"), 409, "conflict");
    expect(a.detail).toMatch(/suppression list/);
    await expectError(await verify(owner, "dan@mx.full.test"), 409, "conflict");
    const rows = await env.DB.prepare(
      "SELECT count(*) AS n FROM email_verifications WHERE email IN ('anna@strict.test', 'dan@mx.full.test')",
    ).first<{ n: number }>();
    expect(rows!.n).toBe(0);
  });

  it("still verifies the address for a tenant that did not suppress it", async () => {
    const owner = await Caller.newTenant().provision();
    await suppress(owner, { email: "erin@strict.test" });
    const other = await Caller.newTenant().provision();
    const res = await verify(other, "erin@strict.test");
    expect(res.status).toBe(200);
  });
});
