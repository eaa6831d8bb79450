/**
 * Scoring a run against the sample world's answer key: which true addresses
 * were found with the expected verdict, per case kind, what the run chose
 * instead of a missed address, and wrong addresses it did not mark invalid.
 */
import type { CaseKind, SampleWorld, TruthEntry } from "./sample-world.ts";

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
  /** right and total per case kind (the kinds the world has). */
  byKind: Partial<Record<CaseKind, { right: number; total: number }>>;
  /** Truth entries with no lead at that address. */
  missing: TruthEntry[];
  /** Missing people who got a lead at another address: what the run chose instead. */
  chosenInstead: { entry: TruthEntry; lead: FoundLead }[];
  /** Leads at a true address with another verdict than expected. */
  wrongStatus: { entry: TruthEntry; status: string }[];
  /** Leads whose address is not in the answer key (wrong guesses). */
  unexpected: FoundLead[];
  /** Wrong guesses not marked invalid: a wrong address presented as deliverable (or unknown). */
  wrongClaims: FoundLead[];
}

const nameKey = (name: string | null) => (name ?? "").normalize("NFC").trim().toLowerCase();

/** Compares a run's leads with the answer key. */
export function scoreAgainstTruth(world: SampleWorld, leads: readonly FoundLead[]): Accuracy {
  const byEmail = new Map(leads.map((l) => [l.email.toLowerCase(), l]));
  const truthEmails = new Set(world.truth.map((t) => t.email));
  const missing: TruthEntry[] = [];
  const chosenInstead: Accuracy["chosenInstead"] = [];
  const wrongStatus: Accuracy["wrongStatus"] = [];
  const byKind: Accuracy["byKind"] = {};
  let right = 0;
  for (const entry of world.truth) {
    const kind = byKind[entry.kind] ?? { right: 0, total: 0 };
    byKind[entry.kind] = kind;
    kind.total += 1;
    const lead = byEmail.get(entry.email);
    if (!lead) {
      missing.push(entry);
      const instead = leads.find(
        (l) =>
          entry.name && l.company_domain === entry.domain && nameKey(l.full_name) === nameKey(entry.name),
      );
      if (instead) chosenInstead.push({ entry, lead: instead });
    } else if (lead.verify_status !== entry.expected) wrongStatus.push({ entry, status: lead.verify_status });
    else {
      right += 1;
      kind.right += 1;
    }
  }
  const domains = new Set(world.companies.map((c) => c.domain));
  const unexpected = leads.filter(
    (l) => domains.has(l.company_domain) && !truthEmails.has(l.email.toLowerCase()),
  );
  const total = world.truth.length;
  return {
    right,
    total,
    accuracy: total === 0 ? 1 : right / total,
    byKind,
    missing,
    chosenInstead,
    wrongStatus,
    unexpected,
    wrongClaims: unexpected.filter((l) => l.verify_status !== "invalid"),
  };
}
