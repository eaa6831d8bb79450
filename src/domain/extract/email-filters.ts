/**
 * Which found addresses are real addresses of the company: not asset names
 * (logo@2x.png), not placeholders (name@example.com, you@domain.com), and on
 * the company's own domain or one of its mail domains (third parties out).
 */

const assetSuffix =
  /\.(png|jpe?g|gif|webp|avif|svg|ico|bmp|tiff?|css|js|mjs|map|json|woff2?|ttf|eot|otf|mp4|webm|mp3|pdf|zip)$/i;
const placeholderDomains = new Set([
  "example.com",
  "example.org",
  "example.net",
  "domain.com",
  "domain.tld",
  "yourdomain.com",
  "yourcompany.com",
  "company.com",
  "email.com",
  "mail.com",
  "test.com",
  "sample.com",
  "website.com",
  "yoursite.com",
  "doe.com",
  "sentry.io",
  "sentry-next.wixpress.com",
]);
const placeholderLocals =
  /^(you|your|yourname|your\.name|name|firstname|first\.last|firstname\.lastname|vorname\.nachname|vorname\.name|vorname|nachname|nom|prenom|prenom\.nom|nombre|nombre\.apellido|voornaam|voornaam\.achternaam|email|e-mail|mail|user|username|someone|john\.doe|jane\.doe|max\.mustermann|mustermann|test|xxx|abc)$/i;

/** True when the string is an image/asset file name that merely contains "@" (logo@2x.png). */
export function isAssetName(email: string): boolean {
  return assetSuffix.test(email) || /@\d+x\./i.test(email);
}

/** True for placeholder and documentation addresses. */
export function isPlaceholder(email: string): boolean {
  const [local = "", domain = ""] = email.split("@");
  if (placeholderDomains.has(domain)) return true;
  if (/(^|\.)example\.(com|org|net)$/.test(domain)) return true;
  return placeholderLocals.test(local) && !/^(mail|email)$/.test(local);
}

/**
 * True when the address belongs to the company: its domain is the company's
 * registrable domain (or a subdomain), or one of `mailDomains` (alternative
 * domains the company uses, found on its own pages).
 */
export function isCompanyEmail(
  email: string,
  companyDomain: string,
  mailDomains: readonly string[] = [],
): boolean {
  const domain = email.split("@")[1] ?? "";
  for (const own of [companyDomain, ...mailDomains]) {
    if (domain === own || domain.endsWith(`.${own}`)) return true;
  }
  return false;
}

/** The first label of a registrable domain, without hyphens ("bergmann-maschinenbau.test" -> "bergmannmaschinenbau"). */
function brand(domain: string): string {
  return (domain.split(".")[0] ?? "").replace(/-/g, "");
}

/**
 * True when `candidate` looks like the same company's other domain: the
 * brands share a token of at least 4 letters at the start (acme.test ~
 * acme-group.test, bergmann-maschinenbau.test ~ bergmann.de).
 */
export function isSiblingDomain(candidate: string, companyDomain: string): boolean {
  if (candidate === companyDomain) return false;
  const a = brand(candidate);
  const b = brand(companyDomain);
  const firstToken = (d: string) => (d.split(".")[0] ?? "").split("-")[0] ?? "";
  const ta = firstToken(candidate);
  const tb = firstToken(companyDomain);
  if (ta.length >= 4 && ta === tb) return true;
  return a.length >= 4 && b.length >= 4 && (a.startsWith(b) || b.startsWith(a));
}

/** Plausible as an address at all (length limits, no double dots). */
export function isPlausibleEmail(email: string): boolean {
  if (email.length > 254) return false;
  const [local = "", domain = ""] = email.split("@");
  return local.length > 0 && local.length <= 64 && !email.includes("..") && domain.includes(".");
}
