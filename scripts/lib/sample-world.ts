/**
 * The sample world: N synthetic companies on loopback for the demo, its test
 * and benchmarks. Each company has a small static website (home, a team or
 * about page with people cards, some with their address published, a
 * contact page with a generic mailbox), an email pattern (a mix of
 * first.last, flast, first, firstlast, f.last), and real mail on loopback:
 * DNS with an MX per company and an SMTP server whose mailboxes are the
 * people's addresses under that pattern (names in ASCII: Björn
 * Müller-Lüdenscheidt is bjoern.mueller-luedenscheidt) plus the generic ones.
 *
 * Like the real world it has hard cases (`caseMix`), spread over the
 * companies by the seed: a catch-all company, a greylisting one, companies
 * that publish one personal address or none (only info@), people who left
 * (their address still on the site, the mailbox gone), full and disabled
 * mailboxes, accented and hyphenated names. The answer key (`truth`) is the
 * world's real state: each person's true address and the verdict its
 * mailbox really gives, whatever a tool can find out.
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
import { Resolver } from "node:dns/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type MailWorld, startMailWorld } from "../../workers/smtp-sidecar/test/support/mail-world.ts";
import { samplePage } from "./sample-sites.ts";
import {
  ACCENTED_FIRST,
  ACCENTED_LAST,
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
export type ExpectedStatus = "valid" | "invalid" | "risky_catch_all" | "risky_full_inbox";

/**
 * What makes a company hard: every address accepted (`catch_all`), first
 * attempts greylisted (`greylist`), one personal address published
 * (`one_published`: the pattern rests on one example) or none
 * (`no_published`: only the shared mailbox, so guesses follow how common
 * each pattern is, and a rare pattern may be out of reach).
 */
export type CompanyDifficulty = "plain" | "catch_all" | "greylist" | "one_published" | "no_published";

/** What became of a person's mailbox: `left` (gone; the site still shows the person), `full`, `disabled`. */
export type MailboxState = "active" | "left" | "full" | "disabled";

/**
 * The case an answer-key entry tests, for per-case figures. Company-wide
 * cases (catch_all, greylist) cover all its addresses; then a person's own
 * case (left, full_inbox, disabled, accented); then published, guessed
 * (not published, at a company publishing several), one_published or
 * no_published (not published, at such a company), and generic (info@...).
 */
export const caseKinds = [
  "published",
  "guessed",
  "generic",
  "one_published",
  "no_published",
  "catch_all",
  "greylist",
  "left",
  "full_inbox",
  "disabled",
  "accented",
] as const;
export type CaseKind = (typeof caseKinds)[number];

export interface SamplePerson {
  /** As displayed (accents and all). */
  first: string;
  last: string;
  name: string;
  title: string;
  /** The person's real address (under the company's pattern, in ASCII). */
  email: string;
  /** Shown on the team page (else the pipeline has to guess it). */
  published: boolean;
  mailbox: MailboxState;
  /** A name with diacritics, a hyphen or an apostrophe. */
  accented: boolean;
}

export interface SampleCompany {
  domain: string;
  name: string;
  tagline: string;
  pattern: SamplePattern;
  difficulty: CompanyDifficulty;
  catchAll: boolean;
  greylist: boolean;
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
  kind: CaseKind;
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

/** How long a greylisting company refuses an address after its first try. */
export const SAMPLE_GREYLIST_DELAY_MS = 1000;
/**
 * The sidecar's greylist retry wait in this world (GREYLIST_RETRY_MS): past
 * the greylisting delay and well within one verify request, so the sidecar
 * resolves it itself rather than the run waiting 30 s for a re-verify.
 */
export const SAMPLE_GREYLIST_RETRY_MS = 2000;

/** How many companies and people of each hard case a world of `companies` companies has. */
export interface CaseMix {
  companies: Record<Exclude<CompanyDifficulty, "plain">, number>;
  people: Record<Exclude<MailboxState, "active"> | "accented", number>;
}

/**
 * The hard cases of a world of `count` companies. From 10 companies on, per
 * ten: one company publishing one address, one publishing none, one person
 * who left, one full and one disabled mailbox, two accented names; one
 * greylisting company per twenty and one catch-all per twenty-five (at
 * least one each). Smaller worlds (the demo's 6) get the catch-all and the
 * person cases that cost no time: someone who left, a full mailbox, an
 * accented name.
 */
export function caseMix(count: number): CaseMix {
  if (count < 10) {
    return {
      companies: { catch_all: 1, greylist: 0, one_published: 0, no_published: 0 },
      people: {
        left: count >= 2 ? 1 : 0,
        full: count >= 3 ? 1 : 0,
        disabled: 0,
        accented: count >= 2 ? 1 : 0,
      },
    };
  }
  const tenth = Math.floor(count / 10);
  return {
    companies: {
      catch_all: Math.max(1, Math.floor(count / 25)),
      greylist: Math.max(1, Math.floor(count / 20)),
      one_published: tenth,
      no_published: tenth,
    },
    people: { left: tenth, full: tenth, disabled: tenth, accented: Math.floor(count / 5) },
  };
}

/** Letters mail administrators write as two (German) or as the bare letter; the rest lose their marks. */
const asciiLetters: Record<string, string> = {
  ä: "ae",
  ö: "oe",
  ü: "ue",
  ß: "ss",
  æ: "ae",
  ø: "o",
  å: "a",
  ł: "l",
};

/** A name part as mailboxes of the sample world write it: lowercase ASCII, hyphens kept, apostrophes dropped. */
export function asciiName(part: string): string {
  return [...part.toLowerCase()]
    .map((letter) => asciiLetters[letter] ?? letter)
    .join("")
    .normalize("NFD")
    .replace(/[^a-z-]/g, "");
}

/** The local part a pattern gives a name (in ASCII, see {@link asciiName}). */
export function localPart(pattern: SamplePattern, first: string, last: string): string {
  const [f, l] = [asciiName(first), asciiName(last)];
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
  // The hard cases: company-wide ones on distinct companies, a person's own on the plain companies.
  const mix = caseMix(count);
  const order = rng.shuffle([...Array(count).keys()]);
  const difficulty: CompanyDifficulty[] = Array(count).fill("plain");
  let next = 0;
  for (const [kind, n] of Object.entries(mix.companies) as [CompanyDifficulty, number][]) {
    for (let k = 0; k < n && next < count; k++) difficulty[order[next++]!] = kind;
  }
  const plain = order.slice(next);
  const personCases: (keyof CaseMix["people"])[][] = Array.from({ length: count }, () => []);
  let slot = 0;
  for (const [kind, n] of Object.entries(mix.people) as [keyof CaseMix["people"], number][]) {
    for (let k = 0; k < n && plain.length > 0; k++) personCases[plain[slot++ % plain.length]!]!.push(kind);
  }
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
    const people = peopleOf(rng, domain, pattern, difficulty[i]!, personCases[i]!, minPeople, maxPeople);
    const generic = [rng.pick(GENERIC)];
    companies.push({
      domain,
      name,
      tagline: `${name}: ${tagline}.`,
      pattern,
      difficulty: difficulty[i]!,
      catchAll: difficulty[i] === "catch_all",
      greylist: difficulty[i] === "greylist",
      peoplePath: rng.pick(PEOPLE_PATHS),
      people,
      generic: generic.map((g) => `${g}@${domain}`),
      mx: { name: `mx.${domain}`, ip: `${prefix}.${Math.floor(i / 250)}.${(i % 250) + 1}` },
    });
  }
  return { seed, companies, truth: truthOf(companies) };
}

/** A company's people: names, titles, who is published, and the person cases it was given. */
function peopleOf(
  rng: ReturnType<typeof random>,
  domain: string,
  pattern: SamplePattern,
  difficulty: CompanyDifficulty,
  cases: (keyof CaseMix["people"])[],
  minPeople: number,
  maxPeople: number,
): SamplePerson[] {
  // Distinct first and last names within a company, so no two people share an address under any pattern.
  const size = rng.int(minPeople, maxPeople);
  const firsts = rng.shuffle(FIRST);
  const lasts = rng.shuffle(LAST);
  const accentedFirsts = rng.shuffle(ACCENTED_FIRST);
  const accentedLasts = rng.shuffle(ACCENTED_LAST);
  const titles = ["Chief Executive Officer", ...rng.shuffle(TITLES.slice(1))];
  // Plain companies publish about 40% of the addresses, at least two (enough to infer the pattern).
  const publishedCount =
    difficulty === "no_published"
      ? 0
      : difficulty === "one_published"
        ? 1
        : Math.max(2, Math.round(size * 0.4));
  const shuffled = rng.shuffle([...Array(size).keys()]);
  const publishedAt = new Set(shuffled.slice(0, publishedCount));
  const people: SamplePerson[] = [...Array(size).keys()].map((k) => ({
    first: firsts[k]!,
    last: lasts[k]!,
    name: "",
    title: titles[k]!,
    email: "",
    published: publishedAt.has(k),
    mailbox: "active",
    accented: false,
  }));
  // Each case on its own person; whoever left is one of the published (their card is still up).
  const free = rng.shuffle(shuffled);
  let accented = 0;
  for (const kind of cases) {
    const at = free.findIndex((k) => kind !== "left" || publishedAt.has(k));
    if (at < 0) continue;
    const person = people[free.splice(at, 1)[0]!]!;
    if (kind === "accented") {
      person.first = accentedFirsts[accented % accentedFirsts.length]!;
      person.last = accentedLasts[accented % accentedLasts.length]!;
      person.accented = true;
      accented += 1;
    } else person.mailbox = kind;
  }
  for (const p of people) {
    p.name = `${p.first} ${p.last}`;
    p.email = `${localPart(pattern, p.first, p.last)}@${domain}`;
  }
  return people;
}

function kindOf(c: SampleCompany, p: SamplePerson | null): CaseKind {
  if (c.difficulty === "catch_all" || c.difficulty === "greylist") return c.difficulty;
  if (!p) return "generic";
  if (p.mailbox !== "active") return p.mailbox === "full" ? "full_inbox" : p.mailbox;
  if (p.accented) return "accented";
  if (p.published) return "published";
  return c.difficulty === "plain" ? "guessed" : c.difficulty;
}

function expectedOf(c: SampleCompany, mailbox: MailboxState): ExpectedStatus {
  if (c.catchAll) return "risky_catch_all";
  return mailbox === "active" ? "valid" : mailbox === "full" ? "risky_full_inbox" : "invalid";
}

function truthOf(companies: SampleCompany[]): TruthEntry[] {
  return companies.flatMap((c) => [
    ...c.people.map((p) => ({
      domain: c.domain,
      email: p.email,
      name: p.name,
      expected: expectedOf(c, p.mailbox),
      published: p.published,
      kind: kindOf(c, p),
    })),
    ...c.generic.map((email) => ({
      domain: c.domain,
      email,
      name: null,
      expected: expectedOf(c, "active"),
      published: true,
      kind: kindOf(c, null),
    })),
  ]);
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

const DOH_TYPES = { A: 1, AAAA: 28, MX: 15, TXT: 16 } as const;

/** A DNS-over-HTTPS JSON answer (Cloudflare's format) from the world's DNS server. */
async function dohAnswer(dns: Resolver | null, params: URLSearchParams) {
  const name = (params.get("name") ?? "").replace(/\.$/, "");
  const type = (params.get("type") ?? "A").toUpperCase() as keyof typeof DOH_TYPES;
  const code = DOH_TYPES[type] ?? 1;
  const question = [{ name, type: code }];
  if (!dns || !(type in DOH_TYPES)) return { Status: 4, Question: question };
  try {
    let data: string[];
    if (type === "MX") data = (await dns.resolveMx(name)).map((r) => `${r.priority} ${r.exchange}.`);
    else if (type === "TXT")
      data = (await dns.resolveTxt(name)).map((chunks) => chunks.map((c) => `"${c}"`).join(" "));
    else if (type === "AAAA") data = await dns.resolve6(name);
    else data = await dns.resolve4(name);
    return {
      Status: 0,
      Question: question,
      Answer: data.map((d) => ({ name, type: code, TTL: 300, data: d })),
    };
  } catch (err) {
    const errno = (err as NodeJS.ErrnoException).code;
    if (errno === "ENOTFOUND") return { Status: 3, Question: question };
    if (errno === "ENODATA") return { Status: 0, Question: question };
    return { Status: 2, Question: question };
  }
}

/** Starts the web server and the mail world of {@link generateSampleWorld}(options). */
export async function startSampleWorld(options: SampleWorldOptions = {}): Promise<RunningSampleWorld> {
  const world = generateSampleWorld(options);
  const byDomain = new Map(world.companies.map((c) => [c.domain, c]));
  let dns: Resolver | null = null;
  const web = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x");
    if (path.pathname === "/dns-query" && !req.headers["x-forwarded-host"]) {
      void dohAnswer(dns, path.searchParams).then((body) => {
        res.writeHead(200, { "Content-Type": "application/dns-json" });
        res.end(JSON.stringify(body));
      });
      return;
    }
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
  const local = (email: string) => email.split("@")[0]!;
  let mail: MailWorld;
  try {
    mail = await startMailWorld({
      hosts: world.companies.map((c) => ({ name: c.mx.name, ip: c.mx.ip })),
      domains: world.companies.map((c) => ({
        name: c.domain,
        mx: [c.mx.name],
        mailboxes: [...c.people.filter((p) => p.mailbox === "active").map((p) => p.email), ...c.generic].map(
          local,
        ),
        fullMailboxes: c.people.filter((p) => p.mailbox === "full").map((p) => local(p.email)),
        disabledMailboxes: c.people.filter((p) => p.mailbox === "disabled").map((p) => local(p.email)),
        acceptAll: c.catchAll,
        ...(c.greylist ? { greylist: { minDelayMs: SAMPLE_GREYLIST_DELAY_MS } } : {}),
      })),
    });
  } catch (err) {
    web.close();
    throw err;
  }
  dns = new Resolver({ timeout: 1000, tries: 1 });
  dns.setServers([mail.dnsServer]);
  const webOrigin = `http://127.0.0.1:${(web.address() as { port: number }).port}`;
  return {
    world,
    webOrigin,
    mail,
    stackEnv: {
      // Lifts the crawler's guard and the sidecar's MX target guard: this world's sites and mail are on loopback.
      ALLOW_PRIVATE_TARGETS: "true",
      CRAWL_ORIGIN_OVERRIDE: `*.test=${webOrigin}`,
      DNS_SERVERS: mail.dnsServer,
      SMTP_PORT: String(mail.smtpPort),
      GREYLIST_RETRY_MS: String(SAMPLE_GREYLIST_RETRY_MS),
      // Company enrichment asks the world's DNS over DoH; there is no registry or web archive here.
      DOH_URL: `${webOrigin}/dns-query`,
      ENRICH_RDAP: "false",
      ENRICH_WAYBACK: "false",
    },
    close: async () => {
      web.closeAllConnections();
      await new Promise<void>((resolve) => web.close(() => resolve()));
      await mail.close();
    },
  };
}
