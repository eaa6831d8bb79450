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

/** Unknown verdicts are reused for an hour only: the next try may well succeed. */
export const UNKNOWN_VERDICT_TTL_MS = 60 * 60 * 1000;

/** True when a verdict checked at `checkedAt` may still be reused at `now`. */
export function isVerdictFresh(
  status: VerificationStatus,
  checkedAt: string,
  now: number,
  ttlDays: number,
): boolean {
  const age = now - Date.parse(checkedAt);
  if (!(age >= 0)) return false;
  const ttl = verdictClass(status) === "unknown" ? UNKNOWN_VERDICT_TTL_MS : ttlDays * 86_400_000;
  return age < ttl;
}
