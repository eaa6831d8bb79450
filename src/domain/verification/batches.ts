/**
 * Packing addresses into sidecar requests so that a domain is not split
 * across requests when it fits in one: the sidecar probes a domain's
 * addresses in one SMTP session per 100 (one catch-all probe, one greylist
 * wait), and a domain cut in two costs a second session, a second probe and
 * a second wait. Domains are packed largest first into the first request
 * with room; a domain larger than a request fills whole requests of its own.
 */

/** The domain part of an address, lowercased ("" when there is no @). */
function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}

/** Splits `emails` into requests of at most `limit`, keeping each domain's addresses together where possible. */
export function packByDomain(emails: readonly string[], limit: number): string[][] {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a positive integer");
  const byDomain = new Map<string, string[]>();
  for (const email of emails) {
    const domain = domainOf(email);
    const group = byDomain.get(domain);
    if (group) group.push(email);
    else byDomain.set(domain, [email]);
  }
  const batches: string[][] = [];
  const groups: string[][] = [];
  for (const group of byDomain.values()) {
    let rest = group;
    while (rest.length >= limit) {
      batches.push(rest.slice(0, limit));
      rest = rest.slice(limit);
    }
    if (rest.length > 0) groups.push(rest);
  }
  groups.sort((a, b) => b.length - a.length);
  const open: string[][] = [];
  for (const group of groups) {
    const room = open.find((batch) => batch.length + group.length <= limit);
    if (room) room.push(...group);
    else open.push([...group]);
  }
  return [...batches, ...open];
}
