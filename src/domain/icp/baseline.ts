/**
 * The baseline ICP score (0-100) of a lead, used while its tenant has no
 * profile of its own (PUT /icp): how senior the person is (up to 45), whether their
 * department is one that buys (up to 20), whether the address will reach
 * them (up to 30), and a title at all (5). Generic mailboxes (info@...)
 * reach no one in particular: they score on deliverability alone, halved.
 *
 * | part          | values                                                                          |
 * | ------------- | ------------------------------------------------------------------------------- |
 * | seniority     | owner, founder, c_suite 45; partner, vp 40; head, director 32; manager 22;      |
 * |               | senior 14; entry 6; intern 0; unknown 8                                         |
 * | department    | executive, sales, marketing, operations 20; engineering, it, product,          |
 * |               | finance 14; anything else 8; unknown 4                                          |
 * | deliverability| valid 30; risky (catch-all, full) 15; unknown / not verified 8; invalid 0       |
 * | title         | 5 when the person has one                                                       |
 */
import type { Department, Seniority } from "../taxonomy/titles.ts";
import type { IcpReason, IcpScore } from "./score.ts";

const SENIORITY: Record<Seniority, number> = {
  owner: 45,
  founder: 45,
  c_suite: 45,
  partner: 40,
  vp: 40,
  head: 32,
  director: 32,
  manager: 22,
  senior: 14,
  entry: 6,
  intern: 0,
};

const BUYING_DEPARTMENTS = new Set<string>(["executive", "sales", "marketing", "operations"]);
const TECHNICAL_DEPARTMENTS = new Set<string>(["engineering", "it", "product", "finance"]);

function deliverability(verifyStatus: string): number {
  if (verifyStatus === "valid") return 30;
  if (verifyStatus.startsWith("risky")) return 15;
  if (verifyStatus === "invalid") return 0;
  return 8;
}

const verified = (status: string) => status === "valid" || status === "invalid" || status.startsWith("risky");

export interface IcpInput {
  type: "personal" | "generic";
  title: string | null;
  seniority: Seniority | string | null;
  department: Department | string | null;
  verifyStatus: string;
}

/**
 * The baseline score with its reasons (points summing to the score) and
 * data gaps, in the same shape as a tenant profile's score.
 */
export function baselineBreakdown(lead: IcpInput): IcpScore {
  const reach = deliverability(lead.verifyStatus);
  const unverified = verified(lead.verifyStatus) ? [] : ["not_verified"];
  if (lead.type === "generic") {
    const points = Math.round(reach / 2);
    return {
      score: points,
      reasons: [{ code: "generic_mailbox", points, detail: lead.verifyStatus }],
      gaps: unverified,
      disqualified: null,
    };
  }
  const seniority = lead.seniority ? (SENIORITY[lead.seniority as Seniority] ?? 8) : 8;
  const department = !lead.department
    ? 4
    : BUYING_DEPARTMENTS.has(lead.department)
      ? 20
      : TECHNICAL_DEPARTMENTS.has(lead.department)
        ? 14
        : 8;
  const gaps = [
    ...(lead.seniority ? [] : ["seniority_unknown"]),
    ...(lead.department ? [] : ["department_unknown"]),
    ...unverified,
  ];
  const reasons: IcpReason[] = [
    { code: "seniority", points: seniority, detail: lead.seniority ?? "unknown" },
    { code: "department", points: department, detail: lead.department ?? "unknown" },
    { code: "deliverability", points: reach, detail: lead.verifyStatus },
  ];
  if (lead.title) reasons.push({ code: "title", points: 5 });
  const score = reasons.reduce((n, r) => n + r.points, 0);
  return { score, reasons, gaps, disqualified: null };
}

/** The baseline score, an integer in 0..100. */
export function baselineIcpScore(lead: IcpInput): number {
  return baselineBreakdown(lead).score;
}
