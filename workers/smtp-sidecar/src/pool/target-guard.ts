/**
 * Which MX addresses the sidecar may open a connection to. Anyone who can
 * call `/v1/verify` chooses the domain, and so its MX records: a domain
 * whose mail host is 127.0.0.1 or 10.0.0.5 would turn the sidecar into a
 * port-25 scanner of its own network, with the servers' replies handed back
 * in `smtp_message`. So every address the crawler's guard refuses (see
 * ../ip-ranges.ts: loopback, private, link-local, CGNAT, metadata, ULA,
 * mapped and NAT64 forms, unspecified, broadcast, multicast, reserved) is
 * refused here too, before any packet is sent.
 *
 * Two places use it: the verifier refuses a mail host when any of its
 * addresses is refused (a name answering with a public and a private address
 * is refused whole, as the crawler does), and `openOutbound` checks the very
 * address it hands to the socket or the SOCKS proxy, whatever the caller.
 * ALLOW_PRIVATE_TARGETS (development only, see config.ts) lifts the guard
 * for mail worlds on loopback.
 */
import { type AddressClass, classifyAddress } from "../ip-ranges.ts";

/** A refused address and why. */
export interface RefusedTarget {
  address: string;
  /** The address's class; `invalid` when it is not an IP literal at all. */
  addressClass: Exclude<AddressClass, "public">;
}

/** A connection the guard did not let start; nothing was sent. */
export class BlockedTargetError extends Error {
  override name = "BlockedTargetError";
  readonly target: RefusedTarget;
  constructor(target: RefusedTarget) {
    super(`${target.address} is not a public address (${target.addressClass}): not probed`);
    this.target = target;
  }
}

/**
 * Why the sidecar must not connect to `address`, or null when it may. A
 * name is always refused: connecting to it would resolve it again, past
 * the check. `allowPrivate` lets every IP literal through.
 */
export function refusedTarget(address: string, allowPrivate: boolean): RefusedTarget | null {
  const addressClass = classifyAddress(address);
  if (addressClass === "public" || (allowPrivate && addressClass !== "invalid")) return null;
  return { address, addressClass };
}

/** The first refused address of a mail host's addresses, or null when all may be reached. */
export function refusedHostAddress(
  addresses: readonly string[],
  allowPrivate: boolean,
): RefusedTarget | null {
  for (const address of addresses) {
    const refused = refusedTarget(address, allowPrivate);
    if (refused) return refused;
  }
  return null;
}

/** Throws {@link BlockedTargetError} unless a connection to `address` may be opened. */
export function assertConnectable(address: string, allowPrivate: boolean): void {
  const refused = refusedTarget(address, allowPrivate);
  if (refused) throw new BlockedTargetError(refused);
}
