import { describe, expect, it } from "vitest";
import { normalizeRunDomains } from "./run-input.ts";

describe("normalizeRunDomains", () => {
  it("reduces URLs, www. hosts and email addresses to the domain, dropping duplicates in order", () => {
    const result = normalizeRunDomains([
      "https://www.Acme.com/about?x=1",
      "sales@acme.com",
      "blog.example-corp.io",
      "ACME.COM",
    ]);
    expect(result).toEqual({ ok: true, domains: ["acme.com", "example-corp.io"], duplicates: 2 });
  });

  it("reports every bad entry with its position and reason", () => {
    const result = normalizeRunDomains(["acme.com", "", "co.uk", "10.0.0.1", "no spaces.com"]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.rejected.map((r) => r.index)).toEqual([1, 2, 3, 4]);
    for (const r of result.rejected) expect(r.reason.length).toBeGreaterThan(0);
  });

  it("admits the reserved testing names only when asked", () => {
    expect(normalizeRunDomains(["acme.test"]).ok).toBe(false);
    expect(normalizeRunDomains(["acme.test"], { allowReservedNames: true })).toMatchObject({ ok: true });
  });
});
