import { describe, expect, it } from "vitest";
import { inferEmailPattern, type NamedEmail, wilsonLowerBound } from "./infer.ts";

const people: [string, string][] = [
  ["Anna", "Weber"],
  ["Jörg", "Müller"],
  ["Jan", "van der Berg"],
  ["María", "García López"],
  ["Conan", "O'Brien"],
  ["Søren", "Kierkegaard"],
  ["Jean-Luc", "Picard"],
  ["Zoë", "Saldaña"],
  ["Łukasz", "Kowalski"],
  ["Ahmed", "al-Rashid"],
];

/** The first `count` people with addresses built by `local`. */
function staff(count: number, domain: string, local: (first: string, last: string) => string): NamedEmail[] {
  return people
    .slice(0, count)
    .map(([first, last]) => ({ first, last, email: `${local(first, last)}@${domain}` }));
}

const ascii = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFD")
    .replace(/ł/g, "l")
    .replace(/ø/g, "o")
    .replace(/[^a-z-]/g, "");
const firstDotLast = (first: string, last: string) => `${ascii(first)}.${ascii(last)}`;
const initialLast = (first: string, last: string) => `${ascii(first).charAt(0)}${ascii(last)}`;

describe("inferEmailPattern", () => {
  it.each([
    ["ten of ten first.last", staff(10, "acme.com", firstDotLast), "first.last", 10, 1, 0.7225],
    ["one flast", staff(1, "acme.com", initialLast), "flast", 1, 1, 0.2065],
    [
      "nine first.last, one flast",
      [...staff(9, "acme.com", firstDotLast), { first: "Zoe", last: "Baker", email: "zbaker@acme.com" }],
      "first.last",
      10,
      0.9,
      0.5958,
    ],
    [
      "five first.last, five unexplained",
      [...staff(5, "acme.com", firstDotLast), ...staff(5, "acme.com", (first) => `${ascii(first)}2024`)],
      "first.last",
      10,
      0.5,
      0.2366,
    ],
    [
      "a tie goes to the pattern the prior favours",
      [
        { first: "Anna", last: "Weber", email: "aweber@acme.com" },
        { first: "Jan", last: "Kowalski", email: "jan.kowalski@acme.com" },
      ],
      "first.last",
      2,
      0.5,
      wilsonLowerBound(1, 2),
    ],
  ] as const)("%s", (_, pairs, pattern, sample, share, confidence) => {
    const inference = inferEmailPattern([...pairs]);
    expect(inference.domain).toBe("acme.com");
    expect(inference.sample).toBe(sample);
    expect(inference.best?.pattern).toBe(pattern);
    expect(inference.best?.share).toBeCloseTo(share, 4);
    expect(inference.best?.confidence).toBeCloseTo(confidence, 4);
  });

  it("recognises every spelling of names with diacritics, particles and apostrophes", () => {
    const pairs: NamedEmail[] = [
      { first: "Jörg", last: "Müller", email: "joerg.mueller@acme.de" },
      { first: "Jan", last: "van der Berg", email: "jan.vanderberg@acme.de" },
      { first: "María", last: "García López", email: "maria.garcia@acme.de" },
      { first: "Conan", last: "O'Brien", email: "conan.obrien@acme.de" },
      { first: "Søren", last: "Kierkegaard", email: "soren.kierkegaard@acme.de" },
      { first: "Ahmed", last: "al-Rashid", email: "ahmed.alrashid@acme.de" },
    ];
    expect(inferEmailPattern(pairs)).toEqual({
      domain: "acme.de",
      sample: 6,
      shares: [{ pattern: "first.last", matches: 6, share: 1 }],
      best: { pattern: "first.last", share: 1, confidence: wilsonLowerBound(6, 6) },
      mixed: false,
    });
  });

  it("counts only the majority domain, case-insensitively", () => {
    const pairs: NamedEmail[] = [
      ...staff(4, "acme.com", initialLast),
      { first: "Jan", last: "Kowalski", email: "Jan.Kowalski@ACME.com" },
      { first: "Tom", last: "Baker", email: "tom.baker@gmail.com" },
      { first: "Eve", last: "Stone", email: "eve.stone@gmail.com" },
      { first: "Liz", last: "Grant", email: "liz.grant@agency.io" },
    ];
    const inference = inferEmailPattern(pairs);
    expect(inference.domain).toBe("acme.com");
    expect(inference.sample).toBe(5);
    expect(inference.shares).toEqual([
      { pattern: "flast", matches: 4, share: 0.8 },
      { pattern: "first.last", matches: 1, share: 0.2 },
    ]);
  });

  it("splits an ambiguous pair between the patterns it fits", () => {
    const pairs: NamedEmail[] = [
      { first: "A", last: "Weber", email: "aweber@acme.com" },
      { first: "Jan", last: "Kowalski", email: "jkowalski@acme.com" },
      { first: "Tom", last: "Baker", email: "tbaker@acme.com" },
    ];
    const inference = inferEmailPattern(pairs);
    expect(inference.shares).toEqual([
      { pattern: "flast", matches: 2.5, share: 2.5 / 3 },
      { pattern: "firstlast", matches: 0.5, share: 0.5 / 3 },
    ]);
    expect(inference.best?.pattern).toBe("flast");
    expect(inference.best?.confidence).toBeCloseTo(0.31, 2);
  });

  it("ignores shared mailboxes and malformed addresses", () => {
    const pairs: NamedEmail[] = [
      ...staff(2, "acme.com", firstDotLast),
      { first: "Anna", last: "Weber", email: "info@acme.com" },
      { first: "Anna", last: "Weber", email: "sales+web@acme.com" },
      { first: "Anna", last: "Weber", email: "noreply-team@acme.com" },
      { first: "Anna", last: "Weber", email: "12345@acme.com" },
      { first: "Anna", last: "Weber", email: "anna.weber" },
      { first: "Anna", last: "Weber", email: "@acme.com" },
      { first: "Anna", last: "Weber", email: "anna weber@acme.com" },
    ];
    const inference = inferEmailPattern(pairs);
    expect(inference.sample).toBe(2);
    expect(inference.best).toMatchObject({ pattern: "first.last", share: 1 });
  });

  it.each([
    ["no pairs", [], null, 0],
    ["only malformed addresses", [{ first: "Anna", last: "Weber", email: "not an email" }], null, 0],
    ["no pattern fits", staff(3, "acme.com", (first) => `${ascii(first)}.x`), "acme.com", 3],
  ] as const)("has no best pattern with %s", (_, pairs, domain, sample) => {
    expect(inferEmailPattern([...pairs])).toEqual({ domain, sample, shares: [], best: null, mixed: false });
  });
});

describe("wilsonLowerBound", () => {
  it.each([
    [0, 0, 0],
    [0, 5, 0],
    [1, 1, 0.2065],
    [9, 10, 0.5958],
    [10, 10, 0.7225],
    [50, 50, 0.9286],
    [5, 10, 0.2366],
  ])("%s of %s -> %s", (successes, trials, expected) => {
    expect(wilsonLowerBound(successes, trials)).toBeCloseTo(expected, 4);
  });

  it("is more confident in 9 of 10 than in 1 of 1", () => {
    expect(wilsonLowerBound(9, 10)).toBeGreaterThan(wilsonLowerBound(1, 1) * 2);
  });

  it("says when a domain mixes patterns", () => {
    const mixed = inferEmailPattern([
      { first: "Tom", last: "Ashford", email: "tom@al.test" },
      { first: "Claire", last: "Lowe", email: "claire@al.test" },
      { first: "Marcus", last: "Chen", email: "marcus.chen@al.test" },
      { first: "Aisha", last: "Rahman", email: "aisha.rahman@al.test" },
    ]);
    expect(mixed.mixed).toBe(true);
    const clear = inferEmailPattern([
      { first: "Tom", last: "Ashford", email: "tom.ashford@al.test" },
      { first: "Claire", last: "Lowe", email: "claire.lowe@al.test" },
      { first: "Marcus", last: "Chen", email: "marcus.chen@al.test" },
      { first: "Aisha", last: "Rahman", email: "arahman@al.test" },
    ]);
    expect(clear.mixed).toBe(false);
    expect(clear.best?.pattern).toBe("first.last");
  });
});
