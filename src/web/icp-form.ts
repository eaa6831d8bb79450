/**
 * The ICP settings form and the profile it stands for: the form's values
 * from a stored profile (to pre-fill it) or from a posted form (kept as
 * typed when it is refused), the candidate profile that IcpProfileSchema
 * then judges, and that schema's issues as messages next to the fields.
 */
import { companySizes, verificationStatuses } from "../db/schema.ts";
import { type IcpProfile, IcpProfileSchema } from "../domain/icp/score.ts";
import { departments, seniorities } from "../domain/taxonomy/titles.ts";

/** What a profile is when none is saved: no targets, the default weights and disqualifiers. */
export const DEFAULT_PROFILE: IcpProfile = IcpProfileSchema.parse({});

export type WeightName = keyof IcpProfile["weights"];
export const WEIGHT_NAMES = Object.keys(DEFAULT_PROFILE.weights) as WeightName[];

/** The choices the checkbox groups offer (the taxonomy the crawler and the ingest classify into). */
export const ICP_CHOICES = {
  seniorities,
  departments,
  sizes: companySizes,
  verify_statuses: verificationStatuses,
} as const;

export interface IcpFormValues {
  seniorities: string[];
  departments: string[];
  sizes: string[];
  /** Comma-separated lists, as typed. */
  industries: string;
  technologies: string;
  countries: string;
  weights: Record<WeightName, string>;
  free_mail: boolean;
  disposable: boolean;
  domains: string;
  verify_statuses: string[];
}

/** The form pre-filled with a profile. */
export function icpFormValues(profile: IcpProfile): IcpFormValues {
  return {
    seniorities: profile.seniorities,
    departments: profile.departments,
    sizes: profile.sizes,
    industries: profile.industries.join(", "),
    technologies: profile.technologies.join(", "),
    countries: profile.countries.join(", "),
    weights: Object.fromEntries(WEIGHT_NAMES.map((w) => [w, String(profile.weights[w])])) as Record<
      WeightName,
      string
    >,
    free_mail: profile.disqualifiers.free_mail,
    disposable: profile.disqualifiers.disposable,
    domains: profile.disqualifiers.domains.join(", "),
    verify_statuses: profile.disqualifiers.verify_statuses,
  };
}

const text = (value: unknown, max: number) => (typeof value === "string" ? value.slice(0, max) : "");

/** A checkbox group's values (`name[]` arrives as an array); bounded, strings only. */
export const checked = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value])
    .filter((v): v is string => typeof v === "string")
    .slice(0, 100)
    .map((v) => v.slice(0, 100));

/** The form's values as posted (a checkbox that is not ticked is not sent). */
export function icpFormFrom(form: Record<string, unknown>): IcpFormValues {
  return {
    seniorities: checked(form["seniorities[]"]),
    departments: checked(form["departments[]"]),
    sizes: checked(form["sizes[]"]),
    industries: text(form.industries, 10_000),
    technologies: text(form.technologies, 20_000),
    countries: text(form.countries, 2_000),
    weights: Object.fromEntries(WEIGHT_NAMES.map((w) => [w, text(form[`weights.${w}`], 20)])) as Record<
      WeightName,
      string
    >,
    free_mail: form["disqualifiers.free_mail"] !== undefined,
    disposable: form["disqualifiers.disposable"] !== undefined,
    domains: text(form["disqualifiers.domains"], 130_000),
    verify_statuses: checked(form["disqualifiers.verify_statuses[]"]),
  };
}

const list = (value: string) =>
  value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);

/** An empty or non-numeric weight becomes NaN, which the schema refuses like any other bad number. */
const weight = (value: string) => (value.trim() === "" ? Number.NaN : Number(value));

/** The profile the form asks for, for IcpProfileSchema to accept or refuse. */
export function icpCandidate(values: IcpFormValues) {
  return {
    seniorities: values.seniorities,
    departments: values.departments,
    industries: list(values.industries),
    sizes: values.sizes,
    technologies: list(values.technologies),
    countries: list(values.countries),
    weights: Object.fromEntries(WEIGHT_NAMES.map((w) => [w, weight(values.weights[w])])),
    disqualifiers: {
      free_mail: values.free_mail,
      disposable: values.disposable,
      domains: list(values.domains),
      verify_statuses: values.verify_statuses,
    },
  };
}

const friendly: Record<string, string> = {
  industries: "List at most 50 industries, each up to 100 characters.",
  technologies: "List at most 100 technologies, each up to 100 characters.",
  countries: "Use two-letter country codes (DE, FR, US), at most 250.",
  "disqualifiers.domains": "List at most 500 domains, each up to 253 characters.",
};

/**
 * The schema's issues as field -> message, keyed like the form's fields
 * (`industries`, `weights.size`, `disqualifiers.domains`): a list's key
 * stops before the item's index.
 */
export function icpProblems(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const problems: Record<string, string> = {};
  for (const issue of issues) {
    const end = issue.path.findIndex((part) => typeof part !== "string");
    const key = (end === -1 ? issue.path : issue.path.slice(0, end)).map(String).join(".") || "form";
    problems[key] ??= key.startsWith("weights.")
      ? "Enter a whole number from 0 to 100."
      : (friendly[key] ?? issue.message);
  }
  return problems;
}
