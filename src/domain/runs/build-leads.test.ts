import { describe, expect, it } from "vitest";
import type { DomainFindings, DomainPerson } from "../extract/merge.ts";
import {
  type AddressOutcome,
  addressesToVerify,
  buildLeads,
  mergeSources,
  NOT_VERIFIED,
  secondRoundAddresses,
} from "./build-leads.ts";

const seen = (url: string, at = "2026-01-01T00:00:00.000Z") => ({ url, first_seen_at: at, last_seen_at: at });

function person(name: string, email: string | null, candidates: string[] = []): DomainPerson {
  const [first = "", last = ""] = name.split(" ");
  return {
    name,
    first,
    last,
    title: "Head of Sales",
    seniority: "head",
    department: "sales",
    email,
    profiles: [],
    found_by: ["card"],
    sources: [seen("https://acme.test/team")],
    candidates: candidates.map((e, i) => ({
      email: e,
      pattern: i === 0 ? "first.last" : "flast",
      probability: 0.5 - i * 0.1,
    })),
  };
}

const findings: DomainFindings = {
  domain: "acme.test",
  emails: [
    {
      email: "ann.lee@acme.test",
      type: "personal",
      person: "Ann Lee",
      found_by: ["mailto"],
      sources: [seen("https://acme.test/team")],
    },
    {
      email: "info@acme.test",
      type: "generic",
      person: null,
      found_by: ["text"],
      sources: [seen("https://acme.test/contact")],
    },
  ],
  people: [
    person("Ann Lee", "ann.lee@acme.test"),
    person("Bob Stone", null, ["bob.stone@acme.test", "bstone@acme.test", "bob@acme.test"]),
  ],
  pattern: { domain: "acme.test", sample: 1, shares: [], best: null, mixed: false },
  mailDomains: [],
};

const verdicts =
  (map: Record<string, string>) =>
  (email: string): AddressOutcome =>
    map[email]
      ? { status: map[email]!, reason: `r_${map[email]}`, checked_at: "2026-01-02T00:00:00.000Z" }
      : NOT_VERIFIED;

describe("buildLeads", () => {
  it("makes one lead per person and per remaining published address", () => {
    const leads = buildLeads(findings, "full", verdicts({}));
    expect(leads.map((l) => l.email)).toEqual(["ann.lee@acme.test", "bob.stone@acme.test", "info@acme.test"]);
    expect(leads[2]).toMatchObject({ type: "generic", full_name: null, email_source: "published" });
    expect(leads[0]).toMatchObject({
      type: "personal",
      email_source: "published",
      first_name: "Ann",
      company: "Acme",
    });
  });

  it("picks the verified candidate over a likelier one, keeping the others as alternatives", () => {
    const leads = buildLeads(
      findings,
      "full",
      verdicts({ "bob.stone@acme.test": "invalid", "bstone@acme.test": "valid", "bob@acme.test": "invalid" }),
    );
    const bob = leads.find((l) => l.full_name === "Bob Stone")!;
    expect(bob).toMatchObject({
      email: "bstone@acme.test",
      email_source: "generated",
      pattern: "flast",
      verify_status: "valid",
      confidence: 95,
    });
    expect(bob.alternatives.map((a) => [a.email, a.verify_status])).toEqual([
      ["bob.stone@acme.test", "invalid"],
      ["bob@acme.test", "invalid"],
    ]);
  });

  it("falls back to the most likely candidate when none is verified", () => {
    const bob = buildLeads(findings, "generate", verdicts({})).find((l) => l.full_name === "Bob Stone")!;
    expect(bob).toMatchObject({
      email: "bob.stone@acme.test",
      verify_status: "unknown",
      verify_reason: "not_verified",
      confidence: 50,
    });
  });

  it("guesses nothing in autodiscovery mode", () => {
    const leads = buildLeads(findings, "autodiscovery", verdicts({}));
    expect(leads.some((l) => l.full_name === "Bob Stone")).toBe(false);
    expect(addressesToVerify(findings, "autodiscovery").sort()).toEqual([
      "ann.lee@acme.test",
      "info@acme.test",
    ]);
    expect(addressesToVerify(findings, "full")).toHaveLength(5);
  });

  it("merges sources by URL, earliest first seen and latest last seen", () => {
    const merged = mergeSources(
      [seen("https://a.test/", "2026-01-02T00:00:00.000Z")],
      [
        seen("https://a.test/", "2026-01-01T00:00:00.000Z"),
        seen("https://a.test/b", "2026-01-03T00:00:00.000Z"),
      ],
    );
    expect(merged).toEqual([
      {
        url: "https://a.test/",
        first_seen_at: "2026-01-01T00:00:00.000Z",
        last_seen_at: "2026-01-02T00:00:00.000Z",
      },
      seen("https://a.test/b", "2026-01-03T00:00:00.000Z"),
    ]);
  });
  it("verifies the next candidates when the likeliest four are all refused, and picks a valid one among them", () => {
    const eight = ["b.stone", "bob.stone", "bstone", "bob", "bobstone", "stone", "bob_stone", "stoneb"].map(
      (l) => `${l}@acme.test`,
    );
    const rare: DomainFindings = { ...findings, people: [person("Bob Stone", null, eight)] };
    const firstFour = Object.fromEntries(eight.slice(0, 4).map((e) => [e, "invalid"]));
    expect(secondRoundAddresses(rare, "full", verdicts(firstFour))).toEqual(eight.slice(4));
    // Not when one of the first four is anything but invalid (unknown, catch-all...), nor without guessing.
    expect(
      secondRoundAddresses(rare, "full", verdicts({ ...firstFour, [eight[2]!]: "unknown_timeout" })),
    ).toEqual([]);
    expect(secondRoundAddresses(rare, "autodiscovery", verdicts(firstFour))).toEqual([]);
    const all = {
      ...firstFour,
      [eight[4]!]: "invalid",
      [eight[5]!]: "valid",
      [eight[6]!]: "invalid",
      [eight[7]!]: "invalid",
    };
    const bob = buildLeads(rare, "full", verdicts(all)).find((l) => l.full_name === "Bob Stone")!;
    expect(bob).toMatchObject({ email: "stone@acme.test", verify_status: "valid" });
    expect(bob.alternatives).toHaveLength(7);
  });
});
