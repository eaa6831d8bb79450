/**
 * Everything enrichment reads from the crawled site, in one call: the
 * organisation's own account of itself, its web security posture and its
 * technologies. Without a home page response the posture and technologies
 * are null (unknown), not empty.
 */
import { type OrganizationFacts, organizationFacts } from "./organization.ts";
import { pageSignals } from "./page-signals.ts";
import { type SiteSecurity, siteSecurity } from "./site-security.ts";
import { detectTechnologies, type HomeResponse } from "./technologies.ts";

export interface CrawledPages {
  home: HomeResponse | null;
  /** The home page first, then about / contact pages. */
  pages: readonly { url: string; html: string }[];
}

export type SiteFacts = Omit<OrganizationFacts, "social"> & {
  social: string[] | null;
  https: boolean | null;
  hsts: boolean | null;
  security_headers: string[] | null;
  technologies: string[] | null;
};

export function siteFacts(domain: string, site: CrawledPages): SiteFacts {
  const signals = site.pages.map((p) => pageSignals(p.html, p.url));
  const org = organizationFacts(domain, signals);
  const security: { [K in keyof SiteSecurity]: SiteSecurity[K] | null } = site.home
    ? siteSecurity(site.home)
    : { https: null, hsts: null, security_headers: null };
  const seen = site.home !== null || signals.length > 0;
  return {
    ...org,
    social: seen ? org.social : null,
    ...security,
    technologies: seen ? detectTechnologies(site.home, signals) : null,
  };
}
