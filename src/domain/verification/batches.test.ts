import { describe, expect, it } from "vitest";
import { packByDomain } from "./batches.ts";

const addresses = (domain: string, n: number) => Array.from({ length: n }, (_, i) => `p${i}@${domain}`);
const domainsOf = (batch: string[]) => new Set(batch.map((email) => email.split("@")[1]));

describe("packByDomain", () => {
  it("keeps every domain in one request when each fits", () => {
    // Interleaved, as a finder emits them: a, b, c, a, b, c, ...
    const groups = [addresses("a.test", 90), addresses("b.test", 96), addresses("c.test", 85)];
    const unique = Array.from({ length: 96 }, (_, i) => groups.map((g) => g[i]))
      .flat()
      .filter((e) => e !== undefined);
    const batches = packByDomain(unique, 200);
    expect(batches.flat().sort()).toEqual([...unique].sort());
    for (const domain of ["a.test", "b.test", "c.test"]) {
      expect(batches.filter((b) => domainsOf(b).has(domain))).toHaveLength(1);
    }
    expect(batches.every((b) => b.length <= 200)).toBe(true);
  });

  it("splits nine domains of about 90 into two requests of at most 500 without cutting a domain", () => {
    const emails = ["a", "b", "c", "d", "e", "f", "g", "h", "i"].flatMap((d, i) =>
      addresses(`${d}.test`, 84 + i * 2),
    );
    const batches = packByDomain(emails, 500);
    expect(batches).toHaveLength(2);
    expect(batches.flat()).toHaveLength(emails.length);
    const seen = batches.flatMap((b) => [...domainsOf(b)]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("gives a domain larger than a request whole requests of its own", () => {
    const batches = packByDomain([...addresses("big.test", 1_050), ...addresses("small.test", 3)], 500);
    expect(batches.map((b) => b.length).sort((x, y) => x - y)).toEqual([53, 500, 500]);
    expect(batches.flat()).toHaveLength(1_053);
  });

  it("treats the domain case-insensitively and rejects a bad limit", () => {
    expect(packByDomain(["a@X.test", "b@x.TEST"], 1)).toHaveLength(2);
    expect(packByDomain(["a@X.test", "b@x.TEST"], 2)).toEqual([["a@X.test", "b@x.TEST"]]);
    expect(() => packByDomain([], 0)).toThrow(RangeError);
    expect(packByDomain([], 5)).toEqual([]);
  });
});
