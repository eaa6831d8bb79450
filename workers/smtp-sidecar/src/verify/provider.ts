/**
 * A coarse guess of who runs a domain's mail, from its MX host names. Used
 * for reporting and because providers behave differently (Microsoft 365
 * accepts every RCPT at the edge and bounces later, so its "valid" needs the
 * catch-all probe to mean anything).
 */
import type { MailProvider } from "./verdict.ts";

const PROVIDER_SUFFIXES: [MailProvider, string[]][] = [
  ["google", ["google.com", "googlemail.com", "aspmx.l.google.com"]],
  ["microsoft", ["mail.protection.outlook.com", "outlook.com", "hotmail.com", "olc.protection.outlook.com"]],
  ["proofpoint", ["pphosted.com", "ppe-hosted.com", "proofpoint.com"]],
  ["mimecast", ["mimecast.com", "mimecast.co.za", "mimecast-offshore.com"]],
  ["zoho", ["zoho.com", "zoho.eu", "zoho.in", "zohomail.com"]],
  ["yahoo", ["yahoodns.net", "yahoo.com"]],
];

/** The provider of the first MX host that names one; `other` for unknown hosts, null without hosts. */
export function guessMailProvider(mxHosts: readonly string[]): MailProvider | null {
  if (mxHosts.length === 0) return null;
  for (const host of mxHosts) {
    const name = host.toLowerCase().replace(/\.$/, "");
    for (const [provider, suffixes] of PROVIDER_SUFFIXES) {
      if (suffixes.some((suffix) => name === suffix || name.endsWith(`.${suffix}`))) return provider;
    }
  }
  return "other";
}
