/**
 * Web security posture from the home page's response: served over HTTPS
 * (after redirects), HSTS, and which of the common security headers it sends.
 */
import type { HomeResponse } from "./technologies.ts";

export interface SiteSecurity {
  https: boolean;
  hsts: boolean;
  security_headers: string[];
}

/** The headers checked, in their canonical spelling. */
export const SECURITY_HEADERS = [
  "Content-Security-Policy",
  "X-Frame-Options",
  "X-Content-Type-Options",
  "Referrer-Policy",
  "Permissions-Policy",
] as const;

export function siteSecurity(home: HomeResponse): SiteSecurity {
  const https = home.url.startsWith("https:");
  const sts = home.headers["strict-transport-security"] ?? "";
  const maxAge = Number(/max-age\s*=\s*"?(\d+)/i.exec(sts)?.[1] ?? 0);
  return {
    https,
    // Browsers ignore HSTS sent over plain http, and max-age=0 switches it off.
    hsts: https && maxAge > 0,
    security_headers: SECURITY_HEADERS.filter((h) => (home.headers[h.toLowerCase()] ?? "").trim() !== ""),
  };
}
