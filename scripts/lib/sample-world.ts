/**
 * The sample world: N synthetic companies on loopback for the demo, its test
 * and benchmarks. Each company has a small static website (home, a team or
 * about page with people cards, some with their address published, a
 * contact page with a generic mailbox), an email pattern (a mix of
 * first.last, flast, first, firstlast, f.last), and real mail on loopback:
 * DNS with an MX per company and an SMTP server whose mailboxes are exactly
 * the people's addresses under that pattern plus the generic ones. One
 * company is a catch-all. The answer key (`truth`) says, per company, each
 * person's true address and the verdict verification should give it.
 *
 * Everything follows from the seed: the same options give the same world.
 *
 * ```ts
 * const sample = await startSampleWorld({ companies: 6 });
 * const stack = await startLocalStack(dir, sample.stackEnv); // crawler and sidecar pointed at it
 * ...
 * await sample.close();
 * ```
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type MailWorld, startMailWorld } from "../../workers/smtp-sidecar/test/support/mail-world.ts";
import { samplePage } from "./sample-sites.ts";
import {
  FIRST,
  GENERIC,
  LAST,
  PEOPLE_PATHS,
  random,
  TITLES,
  TRADES,
  WORD_A,
  WORD_B,
} from "./sample-vocabulary.ts";

/** The patterns companies of the sample world use, named as the Worker names them. */
export const samplePatterns = ["first.last", "flast", "first", "firstlast", "f.last"] as const;
export type SamplePattern = (typeof samplePatterns)[number];

/** The verdict the sidecar should give an address of the sample world. */
export type ExpectedStatus = "valid" | "risky_catch_all";

export interface SamplePerson {
  first: string;
  last: string;
  name: string;
  title: string;
  /** The person's real address (under the company's pattern). */
  email: string;
  /** Shown on the team page (else the pipeline has to guess it). */
  published: boolean;
}

export interface SampleCompany {
  domain: string;
  name: string;
  tagline: string;
  pattern: SamplePattern;
  catchAll: boolean;
  /** Path of the page with the people cards: /team/, /about/ or /people/. */
  peoplePath: string;
  people: SamplePerson[];
  /** Shared mailboxes shown on the contact page (info@, hello@...). */
  generic: string[];
  /** MX host name and the loopback address it listens on. */
  mx: { name: string; ip: string };
}

/** One address of the answer key. */
export interface TruthEntry {
  domain: string;
  email: string;
  /** null for shared mailboxes. */
  name: string | null;
  expected: ExpectedStatus;
  published: boolean;
}

export interface SampleWorld {
  seed: number;
  companies: SampleCompany[];
  truth: TruthEntry[];
}

export interface SampleWorldOptions {
  /** How many companies (default 6). */
  companies?: number;
  /** Default 1. */
  seed?: number;
  /** People per company, inclusive range (default 4 to 7). */
  people?: [number, number];
  /**
   * First two octets of the loopback addresses of the MX hosts (default "127.77"):
   * tests running side by side use different ones.
   */
  loopbackPrefix?: string;
}

/** The local part a pattern gives a (lower-cased, ASCII) name. */
export function localPart(pattern: SamplePattern, first: string, last: string): string {
  const [f, l] = [first.toLowerCase(), last.toLowerCase()];
  switch (pattern) {
    case "first.last":
      return `${f}.${l}`;
    case "flast":
      return `${f[0]}${l}`;
    case "first":
      return f;
    case "firstlast":
      return f + l;
    case "f.last":
      return `${f[0]}.${l}`;
  }
}

const domainOf = (name: string) => `${name.toLowerCase().replace(/ /g, "-")}.test`;

/** The world for `options`, without starting anything. */
export function generateSampleWorld(options: SampleWorldOptions = {}): SampleWorld {
  const count = options.companies ?? 6;
  const seed = options.seed ?? 1;
  const [minPeople, maxPeople] = options.people ?? [4, 7];
  const prefix = options.loopbackPrefix ?? "127.77";
  if (!Number.isInteger(count) || count < 1 || count > 2000) throw new Error("companies must be 1 to 2000");
  if (!(minPeople >= 2 && maxPeople >= minPeople && maxPeople <= 20)) throw new Error("people: 2 to 20");
  const rng = random(seed);
  // Every pattern appears once per five companies; the order is shuffled.
  const patterns: SamplePattern[] = [];
  while (patterns.length < count) patterns.push(...rng.shuffle(samplePatterns));
  const catchAllAt = rng.int(0, count - 1);
  const domains = new Set<string>();
  const companies: SampleCompany[] = [];
  for (let i = 0; i < count; i++) {
    const [trade, tagline] = rng.pick(TRADES);
    let name = `${rng.pick(WORD_A)}${rng.pick(WORD_B)} ${trade}`;
    for (let tries = 0; tries < 20 && domains.has(domainOf(name)); tries++) {
      name = `${rng.pick(WORD_A)}${rng.pick(WORD_B)} ${trade}`;
    }
    if (domains.has(domainOf(name))) name = `${name} ${i + 1}`;
    const domain = domainOf(name);
    domains.add(domain);
    const pattern = patterns[i]!;
    // Distinct first and last names within a company, so no two people share an address under any pattern.
    const size = rng.int(minPeople, maxPeople);
    const firsts = rng.shuffle(FIRST);
    const lasts = rng.shuffle(LAST);
    const titles = ["Chief Executive Officer", ...rng.shuffle(TITLES.slice(1))];
    // At least two published addresses (the pipeline infers the pattern from them), about 40%.
    const publishedCount = Math.max(2, Math.round(size * 0.4));
    const publishedAt = new Set(rng.shuffle([...Array(size).keys()]).slice(0, publishedCount));
    const people: SamplePerson[] = [];
    for (let k = 0; k < size; k++) {
      const first = firsts[k]!;
      const last = lasts[k]!;
      people.push({
        first,
        last,
        name: `${first} ${last}`,
        title: titles[k]!,
        email: `${localPart(pattern, first, last)}@${domain}`,
        published: publishedAt.has(k),
      });
    }
    const generic = [rng.pick(GENERIC)];
    companies.push({
      domain,
      name,
      tagline: `${name}: ${tagline}.`,
      pattern,
      catchAll: i === catchAllAt,
      peoplePath: rng.pick(PEOPLE_PATHS),
      people,
      generic: generic.map((g) => `${g}@${domain}`),
      mx: { name: `mx.${domain}`, ip: `${prefix}.${Math.floor(i / 250)}.${(i % 250) + 1}` },
    });
  }
  return { seed, companies, truth: truthOf(companies) };
}

function truthOf(companies: SampleCompany[]): TruthEntry[] {
  return companies.flatMap((c) => {
    const expected: ExpectedStatus = c.catchAll ? "risky_catch_all" : "valid";
    return [
      ...c.people.map((p) => ({
        domain: c.domain,
        email: p.email,
        name: p.name,
        expected,
        published: p.published,
      })),
      ...c.generic.map((email) => ({ domain: c.domain, email, name: null, expected, published: true })),
    ];
  });
}

/** A lead as GET /runs/{id}/results returns it (the fields the comparison reads). */
export interface FoundLead {
  email: string;
  full_name: string | null;
  company_domain: string;
  verify_status: string;
}

export interface Accuracy {
  /** Truth entries found with the right address and the expected verdict. */
  right: number;
  /** Truth entries. */
  total: number;
  /** right / total. */
  accuracy: number;
  /** Truth entries with no lead at that address. */
  missing: TruthEntry[];
  /** Leads at a true address with another verdict than expected. */
  wrongStatus: { entry: TruthEntry; status: string }[];
  /** Leads whose address is not in the answer key (wrong guesses). */
  unexpected: FoundLead[];
}

/** Compares a run's leads with the answer key. */
export function scoreAgainstTruth(world: SampleWorld, leads: readonly FoundLead[]): Accuracy {
  const byEmail = new Map(leads.map((l) => [l.email.toLowerCase(), l]));
  const truthEmails = new Set(world.truth.map((t) => t.email));
  const missing: TruthEntry[] = [];
  const wrongStatus: Accuracy["wrongStatus"] = [];
  let right = 0;
  for (const entry of world.truth) {
    const lead = byEmail.get(entry.email);
    if (!lead) missing.push(entry);
    else if (lead.verify_status !== entry.expected) wrongStatus.push({ entry, status: lead.verify_status });
    else right += 1;
  }
  const domains = new Set(world.companies.map((c) => c.domain));
  const unexpected = leads.filter(
    (l) => domains.has(l.company_domain) && !truthEmails.has(l.email.toLowerCase()),
  );
  const total = world.truth.length;
  return { right, total, accuracy: total === 0 ? 1 : right / total, missing, wrongStatus, unexpected };
}

/** A running sample world. */
export interface RunningSampleWorld {
  world: SampleWorld;
  /** `http://127.0.0.1:port`: every site, chosen by X-Forwarded-Host (else Host). */
  webOrigin: string;
  mail: MailWorld;
  /** The settings that point `npm start` (the crawler and the sidecar) at this world. */
  stackEnv: Record<string, string>;
  close(): Promise<void>;
}

/** Starts the web server and the mail world of {@link generateSampleWorld}(options). */
export async function startSampleWorld(options: SampleWorldOptions = {}): Promise<RunningSampleWorld> {
  const world = generateSampleWorld(options);
  const byDomain = new Map(world.companies.map((c) => [c.domain, c]));
  const web = createServer((req: IncomingMessage, res: ServerResponse) => {
    const forwarded = req.headers["x-forwarded-host"];
    const host = (typeof forwarded === "string" ? forwarded : (req.headers.host ?? ""))
      .toLowerCase()
      .replace(/:\d+$/, "")
      .replace(/^www\./, "");
    const company = byDomain.get(host);
    const page = company
      ? samplePage(company, new URL(req.url ?? "/", "http://x").pathname)
      : { status: 404, contentType: "text/plain", body: `no sample site for ${host}` };
    res.writeHead(page.status, { "Content-Type": page.contentType, "Cache-Control": "no-store" });
    res.end(req.method === "HEAD" ? undefined : page.body);
  });
  await new Promise<void>((resolve, reject) => {
    web.once("error", reject);
    web.listen(0, "127.0.0.1", resolve);
  });
  let mail: MailWorld;
  try {
    mail = await startMailWorld({
      hosts: world.companies.map((c) => ({ name: c.mx.name, ip: c.mx.ip })),
      domains: world.companies.map((c) => ({
        name: c.domain,
        mx: [c.mx.name],
        mailboxes: [...c.people.map((p) => p.email), ...c.generic].map((e) => e.split("@")[0]!),
        acceptAll: c.catchAll,
      })),
    });
  } catch (err) {
    web.close();
    throw err;
  }
  const webOrigin = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
  return {
    world,
    webOrigin,
    mail,
    stackEnv: {
      ALLOW_PRIVATE_TARGETS: "true",
      CRAWL_ORIGIN_OVERRIDE: `*.test=${webOrigin}`,
      DNS_SERVERS: mail.dnsServer,
      SMTP_PORT: String(mail.smtpPort),
    },
    close: async () => {
      web.closeAllConnections();
      await new Promise<void>((resolve) => web.close(() => resolve()));
      await mail.close();
    },
  };
}
