/**
 * Mail providers recognised from MX host names. Ours (MIT, like the
 * project): each entry is the provider's documented or commonly published
 * MX host suffixes. The first provider whose suffix matches the host wins.
 */

export interface MailProvider {
  name: string;
  /** Host suffixes, lowercase, without the trailing dot; a host matches when it equals or ends with ".suffix". */
  hosts: readonly string[];
}

export const GOOGLE_WORKSPACE = "Google Workspace";
export const MICROSOFT_365 = "Microsoft 365";
/** The MX is under the company's own domain. */
export const SELF_HOSTED = "Self-hosted";
/** A third-party MX host we do not recognise. */
export const OTHER_PROVIDER = "Other";

export const MAIL_PROVIDERS: readonly MailProvider[] = [
  {
    name: GOOGLE_WORKSPACE,
    hosts: ["aspmx.l.google.com", "googlemail.com", "smtp.google.com", "google.com"],
  },
  { name: MICROSOFT_365, hosts: ["mail.protection.outlook.com", "mx.microsoft", "outlook.com"] },
  { name: "Proofpoint", hosts: ["pphosted.com", "ppe-hosted.com", "proofpoint.com"] },
  { name: "Mimecast", hosts: ["mimecast.com", "mimecast.co.za", "mimecast-offshore.com"] },
  { name: "Barracuda", hosts: ["barracudanetworks.com", "cudamail.com"] },
  { name: "Cisco Secure Email", hosts: ["iphmx.com"] },
  { name: "Broadcom Email Security", hosts: ["messagelabs.com"] },
  { name: "Trend Micro", hosts: ["tmes.trendmicro.com", "tmes.trendmicro.eu", "tmes-anz.trendmicro.com"] },
  { name: "Sophos", hosts: ["hydra.sophos.com", "prod.hydra.sophos.com"] },
  { name: "Hornetsecurity", hosts: ["hornetsecurity.com"] },
  { name: "Forcepoint", hosts: ["mailcontrol.com"] },
  { name: "Zoho Mail", hosts: ["zoho.com", "zoho.eu", "zoho.in", "zoho.com.au", "zohomail.com"] },
  { name: "Fastmail", hosts: ["messagingengine.com", "fastmail.com"] },
  { name: "Amazon WorkMail / SES", hosts: ["amazonaws.com", "awsapps.com"] },
  { name: "Yandex", hosts: ["yandex.net", "yandex.ru"] },
  { name: "Mail.ru", hosts: ["mail.ru"] },
  { name: "OVHcloud", hosts: ["ovh.net", "ovh.ca"] },
  {
    name: "IONOS",
    hosts: [
      "ionos.de",
      "ionos.com",
      "ionos.co.uk",
      "ionos.es",
      "ionos.fr",
      "1and1.com",
      "kundenserver.de",
      "perfora.net",
    ],
  },
  { name: "GoDaddy", hosts: ["secureserver.net"] },
  { name: "Rackspace", hosts: ["emailsrvr.com"] },
  { name: "Proton Mail", hosts: ["protonmail.ch"] },
  { name: "iCloud Mail", hosts: ["mail.icloud.com"] },
  { name: "Yahoo", hosts: ["yahoodns.net"] },
  { name: "Namecheap Private Email", hosts: ["privateemail.com"] },
  { name: "Hostinger", hosts: ["hostinger.com"] },
  { name: "Strato", hosts: ["rzone.de"] },
  { name: "Titan", hosts: ["titan.email"] },
  { name: "Migadu", hosts: ["migadu.com"] },
  { name: "Tutanota", hosts: ["tutanota.de"] },
  { name: "Mailgun", hosts: ["mailgun.org"] },
  { name: "SendGrid", hosts: ["sendgrid.net"] },
];

const hostMatches = (host: string, suffix: string) => host === suffix || host.endsWith(`.${suffix}`);

/** The provider of one MX host, or null when it is none we know. */
export function providerOfHost(host: string): string | null {
  const h = host.toLowerCase().replace(/\.$/, "");
  return MAIL_PROVIDERS.find((p) => p.hosts.some((s) => hostMatches(h, s)))?.name ?? null;
}

/**
 * The Microsoft 365 tenant label of an MX host: `contoso-com` from
 * `contoso-com.mail.protection.outlook.com` (or the DNSSEC form
 * `contoso-com.<shard>.mx.microsoft`); null for any other host.
 */
export function m365TenantOf(host: string): string | null {
  const h = host.toLowerCase().replace(/\.$/, "");
  const m =
    /^([a-z0-9-]+)\.mail\.protection\.outlook\.com$/.exec(h) ??
    /^([a-z0-9-]+)\.[a-z0-9-]+\.mx\.microsoft$/.exec(h);
  return m?.[1] ?? null;
}
