/**
 * The verdict vocabulary: the closed lists of statuses and reasons a probe
 * can end with, and the per-address result shape the API returns. The README
 * documents each reason; keep the two in step.
 */

/** Every status a verified address can get. */
export const VERIFY_STATUSES = [
  "valid",
  "invalid",
  "risky_catch_all",
  "risky_full_inbox",
  "unknown_timeout",
  "unknown_greylisted",
  "unknown_blocked",
  "unknown_no_connect",
  "unknown",
] as const;

/** A verified address's status. */
export type VerifyStatus = (typeof VERIFY_STATUSES)[number];

/** Every reason code, each tied to exactly one status (see {@link REASON_STATUS}). */
export const VERIFY_REASONS = [
  "rcpt_2xx_non_catchall",
  "rcpt_2xx_catchall",
  "rcpt_2xx_catchall_undetermined",
  "rcpt_5xx_user_unknown",
  "rcpt_5xx_unclassified",
  "rcpt_4xx_unclassified",
  "mailbox_disabled",
  "over_quota",
  "greylisted",
  "ip_blocklisted",
  "server_busy",
  "session_rejected",
  "sender_rejected",
  "protocol_error",
  "timeout",
  "connect_failed",
  "blocked_target",
  "null_mx",
  "no_mx_no_a",
  "dns_error",
  "syntax",
] as const;

/** A stable machine code saying why an address got its status. */
export type VerifyReason = (typeof VERIFY_REASONS)[number];

/** The status each reason implies: a reason never changes meaning between calls. */
export const REASON_STATUS: Record<VerifyReason, VerifyStatus> = {
  rcpt_2xx_non_catchall: "valid",
  rcpt_2xx_catchall: "risky_catch_all",
  rcpt_2xx_catchall_undetermined: "unknown",
  rcpt_5xx_user_unknown: "invalid",
  rcpt_5xx_unclassified: "unknown",
  rcpt_4xx_unclassified: "unknown",
  mailbox_disabled: "invalid",
  over_quota: "risky_full_inbox",
  greylisted: "unknown_greylisted",
  ip_blocklisted: "unknown_blocked",
  server_busy: "unknown",
  session_rejected: "unknown",
  sender_rejected: "unknown",
  protocol_error: "unknown",
  timeout: "unknown_timeout",
  connect_failed: "unknown_no_connect",
  blocked_target: "unknown",
  null_mx: "invalid",
  no_mx_no_a: "invalid",
  dns_error: "unknown",
  syntax: "invalid",
};

/** Coarse mail provider guessed from the MX host names. */
export const MAIL_PROVIDERS = [
  "google",
  "microsoft",
  "proofpoint",
  "mimecast",
  "zoho",
  "yahoo",
  "other",
] as const;

/** A mail provider guess; `null` when the domain has no mail host at all. */
export type MailProvider = (typeof MAIL_PROVIDERS)[number];

/** One address's verification result, exactly as `POST /v1/verify` returns it. */
export interface MailboxVerdict {
  email: string;
  status: VerifyStatus;
  reason: VerifyReason;
  /** The MX host that answered, or null when none did. */
  mx: string | null;
  smtp_code: number | null;
  smtp_message: string | null;
  /** Whether the domain accepts any local part; null when not determined. */
  catch_all: boolean | null;
  provider: MailProvider | null;
  /** Seconds after which a retry may succeed (greylisting). */
  retry_after_s?: number;
  duration_ms: number;
}

/** Statuses worth caching: answers a retry a few minutes later would repeat. */
export function isSettledStatus(status: VerifyStatus): boolean {
  return status === "valid" || status === "invalid" || status.startsWith("risky_");
}
