/**
 * The SMTP benchmark's worlds and workloads. Every world's domains are
 * served by one MX host (`localhost`, so that a client resolving the MX name
 * through the system, as deep-email-validator does, also lands on
 * 127.0.0.1:25): `nine_domains` (strict domains, a catch-all, a greylisting
 * one; at most N connections per client), `shared_host` (24 customer
 * domains of one provider, no greylisting; at most N connections per
 * client, 421 beyond) and `strict_host` (the same 24 domains on a host that
 * lets a client open 2 connections a second, 421 beyond). The workload is
 * the candidate addresses a finder produces for their people (every person
 * x 12 patterns, most of them not mailboxes), with the ground truth of
 * each candidate derived from the same table that builds the world.
 */
import type { MailDomainSpec, MailWorldOptions } from "../../workers/smtp-sidecar/test/support/mail-world.ts";

/** The verdicts the truth uses (the sidecar's status vocabulary). */
export type TruthStatus = "valid" | "invalid" | "risky_catch_all" | "risky_full_inbox";

type Person = { first: string; last: string };

/** The address patterns a finder tries for every person, local part from first and last name. */
export const PATTERNS = {
  "first.last": (p) => `${p.first}.${p.last}`,
  firstlast: (p) => `${p.first}${p.last}`,
  flast: (p) => `${p.first[0]}${p.last}`,
  "f.last": (p) => `${p.first[0]}.${p.last}`,
  first: (p) => p.first,
  last: (p) => p.last,
  first_last: (p) => `${p.first}_${p.last}`,
  "first-last": (p) => `${p.first}-${p.last}`,
  firstl: (p) => `${p.first}${p.last[0]}`,
  lastfirst: (p) => `${p.last}${p.first}`,
  "last.first": (p) => `${p.last}.${p.first}`,
  lastf: (p) => `${p.last}${p.first[0]}`,
} satisfies Record<string, (p: Person) => string>;

/** How one benchmark domain behaves; `full` and `disabled` are indexes into its people. */
interface BenchDomain {
  name: string;
  kind: "strict" | "catch_all" | "greylisting";
  /** The company's address pattern: the one candidate per person that is a mailbox. */
  pattern: keyof typeof PATTERNS;
  people: number;
  full?: number[];
  disabled?: number[];
}

/** How long the greylisting domain refuses an address it has not seen (a real one: minutes). */
export const GREYLIST_MIN_DELAY_MS = 1000;

/** The benchmark's worlds (see the module comment). */
export type BenchWorld = "nine_domains" | "shared_host" | "strict_host";

/** New connections per second per client the strict host lets in. */
export const STRICT_SESSIONS_PER_SECOND = 2;

const DOMAINS: BenchDomain[] = [
  { name: "acme-robotics.test", kind: "strict", pattern: "first.last", people: 8 },
  { name: "borealis-energy.test", kind: "strict", pattern: "flast", people: 7, disabled: [2] },
  { name: "cobalt-labs.test", kind: "strict", pattern: "first", people: 8, full: [4] },
  { name: "dunmore-legal.test", kind: "strict", pattern: "firstlast", people: 7 },
  { name: "everglade.test", kind: "catch_all", pattern: "first.last", people: 8 },
  { name: "foxglove-health.test", kind: "greylisting", pattern: "f.last", people: 7 },
  {
    name: "granite-works.test",
    kind: "strict",
    pattern: "first_last",
    people: 8,
    disabled: [0, 5],
    full: [3],
  },
  { name: "harbor-logistics.test", kind: "strict", pattern: "last.first", people: 7 },
  { name: "ironwood.test", kind: "strict", pattern: "firstl", people: 7, full: [1] },
];

const SHARED_NAMES =
  "aldermoor brightwell cinderpath dovecote eastmarch fernhollow goldcrest hawthorn inkwell juniper " +
  "kestrel lanternfish millbrook northgate oakmere pinecrest quarrystone redfern saltmarsh " +
  "thistledown underwood vinegarden willowmere yarrowfield";

/**
 * 24 customer domains of one mail provider, six people each: 22 strict (each its own
 * address pattern, some full or disabled mailboxes) and two catch-alls. No greylisting:
 * with the default GREYLIST_RETRY_MS (60 s) a greylisted address waits a minute.
 */
const SHARED_DOMAINS: BenchDomain[] = SHARED_NAMES.split(" ").map((word, i) =>
  i % 12 === 5
    ? { name: `${word}.test`, kind: "catch_all", pattern: "first.last", people: 6 }
    : {
        name: `${word}.test`,
        kind: "strict",
        pattern: Object.keys(PATTERNS)[i % 12] as keyof typeof PATTERNS,
        people: 6,
        ...(i % 4 === 3 ? { full: [1] } : {}),
        ...(i % 6 === 2 ? { disabled: [2] } : {}),
      },
);

const FIRST_NAMES =
  "ada ben cara dario elif farid gina hugo ines jonas kira liam mona nils olga pavel quinn rosa sami " +
  "tara umar vera wade xena yusuf zoe amir bianca cyril daria emil fleur goran hana ivan jade kofi " +
  "lena marco nora oscar petra rafael sofia timo ulla viktor wanda yara zeno alma bruno celia " +
  "dmitri edith felix greta henrik iris jasper karin lorenzo maja nadia otto priya rhea";
const LAST_NAMES =
  "abbott brennan castillo dubois eriksen fischer garcia haddad ivanova jensen kowalski lindqvist " +
  "moreau nakamura okafor petrov quintero rossi schmidt tanaka urban vasquez weber xu yilmaz zimmer " +
  "adler bauer conti duarte engel ferreira gallo horvat ibsen janssen keller lambert meyer novak " +
  "olsen perez ramos silva torres ueda varga wagner young zeller andersen bianchi costa dahl " +
  "evans fontaine grant holm ito jovanovic kraus laine marsh nolan ortiz quigley sorensen";

/**
 * The benchmark's people, domain by domain (deterministic: names are dealt out in order;
 * past the end of the lists, last names shift so that no two people share both names).
 */
function peopleOf(domains: BenchDomain[]): Map<BenchDomain, Person[]> {
  const firsts = FIRST_NAMES.split(" ");
  const lasts = LAST_NAMES.split(" ");
  const out = new Map<BenchDomain, Person[]>();
  let next = 0;
  for (const domain of domains) {
    const people: Person[] = [];
    for (let i = 0; i < domain.people; i++, next++) {
      const lap = Math.floor(next / firsts.length);
      people.push({ first: firsts[next % firsts.length]!, last: lasts[(next + lap * 5) % lasts.length]! });
    }
    out.set(domain, people);
  }
  return out;
}

/** The right verdict for `local` at `domain`, whose mailboxes are `own` (some full or disabled). */
function truthOf(
  domain: BenchDomain,
  local: string,
  own: string[],
  full: string[],
  disabled: string[],
): TruthStatus {
  if (domain.kind === "catch_all") return "risky_catch_all";
  if (full.includes(local)) return "risky_full_inbox";
  return own.includes(local) && !disabled.includes(local) ? "valid" : "invalid";
}

/** What one client made of the candidates: a status each (sidecar vocabulary), a detail each, the wall time. */
export interface ClientRun {
  statuses: Map<string, string>;
  details: Map<string, string>;
  wallMs: number;
}

/** Agreement with the truth: the fraction agreeing, and per true status how the client answered. */
export function scoreAgainstTruth(run: ClientRun, truth: Map<string, TruthStatus>) {
  let agreed = 0;
  const answers: Record<string, Record<string, number>> = {};
  for (const [email, want] of truth) {
    const got = run.statuses.get(email) ?? "missing";
    if (got === want) agreed += 1;
    const row = answers[want] ?? {};
    row[got] = (row[got] ?? 0) + 1;
    answers[want] = row;
  }
  return { agreement: agreed / truth.size, agreed, of: truth.size, answers };
}

/** What the benchmark runs on: the world's options, the candidates in finder order, their truth. */
export interface MailBench {
  world: MailWorldOptions;
  /** Every person x pattern, domain by domain, without duplicates. */
  candidates: string[];
  truth: Map<string, TruthStatus>;
  /** The one MX host of every domain. */
  mxHost: string;
  /** The domain whose addresses are greylisted at first sight (nine_domains only). */
  greylistingDomain: string | null;
}

/**
 * Builds `world` (default `nine_domains`) for `smtpPort` (25 for deep-email-validator) with
 * `roundTripMs`, and `maxConnections` per client on the nine-domain and shared hosts.
 */
export function mailBench(options: {
  smtpPort: number;
  roundTripMs: number;
  maxConnections: number;
  world?: BenchWorld;
}): MailBench {
  const kind = options.world ?? "nine_domains";
  const table = kind === "nine_domains" ? DOMAINS : SHARED_DOMAINS;
  const host = "localhost";
  const domains: MailDomainSpec[] = [];
  const candidates = new Set<string>();
  const truth = new Map<string, TruthStatus>();
  for (const [domain, people] of peopleOf(table)) {
    const own = people.map(PATTERNS[domain.pattern]);
    const full = (domain.full ?? []).map((i) => own[i]!);
    const disabled = (domain.disabled ?? []).map((i) => own[i]!);
    domains.push({
      name: domain.name,
      mx: [host],
      mailboxes: own.filter((local) => !full.includes(local) && !disabled.includes(local)),
      fullMailboxes: full,
      disabledMailboxes: disabled,
      acceptAll: domain.kind === "catch_all",
      greylist: domain.kind === "greylisting" ? { minDelayMs: GREYLIST_MIN_DELAY_MS } : false,
    });
    for (const person of people) {
      for (const pattern of Object.values(PATTERNS)) {
        const local = pattern(person);
        const email = `${local}@${domain.name}`;
        candidates.add(email);
        truth.set(email, truthOf(domain, local, own, full, disabled));
      }
    }
  }
  return {
    world: {
      smtpPort: options.smtpPort,
      hosts: [
        {
          name: host,
          ip: "127.0.0.1",
          roundTripMs: options.roundTripMs,
          ...(kind === "strict_host"
            ? { maxConnectionsPerSecondPerClient: STRICT_SESSIONS_PER_SECOND }
            : { maxConnectionsPerClient: options.maxConnections }),
        },
      ],
      domains,
    },
    candidates: [...candidates],
    truth,
    mxHost: host,
    greylistingDomain: table.find((d) => d.kind === "greylisting")?.name ?? null,
  };
}
