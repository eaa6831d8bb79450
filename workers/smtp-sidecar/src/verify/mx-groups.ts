/**
 * Grouping a request's domains by the mail hosts that serve them, so that
 * the customer domains of one provider (Google Workspace, a hosting
 * company) share sessions: domains whose MX hosts are the same names in
 * the same order form one group. And the waves in which DNS answers are
 * taken: grouping waits for every lookup, but never more than a moment
 * after the first one came back, so one slow or broken domain does not
 * hold up the others; lookups that come later are probed as they come.
 */
import type { MailHost } from "./mail-route.ts";

/** How long after the first DNS answer the first wave waits for the others. */
export const DNS_WAVE_MS = 250;

/** Items with the same MX host names, in preference order, together (first-seen order kept). */
export function groupByMailHosts<T extends { hosts: readonly MailHost[] }>(items: readonly T[]): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.hosts.map((host) => host.name).join(" ");
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/**
 * Splits `addresses` (domain by domain) into `parts` slices of nearly equal
 * size, each cut moved to the nearest domain boundary within half a slice:
 * a domain kept in one session has its answers at once and one greylist
 * retry, not two.
 */
export function splitAtDomains(addresses: readonly string[], parts: number): string[][] {
  if (addresses.length === 0) return [];
  const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);
  const size = addresses.length / Math.max(1, Math.min(parts, addresses.length));
  const boundaries: number[] = [];
  for (let i = 1; i < addresses.length; i++) {
    if (domainOf(addresses[i]!) !== domainOf(addresses[i - 1]!)) boundaries.push(i);
  }
  const cuts = [0];
  for (let ideal = size; Math.round(ideal) < addresses.length; ideal += size) {
    const near = boundaries.reduce(
      (best, b) => (Math.abs(b - ideal) < Math.abs(best - ideal) ? b : best),
      Number.POSITIVE_INFINITY,
    );
    const cut = Math.abs(near - ideal) <= size / 2 ? near : Math.round(ideal);
    if (cut > cuts.at(-1)! && cut < addresses.length) cuts.push(cut);
  }
  cuts.push(addresses.length);
  return cuts.slice(1).map((end, i) => addresses.slice(cuts[i], end));
}

/**
 * Calls `onWave` with the values of `lookups` (which never reject): first
 * with all that have settled once every one has, or `windowMs` after the
 * first did; then with each later one alone. Resolves when every wave's
 * work is done.
 */
export async function inWaves<T>(
  lookups: readonly Promise<T>[],
  windowMs: number,
  onWave: (values: T[]) => Promise<void>,
): Promise<void> {
  if (lookups.length === 0) return;
  const first: T[] = [];
  const work: Promise<void>[] = [];
  let open = true;
  let timer: NodeJS.Timeout | undefined;
  const close = () => {
    if (!open) return;
    open = false;
    clearTimeout(timer);
    work.push(onWave(first));
  };
  const watched = lookups.map((lookup) =>
    lookup.then((value) => {
      if (!open) {
        work.push(onWave([value]));
        return;
      }
      first.push(value);
      if (first.length === lookups.length) close();
      else if (first.length === 1) timer = setTimeout(close, windowMs);
    }),
  );
  await Promise.all(watched);
  await Promise.all(work);
}
