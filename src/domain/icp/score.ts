/**
 * ICP scoring against a tenant's ideal customer profile (PUT /icp). A lead gets
 * 0-100 with reason codes whose points sum exactly to the score, and
 * data-gap flags for the inputs it lacks. Disqualifiers gate before any
 * points: a disqualified lead scores 0 with the disqualifier as its reason.
 *
 * Each dimension the profile targets (seniority, department, industry,
 * size, technology, country) and deliverability carries a weight; the score
 * is the weighted share of what matched, over the dimensions the profile
 * uses, scaled to 100. A dimension whose value the lead lacks adds nothing
 * and is flagged as a gap (so a better-known lead can outrank it).
 */
import { z } from "zod";
import type { Lead } from "../leads/lead.ts";
import { plainText } from "../text/plain-text.ts";

const weight = (fallback: number) => z.number().int().min(0).max(100).default(fallback);
/** One value of a profile list: plain text (see domain/text/plain-text.ts) of 1 to `max` characters. */
const listItem = (max: number) => plainText(z.string().min(1).max(max));

export const IcpProfileSchema = z
  .object({
    seniorities: z.array(listItem(50)).max(20).default([]),
    departments: z.array(listItem(50)).max(20).default([]),
    industries: z.array(listItem(100)).max(50).default([]),
    sizes: z.array(listItem(20)).max(10).default([]),
    technologies: z.array(listItem(100)).max(100).default([]),
    countries: z
      .array(plainText(z.string().length(2)))
      .max(250)
      .default([]),
    weights: z
      .object({
        seniority: weight(25),
        department: weight(15),
        industry: weight(15),
        size: weight(10),
        technology: weight(10),
        country: weight(5),
        deliverability: weight(20),
      })
      .strict()
      .default({
        seniority: 25,
        department: 15,
        industry: 15,
        size: 10,
        technology: 10,
        country: 5,
        deliverability: 20,
      }),
    disqualifiers: z
      .object({
        free_mail: z.boolean().default(true),
        disposable: z.boolean().default(true),
        /** Competitors and other domains never worth a score. */
        domains: z.array(listItem(253)).max(500).default([]),
        verify_statuses: z.array(listItem(40)).max(20).default(["invalid"]),
      })
      .strict()
      .default({ free_mail: true, disposable: true, domains: [], verify_statuses: ["invalid"] }),
  })
  .strict();

export type IcpProfile = z.infer<typeof IcpProfileSchema>;

/** What the profile's dimensions and disqualifiers read of a lead. */
export type IcpLead = Pick<
  Lead,
  | "email"
  | "company_domain"
  | "seniority"
  | "department"
  | "industry"
  | "size"
  | "technologies"
  | "country"
  | "verify_status"
>;

/** Domain lists the disqualifiers consult (injected: the lists are data, not code). */
export interface DomainLists {
  isFreeMail(domain: string): boolean;
  isDisposable(domain: string): boolean;
}

export interface IcpReason {
  code: string;
  points: number;
  detail?: string;
}

export interface IcpScore {
  score: number;
  reasons: IcpReason[];
  gaps: string[];
  disqualified: string | null;
}

type Dimension = "seniority" | "department" | "industry" | "size" | "technology" | "country";

const lower = (s: string) => s.toLowerCase();

/** What share (0..1) of a dimension's weight the lead earns; null when the lead lacks the value. */
function earned(
  profile: IcpProfile,
  lead: IcpLead,
  dim: Dimension,
): { share: number; detail: string } | null {
  const one = (value: string | null, targets: string[]) => {
    if (!value) return null;
    return { share: targets.map(lower).includes(lower(value)) ? 1 : 0, detail: value };
  };
  switch (dim) {
    case "seniority":
      return one(lead.seniority, profile.seniorities);
    case "department":
      return one(lead.department, profile.departments);
    case "industry":
      return one(lead.industry, profile.industries);
    case "size":
      return one(lead.size, profile.sizes);
    case "country":
      return one(lead.country, profile.countries);
    case "technology": {
      if (lead.technologies.length === 0) return null;
      const wanted = new Set(profile.technologies.map(lower));
      const hits = lead.technologies.filter((t) => wanted.has(lower(t)));
      return { share: hits.length > 0 ? 1 : 0, detail: hits.join(", ") || "none of the targets" };
    }
  }
}

const targetsOf = (profile: IcpProfile, dim: Dimension) =>
  ({
    seniority: profile.seniorities,
    department: profile.departments,
    industry: profile.industries,
    size: profile.sizes,
    technology: profile.technologies,
    country: profile.countries,
  })[dim];

function deliverability(status: string): number | null {
  if (status === "valid") return 1;
  if (status.startsWith("risky")) return 0.5;
  if (status === "invalid") return 0;
  return null;
}

/** Scores one lead against the profile. */
export function scoreLead(profile: IcpProfile, lead: IcpLead, lists: DomainLists): IcpScore {
  const domain = lower(lead.email.split("@")[1] ?? lead.company_domain);
  const d = profile.disqualifiers;
  const disqualifier =
    (d.disposable && lists.isDisposable(domain) && "disposable_domain") ||
    (d.free_mail && lists.isFreeMail(domain) && "free_mail") ||
    (d.domains
      .map(lower)
      .some((x) => domain === x || domain.endsWith(`.${x}`) || lower(lead.company_domain) === x) &&
      "excluded_domain") ||
    (d.verify_statuses.includes(lead.verify_status) && "verify_status") ||
    null;
  if (disqualifier) {
    return {
      score: 0,
      reasons: [
        {
          code: `disqualified_${disqualifier}`,
          points: 0,
          detail: disqualifier === "verify_status" ? lead.verify_status : domain,
        },
      ],
      gaps: [],
      disqualified: disqualifier,
    };
  }
  const parts: { code: string; weight: number; share: number; detail?: string }[] = [];
  const gaps: string[] = [];
  for (const dim of ["seniority", "department", "industry", "size", "technology", "country"] as const) {
    const w = profile.weights[dim];
    if (w === 0 || targetsOf(profile, dim).length === 0) continue;
    const got = earned(profile, lead, dim);
    if (!got) {
      gaps.push(`${dim}_unknown`);
      parts.push({ code: `${dim}_unknown`, weight: w, share: 0 });
    } else
      parts.push({
        code: got.share > 0 ? `${dim}_match` : `${dim}_miss`,
        weight: w,
        share: got.share,
        detail: got.detail,
      });
  }
  if (profile.weights.deliverability > 0) {
    const share = deliverability(lead.verify_status);
    if (share === null) gaps.push("not_verified");
    parts.push({
      code:
        share === null
          ? "deliverability_unknown"
          : share === 1
            ? "deliverable"
            : share > 0
              ? "deliverability_risky"
              : "undeliverable",
      weight: profile.weights.deliverability,
      share: share ?? 0,
      detail: lead.verify_status,
    });
  }
  const total = parts.reduce((n, p) => n + p.weight, 0);
  if (total === 0) return { score: 0, reasons: [], gaps, disqualified: null };
  // Exact points per part on a 100 scale, rounded so that they sum to the rounded score (largest remainder).
  const exact = parts.map((p) => (p.weight * p.share * 100) / total);
  const score = Math.round(exact.reduce((a, b) => a + b, 0));
  const points = exact.map(Math.floor);
  let left = score - points.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, frac: x - Math.floor(x) })).sort((a, b) => b.frac - a.frac);
  for (const { i } of order) {
    if (left <= 0) break;
    if (exact[i]! > 0) {
      points[i]! += 1;
      left -= 1;
    }
  }
  const reasons = parts.map((p, i) => ({
    code: p.code,
    points: points[i]!,
    ...(p.detail ? { detail: p.detail } : {}),
  }));
  return { score, reasons, gaps, disqualified: null };
}
