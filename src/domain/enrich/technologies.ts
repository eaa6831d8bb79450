/**
 * Which technologies a site uses, from its home page's response (headers,
 * cookie names) and its pages' signals (meta tags, script and stylesheet
 * URLs, HTML markers), matched against our own fingerprints.
 */
import { FINGERPRINTS, type Fingerprint } from "./fingerprints.ts";
import type { PageSignals } from "./page-signals.ts";

export interface HomeResponse {
  /** The final URL after redirects. */
  url: string;
  /** Response headers, lowercase names. */
  headers: Record<string, string>;
  /** Set-Cookie header values. */
  cookies: string[];
}

/** The cookie names of Set-Cookie values. */
export const cookieNames = (setCookies: readonly string[]) =>
  setCookies.map((c) => c.split("=")[0]!.trim()).filter(Boolean);

function matches(
  fp: Fingerprint,
  home: HomeResponse | null,
  names: readonly string[],
  pages: readonly PageSignals[],
  urls: string,
): boolean {
  if (home && fp.headers) {
    for (const [name, re] of Object.entries(fp.headers)) {
      const value = home.headers[name];
      if (value !== undefined && re.test(value)) return true;
    }
  }
  if (fp.cookies && names.some((n) => fp.cookies!.test(n))) return true;
  if (fp.urls?.test(urls)) return true;
  for (const page of pages) {
    if (fp.meta) {
      for (const [name, re] of Object.entries(fp.meta)) {
        const value = page.meta[name];
        if (value !== undefined && re.test(value)) return true;
      }
    }
    if (fp.markup?.test(page.markup)) return true;
  }
  return false;
}

/** The names of the technologies found, with what they imply, sorted. */
export function detectTechnologies(home: HomeResponse | null, pages: readonly PageSignals[]): string[] {
  const names = home ? cookieNames(home.cookies) : [];
  const urls = pages.flatMap((p) => [...p.scripts, ...p.links]).join("\n");
  const found = new Set<string>();
  for (const fp of FINGERPRINTS) {
    if (!matches(fp, home, names, pages, urls)) continue;
    found.add(fp.name);
    for (const implied of fp.implies ?? []) found.add(implied);
  }
  return [...found].sort((a, b) => a.localeCompare(b));
}
