/**
 * Inferring which email pattern a company uses from the people whose
 * addresses it publishes, with a confidence that respects how few addresses
 * a website usually shows: one matching address is a hint, nine of ten is
 * evidence.
 */
import { type EmailPattern, patternsMatching, priorPatternOrder } from "./patterns.ts";

/** A person found on a website together with the address published for them. */
export interface NamedEmail {
  first: string;
  last: string;
  email: string;
}

/** How many counted addresses a pattern explains; `matches` is fractional when addresses were ambiguous. */
export interface PatternShare {
  pattern: EmailPattern;
  matches: number;
  /** matches / sample. */
  share: number;
}

/** What a domain's published addresses say about its pattern. */
export interface PatternInference {
  /** The domain most of the addresses belong to; the only one counted. */
  domain: string | null;
  /** Personal addresses counted on that domain, including those no pattern explains. */
  sample: number;
  /** Observed patterns, most matches first (ties in prior order). */
  shares: PatternShare[];
  best: { pattern: EmailPattern; share: number; confidence: number } | null;
  /**
   * True when the domain visibly uses more than one pattern: at least two
   * patterns each explain a quarter of the sample and none explains 60%.
   * `best` is still the likeliest single pattern for candidates.
   */
  mixed: boolean;
}

/**
 * Local parts of shared mailboxes: they say nothing about how people's
 * addresses are built. Callers filter them already; this is the safety net.
 */
const sharedMailboxes: ReadonlySet<string> = new Set([
  ...["info", "contact", "hello", "hi", "mail", "email", "office", "team", "general", "reception"],
  ...["sales", "support", "help", "service", "services", "admin", "billing", "accounts", "accounting"],
  ...["finance", "invoice", "invoices", "orders", "shop", "booking", "bookings", "feedback", "enquiries"],
  ...["inquiries", "jobs", "careers", "hr", "recruiting", "press", "media", "marketing", "newsletter"],
  ...["partners", "investors", "ir", "legal", "privacy", "security", "abuse", "postmaster", "webmaster"],
  ...["hostmaster", "noreply", "no-reply", "donotreply", "kontakt", "buero", "büro", "post", "bewerbung"],
  ...["datenschutz", "verwaltung", "vertrieb", "empfang", "contacto", "ventas", "accueil", "bonjour"],
]);

/**
 * Infers a domain's email pattern from (person, email) pairs. Only pairs on
 * the majority domain count (ties: the domain seen first), and shared
 * mailboxes (info@, sales@...) are ignored. A pair no pattern explains counts
 * in `sample` but in no share; a pair several patterns explain splits its one
 * count evenly between them. `best.confidence` is the Wilson score lower
 * bound (95%) of the best pattern's share, so 1 of 1 gives about 0.21, 9 of 10
 * about 0.60 and 10 of 10 about 0.72.
 */
export function inferEmailPattern(pairs: NamedEmail[]): PatternInference {
  const addressed = pairs.flatMap((pair) => {
    const address = splitAddress(pair.email);
    return address ? [{ ...pair, ...address }] : [];
  });
  const domain = majority(addressed.map((pair) => pair.domain));
  if (domain === null) return { domain: null, sample: 0, shares: [], best: null, mixed: false };

  const counted = addressed.filter((pair) => pair.domain === domain && isPersonal(pair.local));
  const matches = new Map<EmailPattern, number>();
  for (const pair of counted) {
    const explaining = patternsMatching(pair.local, pair.first, pair.last);
    for (const pattern of explaining) {
      matches.set(pattern, (matches.get(pattern) ?? 0) + 1 / explaining.length);
    }
  }

  const sample = counted.length;
  const shares = priorPatternOrder
    .flatMap((pattern) => {
      const count = matches.get(pattern);
      return count === undefined ? [] : [{ pattern, matches: count, share: count / sample }];
    })
    .sort((a, b) => b.matches - a.matches);
  const top = shares[0];
  const best = top
    ? { pattern: top.pattern, share: top.share, confidence: wilsonLowerBound(top.matches, sample) }
    : null;
  const strong = shares.filter((s) => s.share >= 0.25);
  const mixed = sample >= 2 && strong.length >= 2 && (best?.share ?? 0) < 0.6;
  return { domain, sample, shares, best, mixed };
}

/**
 * Lower bound of the Wilson score interval for `successes` out of `trials`
 * (z = 1.96 for 95%): a share discounted for a small sample. 0 for no trials.
 */
export function wilsonLowerBound(successes: number, trials: number, z = 1.96): number {
  if (trials <= 0) return 0;
  const share = successes / trials;
  const z2 = z * z;
  const centre = share + z2 / (2 * trials);
  const margin = z * Math.sqrt((share * (1 - share) + z2 / (4 * trials)) / trials);
  return Math.max(0, (centre - margin) / (1 + z2 / trials));
}

function splitAddress(email: string): { local: string; domain: string } | null {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  const domain = address.slice(at + 1).replace(/\.$/, "");
  if (at <= 0 || !domain.includes(".") || /\s/.test(address)) return null;
  return { local, domain };
}

function majority(domains: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const domain of domains) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  let winner: string | null = null;
  let most = 0;
  for (const [domain, count] of counts) {
    if (count > most) [winner, most] = [domain, count];
  }
  return winner;
}

function isPersonal(localPart: string): boolean {
  const local = localPart.split("+")[0] ?? "";
  if (!/\p{L}/u.test(local)) return false;
  if (local.startsWith("noreply") || local.startsWith("no-reply")) return false;
  return !sharedMailboxes.has(local);
}
