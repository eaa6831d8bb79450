/**
 * The sample world of the demo and benchmarks: the same seed gives the same
 * world, its answer key agrees with its websites, and its mail world (asked
 * through the real sidecar) gives every address the verdict the key expects.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  generateSampleWorld,
  localPart,
  type RunningSampleWorld,
  samplePatterns,
  scoreAgainstTruth,
  startSampleWorld,
} from "../../scripts/lib/sample-world.ts";
import { byEmail, testApp, testConfig, verify } from "../../workers/smtp-sidecar/test/support/sidecar.ts";

describe("generateSampleWorld", () => {
  it("is deterministic: the same options give the same world, another seed another", () => {
    expect(generateSampleWorld({ companies: 8, seed: 3 })).toEqual(
      generateSampleWorld({ companies: 8, seed: 3 }),
    );
    expect(generateSampleWorld({ companies: 8, seed: 4 })).not.toEqual(
      generateSampleWorld({ companies: 8, seed: 3 }),
    );
  });

  it("mixes the patterns, has one catch-all company, and publishes some addresses but not all", () => {
    const world = generateSampleWorld({ companies: 50, seed: 9 });
    expect(new Set(world.companies.map((c) => c.domain)).size).toBe(50);
    expect(new Set(world.companies.map((c) => c.pattern))).toEqual(new Set(samplePatterns));
    expect(world.companies.filter((c) => c.catchAll)).toHaveLength(1);
    for (const c of world.companies) {
      expect(c.domain).toMatch(/^[a-z0-9-]+\.test$/);
      expect(c.people.length).toBeGreaterThanOrEqual(4);
      const published = c.people.filter((p) => p.published).length;
      expect(published).toBeGreaterThanOrEqual(2);
      expect(published).toBeLessThan(c.people.length);
      for (const p of c.people) expect(p.email).toBe(`${localPart(c.pattern, p.first, p.last)}@${c.domain}`);
      expect(new Set(c.people.map((p) => p.email)).size).toBe(c.people.length);
    }
    expect(new Set(world.companies.map((c) => c.mx.ip)).size).toBe(50);
  });

  it("has an answer key of every person and shared mailbox with the verdict the domain gives", () => {
    const world = generateSampleWorld({ companies: 6 });
    const entries = world.companies.reduce((n, c) => n + c.people.length + c.generic.length, 0);
    expect(world.truth).toHaveLength(entries);
    const catchAll = world.companies.find((c) => c.catchAll)!;
    for (const t of world.truth)
      expect(t.expected).toBe(t.domain === catchAll.domain ? "risky_catch_all" : "valid");
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
    expect(score.missing).toHaveLength(world.truth.length - 2);
  });
});

describe("startSampleWorld", () => {
  let sample: RunningSampleWorld;
  beforeAll(async () => {
    sample = await startSampleWorld({ companies: 5, seed: 11, loopbackPrefix: "127.78" });
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
    });
  });

  it("gives every address of the key its expected verdict through the real sidecar, and wrong guesses invalid", async () => {
    const app = testApp(testConfig(sample.mail));
    const truth = sample.world.truth;
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
