/**
 * The sample world of the demo and benchmarks: the same seed gives the same
 * world, its hard cases are mixed in as `caseMix` says, its answer key
 * agrees with its websites, and its mail world (asked through the real
 * sidecar) gives every address the verdict the key expects: valid, invalid
 * (left, disabled), full, catch-all, greylisted then valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreAgainstTruth } from "../../scripts/lib/sample-score.ts";
import {
  caseKinds,
  caseMix,
  generateSampleWorld,
  localPart,
  type RunningSampleWorld,
  SAMPLE_GREYLIST_RETRY_MS,
  type SampleCompany,
  type SamplePerson,
  samplePatterns,
  startSampleWorld,
} from "../../scripts/lib/sample-world.ts";
import { byEmail, testApp, testConfig, verify } from "../../workers/smtp-sidecar/test/support/sidecar.ts";

const isOrdinary = (p: SamplePerson) => p.mailbox === "active" && !p.accented;

describe("generateSampleWorld", () => {
  it("is deterministic: the same options give the same world, another seed another", () => {
    expect(generateSampleWorld({ companies: 8, seed: 3 })).toEqual(
      generateSampleWorld({ companies: 8, seed: 3 }),
    );
    expect(generateSampleWorld({ companies: 8, seed: 4 })).not.toEqual(
      generateSampleWorld({ companies: 8, seed: 3 }),
    );
  });

  it("mixes the patterns and the hard cases as caseMix says, each person's address in ASCII under the pattern", () => {
    const world = generateSampleWorld({ companies: 50, seed: 9 });
    const mix = caseMix(50);
    expect(new Set(world.companies.map((c) => c.domain)).size).toBe(50);
    expect(new Set(world.companies.map((c) => c.pattern))).toEqual(new Set(samplePatterns));
    const withDifficulty = (d: string) => world.companies.filter((c) => c.difficulty === d);
    for (const [d, n] of Object.entries(mix.companies)) expect([d, withDifficulty(d).length]).toEqual([d, n]);
    expect(world.companies.filter((c) => c.catchAll)).toEqual(withDifficulty("catch_all"));
    expect(world.companies.filter((c) => c.greylist)).toEqual(withDifficulty("greylist"));
    const people = world.companies.flatMap((c) => c.people);
    const withMailbox = (m: SamplePerson["mailbox"]) => people.filter((p) => p.mailbox === m).length;
    expect([withMailbox("left"), withMailbox("full"), withMailbox("disabled")]).toEqual([
      mix.people.left,
      mix.people.full,
      mix.people.disabled,
    ]);
    expect(people.filter((p) => p.accented)).toHaveLength(mix.people.accented);
    for (const c of world.companies) {
      expect(c.domain).toMatch(/^[a-z0-9-]+\.test$/);
      expect(c.people.length).toBeGreaterThanOrEqual(4);
      const published = c.people.filter((p) => p.published).length;
      if (c.difficulty === "no_published") expect(published).toBe(0);
      else if (c.difficulty === "one_published") expect(published).toBe(1);
      else expect(published).toBeGreaterThanOrEqual(2);
      expect(published).toBeLessThan(c.people.length);
      // Person cases only at plain companies; whoever left is still on the site.
      if (c.difficulty !== "plain") expect(c.people.every(isOrdinary)).toBe(true);
      for (const p of c.people) {
        expect(p.email).toBe(`${localPart(c.pattern, p.first, p.last)}@${c.domain}`);
        expect(p.email).toMatch(/^[a-z][a-z.-]*@[a-z0-9.-]+$/);
        if (p.mailbox === "left") expect(p.published).toBe(true);
      }
      expect(new Set(c.people.map((p) => p.email)).size).toBe(c.people.length);
    }
    expect(new Set(world.companies.map((c) => c.mx.ip)).size).toBe(50);
  });

  it("writes names in ASCII as mail administrators do: umlauts expanded, other marks dropped, hyphens kept", () => {
    expect(localPart("first.last", "Björn", "Müller-Lüdenscheidt")).toBe("bjoern.mueller-luedenscheidt");
    expect(localPart("flast", "Søren", "Åberg")).toBe("saberg");
    expect(localPart("f.last", "Łukasz", "O'Brien")).toBe("l.obrien");
    expect(localPart("firstlast", "Frédéric", "Groß")).toBe("fredericgross");
    expect(localPart("first", "Renée", "Núñez")).toBe("renee");
  });

  it("keeps the default demo world small and quick: the catch-all and a few person cases, no greylisting", () => {
    const world = generateSampleWorld({ companies: 6, seed: 1 });
    expect(world.companies.map((c) => c.difficulty).sort()).toEqual(["catch_all", ...Array(5).fill("plain")]);
    const people = world.companies.flatMap((c) => c.people);
    expect(people.filter((p) => !isOrdinary(p)).map((p) => (p.accented ? "accented" : p.mailbox))).toEqual(
      expect.arrayContaining(["left", "full", "accented"]),
    );
    expect(people.filter((p) => !isOrdinary(p))).toHaveLength(3);
  });

  it("has an answer key of every person and shared mailbox with the verdict the mailbox really gives", () => {
    const world = generateSampleWorld({ companies: 50, seed: 9 });
    const entries = world.companies.reduce((n, c) => n + c.people.length + c.generic.length, 0);
    expect(world.truth).toHaveLength(entries);
    expect(new Set(world.truth.map((t) => t.kind))).toEqual(new Set(caseKinds));
    const companyOf = new Map<string, SampleCompany>(world.companies.map((c) => [c.domain, c]));
    for (const t of world.truth) {
      const c = companyOf.get(t.domain)!;
      const person = c.people.find((p) => p.email === t.email);
      const mailbox = person?.mailbox ?? "active";
      const expected = c.catchAll
        ? "risky_catch_all"
        : { active: "valid", left: "invalid", disabled: "invalid", full: "risky_full_inbox" }[mailbox];
      expect([t.email, t.expected]).toEqual([t.email, expected]);
      expect(t.published).toBe(person ? person.published : true);
      if (c.catchAll || c.greylist) expect(t.kind).toBe(c.difficulty);
      else if (!person) expect(t.kind).toBe("generic");
    }
  });

  it("scores leads against the key: right, missing, other verdict, wrong guesses", () => {
    const world = generateSampleWorld({ companies: 2, seed: 5 });
    const [a, b] = world.truth.filter((t) => t.name);
    const lead = (email: string, status: string) => ({
      email,
      full_name: null,
      company_domain: email.split("@")[1]!,
      verify_status: status,
    });
    const score = scoreAgainstTruth(world, [
      lead(a!.email, a!.expected),
      lead(b!.email, "invalid"),
      lead(`nobody@${a!.domain}`, "invalid"),
    ]);
    expect(score).toMatchObject({ right: 1, total: world.truth.length });
    expect(score.wrongStatus).toEqual([{ entry: b, status: "invalid" }]);
    expect(score.unexpected.map((u) => u.email)).toEqual([`nobody@${a!.domain}`]);
    expect(score.wrongClaims).toEqual([]);
    expect(score.missing).toHaveLength(world.truth.length - 2);
    const kinds = Object.values(score.byKind);
    expect(kinds.reduce((n, k) => n + k.total, 0)).toBe(world.truth.length);
    expect(kinds.reduce((n, k) => n + k.right, 0)).toBe(1);
    expect(score.byKind[a!.kind]!.right).toBe(1);
  });

  it("says what a run chose instead of a missed address, and which wrong guesses it presented as deliverable", () => {
    const world = generateSampleWorld({ companies: 2, seed: 5 });
    const person = world.truth.find((t) => t.name && t.expected === "valid")!;
    const instead = {
      email: `someone.else@${person.domain}`,
      full_name: person.name,
      company_domain: person.domain,
      verify_status: "valid",
    };
    const score = scoreAgainstTruth(world, [
      instead,
      {
        email: `x@${person.domain}`,
        full_name: null,
        company_domain: person.domain,
        verify_status: "invalid",
      },
    ]);
    expect(score.chosenInstead).toEqual([{ entry: person, lead: instead }]);
    expect(score.wrongClaims).toEqual([instead]);
  });
});

describe("startSampleWorld", () => {
  let sample: RunningSampleWorld;
  beforeAll(async () => {
    // 12 companies: every hard case of caseMix, greylisting included.
    sample = await startSampleWorld({ companies: 12, seed: 11, loopbackPrefix: "127.78" });
  });
  afterAll(() => sample?.close());

  const page = async (host: string, path: string) => {
    const res = await fetch(`${sample.webOrigin}${path}`, { headers: { "X-Forwarded-Host": host } });
    return { status: res.status, body: await res.text() };
  };

  it("serves each company's site by host: people with titles, published addresses only, the shared mailbox", async () => {
    for (const c of sample.world.companies) {
      const people = await page(c.domain, c.peoplePath);
      expect(people.status).toBe(200);
      for (const p of c.people) {
        expect(people.body).toContain(p.name);
        expect(people.body).toContain(p.title);
        expect(people.body.includes(p.email)).toBe(p.published);
      }
      expect((await page(`www.${c.domain}`, "/contact/")).body).toContain(`mailto:${c.generic[0]}`);
      expect((await page(c.domain, "/")).body).toContain(`href="${c.peoplePath}"`);
      expect((await page(c.domain, "/robots.txt")).body).toContain("Allow: /");
      expect((await page(c.domain, "/nowhere")).status).toBe(404);
    }
    expect((await page("unknown.test", "/")).status).toBe(404);
  });

  it("points the stack at itself", () => {
    expect(sample.stackEnv).toEqual({
      ALLOW_PRIVATE_TARGETS: "true",
      CRAWL_ORIGIN_OVERRIDE: `*.test=${sample.webOrigin}`,
      DNS_SERVERS: sample.mail.dnsServer,
      SMTP_PORT: String(sample.mail.smtpPort),
      GREYLIST_RETRY_MS: String(SAMPLE_GREYLIST_RETRY_MS),
      DOH_URL: `${sample.webOrigin}/dns-query`,
      ENRICH_RDAP: "false",
      ENRICH_WAYBACK: "false",
    });
  });

  it("answers DNS over HTTPS (JSON) from the world's DNS, for company enrichment", async () => {
    const company = sample.world.companies[0]!;
    const ask = async (name: string, type: string) =>
      (await fetch(`${sample.webOrigin}/dns-query?name=${name}&type=${type}`)).json() as Promise<{
        Status: number;
        Answer?: { type: number; data: string }[];
      }>;
    const mx = await ask(company.domain, "MX");
    expect(mx.Status).toBe(0);
    expect(mx.Answer).toEqual([
      expect.objectContaining({ type: 15, data: expect.stringContaining(company.mx.name) }),
    ]);
    expect((await ask("nowhere-at-all.test", "MX")).Status).toBe(3);
  });

  it("gives every address of the key its expected verdict through the real sidecar, and wrong guesses invalid", async () => {
    // The sidecar as the stack runs it here: greylisted addresses retried within the request.
    const app = testApp(testConfig(sample.mail, { greylistRetryMs: SAMPLE_GREYLIST_RETRY_MS }));
    const truth = sample.world.truth;
    expect(new Set(truth.map((t) => t.expected))).toEqual(
      new Set(["valid", "invalid", "risky_catch_all", "risky_full_inbox"]),
    );
    expect(sample.world.companies.some((c) => c.greylist)).toBe(true);
    const guesses = sample.world.companies
      .filter((c) => !c.catchAll)
      .map(
        (c) =>
          `${localPart(c.pattern === "first" ? "flast" : "first", c.people[0]!.first, c.people[0]!.last)}@${c.domain}`,
      );
    const verdicts = byEmail(await verify(app, [...truth.map((t) => t.email), ...guesses], 8000));
    for (const t of truth) expect([t.email, verdicts[t.email]?.status]).toEqual([t.email, t.expected]);
    for (const g of guesses) expect([g, verdicts[g]?.status]).toEqual([g, "invalid"]);
  }, 30_000);
});
