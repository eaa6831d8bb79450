import { describe, expect, it } from "vitest";
import { type EmailCandidate, generateCandidates, PRIOR_PATTERN_ORDER } from "./candidates.ts";
import { inferEmailPattern } from "./infer.ts";

const annaWeber = { first: "Anna", last: "Weber" };
const annaMueller = { first: "Anna", last: "Müller" };

/** Evidence built from explicit addresses so every pair matches exactly one pattern. */
function evidence(addresses: [string, string, string][]) {
  return inferEmailPattern(addresses.map(([first, last, email]) => ({ first, last, email })));
}

const flastOnce = evidence([["Tom", "Baker", "tbaker@acme.com"]]);
const firstLastOnce = evidence([["Tom", "Baker", "tom.baker@acme.com"]]);
const firstLastTenTimes = evidence(
  ["Tom", "Eva", "Jan", "Liz", "Max", "Ida", "Ola", "Kai", "Uma", "Ben"].map((first) => [
    first,
    "Baker",
    `${first.toLowerCase()}.baker@acme.com`,
  ]),
);
const mostlyFlastSomeFirst = evidence([
  ["Tom", "Baker", "tbaker@acme.com"],
  ["Eva", "Stone", "estone@acme.com"],
  ["Jan", "Kowalski", "jkowalski@acme.com"],
  ["Liz", "Grant", "lgrant@acme.com"],
  ["Max", "Brandt", "max@acme.com"],
  ["Ida", "Holm", "ida@acme.com"],
]);

const emails = (candidates: EmailCandidate[]) => candidates.map((candidate) => candidate.email);

describe("PRIOR_PATTERN_ORDER", () => {
  it("is the documented order", () => {
    expect(PRIOR_PATTERN_ORDER).toEqual([
      ...["first.last", "flast", "first", "firstlast", "f.last", "lastf", "first_last", "last.first"],
      ...["firstl", "lastfirst", "first-last", "last"],
    ]);
  });
});

describe("generateCandidates", () => {
  it("follows the prior without evidence", () => {
    expect(generateCandidates(annaWeber, "acme.com", null)).toEqual([
      { email: "anna.weber@acme.com", pattern: "first.last", probability: 0.36 },
      { email: "aweber@acme.com", pattern: "flast", probability: 0.18 },
      { email: "anna@acme.com", pattern: "first", probability: 0.12 },
      { email: "annaweber@acme.com", pattern: "firstlast", probability: 0.08 },
      { email: "a.weber@acme.com", pattern: "f.last", probability: 0.06 },
      { email: "webera@acme.com", pattern: "lastf", probability: 0.03 },
      { email: "anna_weber@acme.com", pattern: "first_last", probability: 0.03 },
      { email: "weber.anna@acme.com", pattern: "last.first", probability: 0.02 },
    ]);
  });

  it("offers both spellings of an umlaut, the expanded one first", () => {
    expect(emails(generateCandidates(annaMueller, "acme.de", null, { max: 5 }))).toEqual([
      "anna.mueller@acme.de",
      "anna.muller@acme.de",
      "amueller@acme.de",
      "anna@acme.de",
      "amuller@acme.de",
    ]);
  });

  it.each([
    ["one flast address", flastOnce, annaWeber, "aweber@acme.com", "flast", 0.4533],
    ["one first.last address", firstLastOnce, annaWeber, "anna.weber@acme.com", "first.last", 0.5733],
    ["ten first.last addresses", firstLastTenTimes, annaWeber, "anna.weber@acme.com", "first.last", 0.8933],
    [
      "ten first.last addresses, umlaut",
      firstLastTenTimes,
      annaMueller,
      "anna.mueller@acme.com",
      "first.last",
      0.5956,
    ],
    ["mostly flast", mostlyFlastSomeFirst, annaWeber, "aweber@acme.com", "flast", 0.545],
  ] as const)(
    "puts the inferred pattern first with %s",
    (_, inference, person, email, pattern, probability) => {
      const [top] = generateCandidates(person, "acme.com", inference);
      expect(top?.email).toBe(email);
      expect(top?.pattern).toBe(pattern);
      expect(top?.probability).toBeCloseTo(probability, 4);
    },
  );

  it("ranks other observed patterns before unobserved ones the prior favours", () => {
    const candidates = generateCandidates(annaWeber, "acme.com", mostlyFlastSomeFirst, { max: 3 });
    expect(candidates.map((candidate) => candidate.pattern)).toEqual(["flast", "first", "first.last"]);
  });

  it("merges addresses several patterns produce, keeping the likelier pattern", () => {
    const candidates = generateCandidates({ first: "A", last: "Weber" }, "acme.com", null, { max: 3 });
    expect(candidates).toEqual([
      { email: "a.weber@acme.com", pattern: "first.last", probability: 0.42 },
      { email: "aweber@acme.com", pattern: "flast", probability: 0.26 },
      { email: "a@acme.com", pattern: "first", probability: 0.12 },
    ]);
  });

  it.each([
    ["no last name", { first: "Anna", last: "" }, ["anna@acme.com"]],
    ["no first name", { first: "", last: "Weber" }, ["weber@acme.com"]],
    ["no Latin letters", { first: "伟", last: "王" }, []],
  ])("builds only what it can with %s", (_, person, expected) => {
    expect(emails(generateCandidates(person, "acme.com", null))).toEqual(expected);
  });

  it.each([
    [undefined, 8],
    [3, 3],
    [20, 12],
    [0, 0],
  ])("returns at most max=%s candidates", (max, expected) => {
    expect(generateCandidates(annaWeber, "acme.com", null, max === undefined ? {} : { max })).toHaveLength(
      expected,
    );
  });

  it("normalises the domain", () => {
    expect(generateCandidates(annaWeber, " @ACME.com ", null, { max: 1 })[0]?.email).toBe(
      "anna.weber@acme.com",
    );
  });

  it.each([
    ["prior", annaWeber, null],
    ["prior, umlaut", annaMueller, null],
    ["prior, double surname", { first: "María José", last: "García López" }, null],
    ["strong evidence", annaMueller, firstLastTenTimes],
    ["weak evidence", { first: "Jörg", last: "Müller-Schmidt" }, flastOnce],
    ["mixed evidence", { first: "Jan", last: "van der Berg" }, mostlyFlastSomeFirst],
    [
      "ambiguous evidence",
      annaWeber,
      evidence([
        ["A", "Weber", "aweber@acme.com"],
        ["Tom", "Baker", "tbaker@acme.com"],
      ]),
    ],
  ])("keeps %s candidates unique, sorted and summing to at most 1", (_, person, inference) => {
    const candidates = generateCandidates(person, "acme.com", inference, { max: 50 });
    const probabilities = candidates.map((candidate) => candidate.probability);
    expect(new Set(emails(candidates)).size).toBe(candidates.length);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    expect(probabilities.every((p) => p > 0)).toBe(true);
  });
});
