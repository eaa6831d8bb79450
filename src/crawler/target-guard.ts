/**
 * SSRF guard for every fetch a user can steer (crawl targets, redirects).
 * Only http/https on ports 80/443, no credentials in the URL, no IP-literal
 * hosts, no internal names (localhost, *.local, *.internal, metadata names),
 * and every address the name resolves to must be public. Redirects are
 * checked again hop by hop by the fetcher.
 *
 * ALLOW_PRIVATE_TARGETS=true, honoured only when ENVIRONMENT=development,
 * lifts the address and port checks so sites served on loopback can be
 * crawled locally; the scheme and credential checks still apply.
 *
 * DNS rebinding: the check resolves through DNS-over-HTTPS, but fetch()
 * resolves the name again through the runtime when it connects. A name
 * that answers the check with a public address and the connection with a
 * private one (a short TTL, or different answers to different resolvers)
 * gets past the check wherever the runtime can reach private addresses, as
 * a self-hosted workerd on a company network can. On Cloudflare's network
 * the connection leaves from Cloudflare's edge, not from the operator's
 * network, so the operator's private addresses are not what it reaches.
 * With `connectCheckedAddress` (CRAWL_CONNECT_CHECKED_ADDRESS) the fetcher
 * connects to an address this guard returned instead of the name
 * (pinned-connection.ts), which closes the gap for http and https alike.
 */
import { classifyAddress, isIpLiteral } from "../domain/network/ip-ranges.ts";
import type { HostResolver } from "./resolver.ts";

export interface TargetPolicy {
  allowPrivate: boolean;
  resolver: HostResolver;
  /** Connect to an address the guard checked rather than to the name (CRAWL_CONNECT_CHECKED_ADDRESS). */
  connectCheckedAddress?: boolean;
}

export class BlockedTargetError extends Error {
  override name = "BlockedTargetError";
}

const internalName = /(^|\.)(localhost|local|internal|intranet|lan|home|corp|localdomain)$/i;
const metadataNames = new Set([
  "metadata.google.internal",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);

/** Names that only mean something inside a private network: localhost, *.local, *.internal, metadata, single labels. */
export function isInternalHostname(host: string): boolean {
  const h = host.toLowerCase();
  return internalName.test(h) || metadataNames.has(h) || !h.includes(".");
}

/**
 * Throws BlockedTargetError unless the URL may be fetched under the policy.
 * Returns the addresses checked (all public), none when private targets are allowed.
 */
export async function assertFetchable(url: URL, policy: TargetPolicy): Promise<string[]> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new BlockedTargetError(`only http and https URLs are crawled, not ${url.protocol}`);
  }
  if (url.username || url.password) throw new BlockedTargetError("URLs with credentials are never fetched");
  if (policy.allowPrivate) return [];
  if (url.port && url.port !== "80" && url.port !== "443") {
    throw new BlockedTargetError(`port ${url.port} is not allowed (only 80 and 443)`);
  }
  const host = url.hostname.toLowerCase();
  if (isIpLiteral(host))
    throw new BlockedTargetError("IP-address hosts are not crawled; use the domain name");
  if (isInternalHostname(host)) {
    throw new BlockedTargetError(`${host} is an internal name`);
  }
  let addresses: string[];
  try {
    addresses = await policy.resolver.resolve(host);
  } catch (err) {
    throw new BlockedTargetError(
      `could not resolve ${host}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (addresses.length === 0) throw new BlockedTargetError(`${host} does not resolve`);
  for (const address of addresses) {
    const cls = classifyAddress(address);
    if (cls !== "public")
      throw new BlockedTargetError(`${host} resolves to a ${cls.replace("_", "-")} address`);
  }
  return addresses;
}
