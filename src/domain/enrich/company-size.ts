/**
 * Company size buckets (employees), the same as the `companies.size`
 * column, and the bucket of a schema.org `numberOfEmployees` value.
 */
import { companySizes } from "../../db/schema.ts";

export type CompanySize = (typeof companySizes)[number];
export { companySizes };

const lowerBounds = [1, 11, 51, 201, 501, 1001, 5001];

/** The bucket holding a head count; null for nonsense (0, negative, not a number). */
export function sizeBucket(employees: number): CompanySize | null {
  if (!Number.isFinite(employees) || employees < 1) return null;
  let i = lowerBounds.length - 1;
  while (lowerBounds[i]! > employees) i -= 1;
  return companySizes[i]!;
}

const numbersIn = (text: string) =>
  [...text.replace(/(\d)[,.\s](?=\d{3}\b)/g, "$1").matchAll(/\d+/g)].map((m) => Number(m[0]));

/**
 * The bucket of `numberOfEmployees`: a number, a numeric string ("1,200",
 * "51-200", "500+"), or a QuantitativeValue (`value`, or `minValue` and
 * `maxValue`: the middle of the range). Null when there is no number.
 */
export function sizeFromEmployees(value: unknown): CompanySize | null {
  if (typeof value === "number") return sizeBucket(value);
  if (typeof value === "string") {
    const ns = numbersIn(value);
    if (ns.length === 0) return null;
    return sizeBucket(ns.length >= 2 ? (ns[0]! + ns[1]!) / 2 : ns[0]!);
  }
  if (Array.isArray(value)) return sizeFromEmployees(value[0]);
  if (value && typeof value === "object") {
    const q = value as Record<string, unknown>;
    if (q.value !== undefined) return sizeFromEmployees(q.value);
    const min = toNumber(q.minValue);
    const max = toNumber(q.maxValue);
    if (min !== null && max !== null) return sizeBucket((min + max) / 2);
    if (min !== null) return sizeBucket(min);
    if (max !== null) return sizeBucket(max);
  }
  return null;
}

function toNumber(v: unknown): number | null {
  if (typeof v === "number") return v;
  if (typeof v === "string") return numbersIn(v)[0] ?? null;
  return null;
}
