/** GET /leads/search with bad input: clear 400s, never a 500, whatever is typed. */
import { describe, expect, it } from "vitest";
import { Caller, call, expectError, json } from "../helpers/api.ts";
import { seedLeads } from "./helpers.ts";

describe("lead search input", () => {
  it("treats any typed text as words: FTS syntax never reaches SQLite as syntax", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [{ email: "near@or.test", full_name: "Near Or", title: "AND NOT" }]);
    for (const q of [
      "NEAR(a b)",
      "title:ceo",
      '"',
      '"""',
      "a OR",
      "(((",
      "*",
      "-",
      "^x",
      "col:*",
      "\u0000",
      "💥",
      "x".repeat(500),
    ]) {
      const res = await call("GET", `/leads/search?q=${encodeURIComponent(q)}`, {
        headers: owner.devHeaders(),
      });
      expect(res.status, q).toBe(200);
    }
    const res = await call("GET", `/leads/search?q=${encodeURIComponent("NEAR OR")}`, {
      headers: owner.devHeaders(),
    });
    expect((await json(res)).results).toHaveLength(1);
  });

  it("refuses unknown values, out-of-range numbers, too many values and unknown facets", async () => {
    const owner = Caller.newTenant();
    for (const query of [
      "verify_status=maybe",
      "seniority=god",
      "sizes=12-13",
      "source=fax",
      "icp_min=101",
      "limit=0",
      "limit=101",
      "sort=random",
      "recency_days=0",
      "facets=colour",
      "facets_exact=maybe",
      `tech=${Array.from({ length: 21 }, (_, i) => `t${i}`).join(",")}`,
      `q=${"x".repeat(501)}`,
    ]) {
      await expectError(
        await call("GET", `/leads/search?${query}`, { headers: owner.devHeaders() }),
        400,
        "validation_failed",
      );
    }
  });

  it("refuses a tampered cursor, or one from another sort or other filters", async () => {
    const owner = Caller.newTenant();
    await seedLeads(
      owner,
      Array.from({ length: 5 }, (_, i) => ({ email: `c${i}@cursor.test`, icp_score: i })),
    );
    const first = await json(await call("GET", "/leads/search?limit=2", { headers: owner.devHeaders() }));
    const cursor: string = first.next_cursor;
    expect(cursor).toBeTruthy();
    const tampered = `${cursor.slice(0, 5)}${cursor[5] === "A" ? "B" : "A"}${cursor.slice(6)}`;
    for (const [query, code] of [
      [`limit=2&cursor=${encodeURIComponent(tampered)}`, "bad_request"],
      [`limit=2&cursor=nonsense`, "bad_request"],
      [`limit=2&sort=icp_asc&cursor=${encodeURIComponent(cursor)}`, "bad_request"],
      [`limit=2&icp_min=1&cursor=${encodeURIComponent(cursor)}`, "bad_request"],
    ] as const) {
      await expectError(
        await call("GET", `/leads/search?${query}`, { headers: owner.devHeaders() }),
        400,
        code,
      );
    }
  });
});
