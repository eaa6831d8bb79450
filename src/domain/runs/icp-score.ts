/**
 * The baseline ICP score (0-100) of a lead, until a tenant configures its
 * own (a later issue): how senior the person is (up to 45), whether their
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

export interface IcpInput {
  type: "personal" | "generic";
  title: string | null;
  seniority: Seniority | string | null;
  department: Department | string | null;
  verifyStatus: string;
}

/** The baseline score, an integer in 0..100. */
export function baselineIcpScore(lead: IcpInput): number {
  const reach = deliverability(lead.verifyStatus);
  if (lead.type === "generic") return Math.round(reach / 2);
  const seniority = lead.seniority ? (SENIORITY[lead.seniority as Seniority] ?? 8) : 8;
  const department = !lead.department
    ? 4
    : BUYING_DEPARTMENTS.has(lead.department)
      ? 20
      : TECHNICAL_DEPARTMENTS.has(lead.department)
        ? 14
        : 8;
  const title = lead.title ? 5 : 0;
  return Math.max(0, Math.min(100, seniority + department + reach + title));
}
