/** GET /leads/search with bad input: clear 400s, never a 500, whatever is typed. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { companySizes, leadSources, verificationStatuses } from "../../../src/db/schema.ts";
import { departments, seniorities } from "../../../src/domain/taxonomy/titles.ts";
import { searchFacets } from "../../../src/services/leads/filters.ts";
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
      "tabs\tand\r\nline breaks",
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

  afterEach(() => vi.restoreAllMocks());

  it("answers 400 for control characters in search text and filters, and logs none of the text", async () => {
    const owner = Caller.newTenant();
    await seedLeads(owner, [{ email: "near@or.test", full_name: "Near Or" }]);
    const lines: string[] = [];
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.join(" ")));
    for (const [name, value] of [
      ["q", "a\u0000b"],
      ["q", "a\u0000"],
      ["q", "\u0000"],
      ["q", "secret\u0001word"],
      ["q", "del\u007f"],
      ["q", "c1\u009b"],
      ["industries", "Software\u0000"],
      ["tech", "react,vue\u001b"],
    ] as const) {
      const body = await expectError(
        await call("GET", `/leads/search?${name}=${encodeURIComponent(value)}`, {
          headers: owner.devHeaders(),
          vars: { LOG_LEVEL: "debug" },
        }),
        400,
        "validation_failed",
      );
      expect(body.detail, JSON.stringify(value)).toContain("control character");
    }
    // The requests were logged (one line each), without the text.
    expect(lines.filter((line) => line.includes('"msg":"request"'))).toHaveLength(8);
    for (const line of lines) {
      expect(line).not.toContain("secret");
      expect(line).not.toContain("Software");
      expect(line).not.toContain("\\u0000");
    }
  });

  it("answers every filter at its largest with every facet (well over D1's 100 parameters as one per value)", async () => {
    const owner = Caller.newTenant();
    const industries = Array.from({ length: 20 }, (_, i) => `Industry ${i}`);
    const tech = Array.from({ length: 20 }, (_, i) => `tech${i}`);
    await seedLeads(owner, [
      { email: "max@filters.test", industry: "Industry 3", size: "11-50", technologies: ["tech7"] },
    ]);
    const query = new URLSearchParams({
      q: "max",
      verify_status: [...verificationStatuses, "not_verified"].slice(0, 20).join(","),
      roles: departments.slice(0, 20).join(","),
      seniority: seniorities.join(","),
      industries: industries.join(","),
      sizes: companySizes.join(","),
      tech: tech.join(","),
      source: leadSources.join(","),
      icp_min: "0",
      recency_days: "3650",
      facets: searchFacets.join(","),
      facets_exact: "true",
      limit: "100",
    });
    const res = await call("GET", `/leads/search?${query}`, { headers: owner.devHeaders() });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.results).toHaveLength(0); // seniority and department unknown: no lead matches every filter
    expect(body.facets.industries).toEqual({});
    // Without the seniority and role filters the lead matches, and each facet counts it.
    query.delete("seniority");
    query.delete("roles");
    const found = await json(await call("GET", `/leads/search?${query}`, { headers: owner.devHeaders() }));
    expect(found.results.map((r: { email: string }) => r.email)).toEqual(["max@filters.test"]);
    expect(found.facets.industries).toEqual({ "Industry 3": 1 });
    expect(found.facets.tech).toEqual({ tech7: 1 });
    expect(found.facets.seniority).toEqual({ unknown: 1 });
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
