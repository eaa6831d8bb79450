/**
 * The company's own account of itself: name, description, industry, size,
 * location and social profiles, from schema.org JSON-LD (`Organization` and
 * its subtypes; the one naming the company's own site wins) and meta tags
 * (og:site_name, description, keywords), and social profiles also from the
 * pages' links. What the site does not state stays null.
 */
import { isWithinDomain } from "../crawl/domain-name.ts";
import { type CompanySize, sizeFromEmployees } from "./company-size.ts";
import { countryCode } from "./countries.ts";
import { classifyIndustry, INDUSTRIES } from "./industries.ts";
import type { PageSignals } from "./page-signals.ts";

export interface OrganizationFacts {
  name: string | null;
  description: string | null;
  industry: string | null;
  size: CompanySize | null;
  country: string | null;
  city: string | null;
  social: string[];
}

type Json = Record<string, unknown>;

const ORG_TYPES = new Set([
  "Organization",
  "Corporation",
  "LocalBusiness",
  "OnlineBusiness",
  "OnlineStore",
  "Store",
  "NGO",
  "NonprofitOrganization",
  "EducationalOrganization",
  "GovernmentOrganization",
  "MedicalOrganization",
  "NewsMediaOrganization",
  "SportsOrganization",
  "ProfessionalService",
  ...INDUSTRIES.flatMap((i) => i.types ?? []),
]);

const typesOf = (node: Json): string[] => {
  const t = node["@type"];
  const list = Array.isArray(t) ? t : t ? [t] : [];
  return list
    .filter((x): x is string => typeof x === "string")
    .map((x) => x.replace(/^https?:\/\/schema\.org\//, ""));
};

const text = (v: unknown): string | null => {
  if (typeof v === "string") return v.replace(/\s+/g, " ").trim() || null;
  if (typeof v === "number") return String(v);
  if (Array.isArray(v)) return text(v[0]);
  if (v && typeof v === "object") return text((v as Json).name ?? (v as Json)["@value"]);
  return null;
};

const list = (v: unknown): string[] => {
  if (typeof v === "string")
    return v
      .split(/[,;|]/)
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v)) return v.flatMap(list);
  const t = text(v);
  return t ? [t] : [];
};

/** Organisation nodes at the top of the JSON-LD (arrays, @graph) and one level down (a WebSite's publisher...). */
function organizations(blocks: readonly unknown[]): Json[] {
  const out: Json[] = [];
  const visit = (value: unknown, depth: number) => {
    if (depth > 3 || value === null || typeof value !== "object") return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth);
      return;
    }
    const node = value as Json;
    if (typesOf(node).some((t) => ORG_TYPES.has(t))) out.push(node);
    if (node["@graph"]) visit(node["@graph"], depth);
    for (const key of ["publisher", "provider", "author", "about", "mainEntity"]) {
      if (node[key]) visit(node[key], depth + 1);
    }
  };
  for (const block of blocks) visit(block, 0);
  return out;
}

/**
 * The company as one node: the organisations whose url / @id is on its
 * domain (the home page may give the name, the contact page the address),
 * merged key by key with the first page winning; else the first organisation.
 */
function companyNode(nodes: Json[], domain: string): Json | null {
  const own = nodes.filter((n) =>
    [n.url, n["@id"]].some(
      (u) => typeof u === "string" && URL.canParse(u) && isWithinDomain(new URL(u).hostname, domain),
    ),
  );
  if (own.length === 0) return nodes[0] ?? null;
  const merged: Json = {};
  for (const node of own) {
    for (const [key, value] of Object.entries(node)) if (merged[key] === undefined) merged[key] = value;
  }
  return merged;
}

function address(node: Json): { country: string | null; city: string | null } {
  const raw = node.address ?? (node.location as Json | undefined)?.address;
  const first = Array.isArray(raw) ? raw[0] : raw;
  if (!first || typeof first !== "object") return { country: null, city: null };
  const a = first as Json;
  const country = text(a.addressCountry);
  return { country: country ? countryCode(country) : null, city: text(a.addressLocality) };
}

const SOCIAL: readonly [RegExp, (path: string[]) => boolean][] = [
  [/^linkedin\.com$/, (p) => ["company", "school", "showcase"].includes(p[0] ?? "") && !!p[1]],
  [
    /^(twitter|x)\.com$/,
    (p) => p.length === 1 && !["intent", "share", "home", "search", "hashtag"].includes(p[0]!),
  ],
  [
    /^facebook\.com$/,
    (p) =>
      p.length >= 1 &&
      !["sharer", "sharer.php", "share.php", "dialog", "plugins", "tr", "share"].includes(p[0]!),
  ],
  [/^instagram\.com$/, (p) => p.length === 1 && p[0] !== "p"],
  [
    /^youtube\.com$/,
    (p) => /^@/.test(p[0] ?? "") || (["channel", "c", "user"].includes(p[0] ?? "") && !!p[1]),
  ],
  [/^github\.com$/, (p) => p.length === 1],
  [/^xing\.com$/, (p) => ["pages", "companies"].includes(p[0] ?? "") && !!p[1]],
  [/^tiktok\.com$/, (p) => /^@/.test(p[0] ?? "")],
  [/^crunchbase\.com$/, (p) => p[0] === "organization" && !!p[1]],
];

/** A company social profile URL in one canonical form, or null for anything else (share buttons, posts...). */
export function socialProfile(href: string): string | null {
  if (!/^https?:\/\//i.test(href) || !URL.canParse(href)) return null;
  const url = new URL(href);
  const host = url.hostname.toLowerCase().replace(/^(www|m|[a-z]{2})\./, "");
  const path = url.pathname.split("/").filter(Boolean);
  const rule = SOCIAL.find(([h]) => h.test(host));
  if (!rule?.[1](path)) return null;
  return `https://${host}/${path.join("/")}`.toLowerCase();
}

/** The organisation facts of a site from its pages' signals (home page first). */
export function organizationFacts(domain: string, pages: readonly PageSignals[]): OrganizationFacts {
  const node = companyNode(organizations(pages.flatMap((p) => p.jsonLd)), domain);
  const meta = (key: string) => pages.map((p) => p.meta[key]).find((v) => v?.trim()) ?? null;
  const { country, city } = node ? address(node) : { country: null, city: null };
  const social = new Set<string>();
  for (const href of [...list(node?.sameAs), ...pages.flatMap((p) => p.anchors)]) {
    const profile = socialProfile(href);
    if (profile) social.add(profile);
  }
  const keywords = [
    ...list(node?.industry),
    ...list(node?.keywords),
    ...list(node?.knowsAbout),
    ...list(meta("keywords")),
  ];
  return {
    name: text(node?.name) ?? text(node?.legalName) ?? meta("og:site_name") ?? meta("application-name"),
    description:
      (text(node?.description) ?? meta("description") ?? meta("og:description"))?.slice(0, 1000) ?? null,
    industry: classifyIndustry({
      types: node ? typesOf(node) : [],
      naics: list(node?.naics),
      keywords,
    }),
    size: sizeFromEmployees(node?.numberOfEmployees),
    country,
    city,
    social: [...social].sort().slice(0, 12),
  };
}
