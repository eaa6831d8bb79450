import { describe, expect, it } from "vitest";
import {
  applyPattern,
  type EmailPattern,
  emailPatterns,
  patternsMatching,
  priorPatternOrder,
  priorPatternShares,
} from "./patterns.ts";

const annaWeber: [EmailPattern, string][] = [
  ["first.last", "anna.weber"],
  ["firstlast", "annaweber"],
  ["flast", "aweber"],
  ["f.last", "a.weber"],
  ["first", "anna"],
  ["last", "weber"],
  ["first_last", "anna_weber"],
  ["first-last", "anna-weber"],
  ["firstl", "annaw"],
  ["lastfirst", "weberanna"],
  ["last.first", "weber.anna"],
  ["lastf", "webera"],
];

describe("applyPattern", () => {
  it("covers every pattern", () => {
    expect(annaWeber.map(([pattern]) => pattern).sort()).toEqual([...emailPatterns].sort());
  });

  it.each(annaWeber)("%s -> %s", (pattern, local) => {
    expect(applyPattern(pattern, "anna", "weber")).toBe(local);
  });
});

describe("patternsMatching", () => {
  it.each(annaWeber)("recognises %s in %s", (pattern, local) => {
    expect(patternsMatching(local, "Anna", "Weber")).toEqual([pattern]);
  });

  it.each([
    // Any spelling of the name counts
    ["amueller", "Anna", "Müller", ["flast"]],
    ["anna.muller", "Anna", "Müller", ["first.last"]],
    ["joerg.mueller-schmidt", "Jörg", "Müller-Schmidt", ["first.last"]],
    ["jorg.muellerschmidt", "Jörg", "Müller-Schmidt", ["first.last"]],
    ["jan.vanderberg", "Jan", "van der Berg", ["first.last"]],
    ["jan.berg", "Jan", "van der Berg", ["first.last"]],
    ["cobrien", "Conan", "O'Brien", ["flast"]],
    ["jeanluc.picard", "Jean-Luc", "Picard", ["first.last"]],
    ["jean-luc.picard", "Jean-Luc", "Picard", ["first.last"]],
    ["maria.garcia", "María", "García López", ["first.last"]],
    // Case and +tags do not matter
    ["Anna.Weber", "Anna", "Weber", ["first.last"]],
    ["anna.weber+crm", "Anna", "Weber", ["first.last"]],
    // Ties: a one-letter first name makes flast and firstlast the same address
    ["aweber", "A", "Weber", ["firstlast", "flast"]],
    ["a.weber", "A", "Weber", ["first.last", "f.last"]],
    ["webera", "A", "Weber", ["lastfirst", "lastf"]],
    // Addresses no pattern explains
    ["anna.weber2", "Anna", "Weber", []],
    ["aw", "Anna", "Weber", []],
    ["", "Anna", "Weber", []],
    ["anna", "", "", []],
  ] as const)("%s for %s %s -> %j", (local, first, last, expected) => {
    expect(patternsMatching(local, first, last)).toEqual(expected);
  });
});

describe("prior", () => {
  it("orders every pattern by non-increasing share, summing to less than 1", () => {
    expect([...priorPatternOrder].sort()).toEqual([...emailPatterns].sort());
    const shares = priorPatternOrder.map((pattern) => priorPatternShares[pattern]);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(shares.reduce((a, b) => a + b, 0)).toBeLessThan(1);
  });
});
