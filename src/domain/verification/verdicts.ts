/**
 * What a verification verdict means to a user: the sidecar's detailed status
 * folded into four classes, a 0-100 confidence that mail to the address is
 * delivered, and how long the verdict may be reused. Pure and table-tested.
 */
import type { VerificationStatus } from "../../db/schema.ts";

/** The four classes every status folds into (by its prefix). */
export type VerdictClass = "deliverable" | "undeliverable" | "risky" | "unknown";

/** The class of a status: valid, invalid, risky_*, unknown*. */
export function verdictClass(status: VerificationStatus): VerdictClass {
  if (status === "valid") return "deliverable";
  if (status === "invalid") return "undeliverable";
  if (status.startsWith("risky_")) return "risky";
  return "unknown";
}

/**
 * The score of a verdict, 0-100: how likely mail to the address is delivered
 * to a person.
 *
 * | status             | score | why                                                      |
 * | ------------------ | ----- | -------------------------------------------------------- |
 * | valid              | 95    | the server accepted this mailbox and refuses random ones |
 * | risky_full_inbox   | 60    | the mailbox exists but mail bounces until it is emptied  |
 * | risky_catch_all    | 50    | the domain accepts every address: existence is unknown   |
 * | unknown_greylisted | 40    | the server asked to come back later                      |
 * | unknown_* / unknown| 30    | no verdict (timeout, blocked, no connection)             |
 * | invalid            | 0     | no such mailbox, no mail server, or not an address       |
 *
 * A disabled mailbox (`mailbox_disabled`) scores 5 rather than 0: it existed.
 */
export function verdictScore(status: VerificationStatus, reason: string): number {
  switch (status) {
    case "valid":
      return 95;
    case "risky_full_inbox":
      return 60;
    case "risky_catch_all":
      return 50;
    case "unknown_greylisted":
      return 40;
    case "invalid":
      return reason === "mailbox_disabled" ? 5 : 0;
    default:
      return 30;
  }
}

/**
 * Unknown verdicts whose cause is on our side: our connection failed, our
 * address was refused or blocked, our resolver or the sidecar timed out, our
 * target guard refused the host, the verifier was unreachable. They say
 * nothing about the mailbox, so they are never stored in the shared cache
 * nor served from it (a broken mail route must not become every tenant's
 * answer once it is mended), and a run tries them again.
 */
const OWN_SIDE_REASONS: ReadonlySet<string> = new Set([
  "timeout",
  "connect_failed",
  "ip_blocklisted",
  "session_rejected",
  "sender_rejected",
  "blocked_target",
  "dns_error",
  "verifier_unavailable",
  "not_verified",
]);

/** True for an unknown verdict caused by our side (see OWN_SIDE_REASONS). */
export function isOwnSideFailure(status: VerificationStatus, reason: string): boolean {
  return verdictClass(status) === "unknown" && OWN_SIDE_REASONS.has(reason);
}

/**
 * Unknown verdicts the remote host gave (greylisting, 421 busy, an
 * unclassified 4xx or 5xx, a protocol error) are reused for minutes only:
 * the next try may well succeed.
 */
export const REMOTE_UNKNOWN_TTL_MS = 10 * 60 * 1000;

/** True when a verdict checked at `checkedAt` may still be reused at `now`. */
export function isVerdictFresh(
  status: VerificationStatus,
  reason: string,
  checkedAt: string,
  now: number,
  ttlDays: number,
): boolean {
  const age = now - Date.parse(checkedAt);
  if (!(age >= 0)) return false;
  if (isOwnSideFailure(status, reason)) return false;
  const ttl = verdictClass(status) === "unknown" ? REMOTE_UNKNOWN_TTL_MS : ttlDays * 86_400_000;
  return age < ttl;
}
