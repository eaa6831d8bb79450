import { describe, expect, it } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { check, memberOf, suppress } from "./helpers.ts";

describe("suppression list errors", () => {
  it.each([
    [{ email: "not-an-address" }, "email"],
    [{ email: "a@b" }, "email"],
    [{ domain: "127.0.0.1" }, "domain"],
    [{ domain: "co.uk" }, "domain"],
  ])("refuses %j (400 with the field)", async (body, field) => {
    const owner = await Caller.newTenant().provision();
    const err = await expectError(await suppress(owner, body), 400, "validation_failed");
    expect(Object.keys(err.fields)).toContain(field);
  });

  it.each([
    [{}],
    [{ email: "a@acme.com", domain: "acme.com" }],
    [{ email: "a@acme.com", extra: 1 }],
    [
      {
        reason: "x",
      },
    ],
  ])("refuses the body %j (400)", async (body) => {
    const owner = await Caller.newTenant().provision();
    await expectError(await suppress(owner, body), 400, "validation_failed");
  });

  it("needs exactly one of email or domain to check, and a valid one (400)", async () => {
    const owner = await Caller.newTenant().provision();
    await expectError(await check(owner, ""), 400, "validation_failed");
    await expectError(await check(owner, "email=a%40acme.com&domain=acme.com"), 400, "validation_failed");
    await expectError(await check(owner, "email=nope"), 400, "validation_failed");
    await expectError(await check(owner, "domain=localhost"), 400, "validation_failed");
  });

  it("refuses a bad page (400)", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("GET", "/suppressions?limit=0", { headers: owner.devHeaders() });
    await expectError(res, 400, "validation_failed");
  });

  it("answers 404 for an unknown id", async () => {
    const owner = await Caller.newTenant().provision();
    const res = await call("DELETE", "/suppressions/sup_doesnotexist", { headers: owner.devHeaders() });
    await expectError(res, 404, "not_found");
  });

  it("lets members list and check, but not create or delete (403)", async () => {
    const owner = await Caller.newTenant().provision();
    const member = await memberOf(owner);
    const { id } = await json(await suppress(owner, { email: "a@acme.com" }));
    await expectError(await suppress(member, { email: "b@acme.com" }), 403, "forbidden");
    await expectError(
      await call("DELETE", `/suppressions/${id}`, { headers: member.devHeaders() }),
      403,
      "forbidden",
    );
    const list = await call("GET", "/suppressions", { headers: member.devHeaders() });
    expect(list.status).toBe(200);
    expect((await json(list)).results).toHaveLength(1);
    expect((await json(await check(member, "email=a%40acme.com"))).suppressed).toBe(true);
  });
});
