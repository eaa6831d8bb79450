/**
 * What work costs in credits, and the numbers a tenant may use: one table for every door
 * (docs/plans.md shows it), the plan's limits with the tenant's own overrides, and the balance a
 * request sees. Pure: the services keep the ledger and the reservations in D1.
 */

/** A billable kind of work: what one unit is, what it costs, when it is charged. */
export interface CreditCost {
  credits: number;
  unit: string;
  /** When the ledger records it, in the words of docs/plans.md. */
  charged: string;
}

/** The cost table. Work that fails (an unreachable site, a verifier that could not answer) costs nothing. */
export const creditCosts = {
  /** A discovery or re-verification run, per domain that finished (its crawl, people and checks included). */
  domain_discovered: {
    credits: 1,
    unit: "domain",
    charged: "when a run's domain finishes; a domain that fails or is cancelled before it finishes is free",
  },
  /** `POST /verify`, per address answered (cached verdicts included; addresses the verifier could not reach are free). */
  address_verified: {
    credits: 1,
    unit: "address",
    charged: "when the verdict is returned; an address whose check could not run is free",
  },
  /** A spreadsheet row scored by an enrichment job (seed 001). */
  row_enriched: { credits: 1, unit: "row", charged: "when the row's scores are stored" },
  /** An inbound lead qualified (seed 002). */
  lead_qualified: { credits: 1, unit: "lead", charged: "when the qualification is stored" },
  /** A business found by a local pipeline (seed 003), after deduplication. */
  pipeline_business: { credits: 1, unit: "business", charged: "when the pipeline's dedupe stage keeps it" },
  /** A language model's tokens (agents of seed 004, the qualifier's reader of seed 002), per 1,000 started. */
  llm_tokens: { credits: 1, unit: "1,000 tokens", charged: "when the model's answer arrives" },
} as const satisfies Record<string, CreditCost>;

export type BillableResource = keyof typeof creditCosts;

/** Credits for `units` of a resource (tokens are charged per 1,000 started). */
export function creditsFor(resource: BillableResource, units: number): number {
  if (units <= 0) return 0;
  const per = creditCosts[resource].credits;
  return resource === "llm_tokens" ? Math.ceil(units / 1000) * per : units * per;
}

/** The numbers a plan allows (the catalogue's `limits`). */
export interface PlanLimits {
  requests_per_minute: number;
  requests_per_hour: number;
  burst_per_minute: number;
  batch_size: number;
  concurrent_batches: number;
  live_connections: number;
}

/** A plan's limits with its credits: what a tenant's `limits` may override, one by one. */
export interface EffectiveLimits extends PlanLimits {
  credits_per_period: number;
}

export const limitNames = [
  "credits_per_period",
  "requests_per_minute",
  "requests_per_hour",
  "burst_per_minute",
  "batch_size",
  "concurrent_batches",
  "live_connections",
] as const satisfies readonly (keyof EffectiveLimits)[];

/**
 * The plan's numbers with the tenant's overrides laid over them. An override that is not a
 * non-negative whole number (a hand-edited row) is ignored, so a bad value never lifts a limit.
 */
export function effectiveLimits(
  plan: { credits_per_period: number; limits: PlanLimits },
  overrides: Record<string, unknown> | null | undefined,
): EffectiveLimits {
  const limits: EffectiveLimits = { ...plan.limits, credits_per_period: plan.credits_per_period };
  for (const name of limitNames) {
    const value = overrides?.[name];
    if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) limits[name] = value;
  }
  return limits;
}

/** A period's credits as a caller sees them: `reserved` is held by work in progress. */
export interface CreditBalance {
  limit: number;
  used: number;
  reserved: number;
  /** What new work may still reserve: never below zero. */
  remaining: number;
}

export function creditBalance(limit: number, used: number, reserved: number): CreditBalance {
  return { limit, used, reserved, remaining: Math.max(0, limit - used - reserved) };
}
