/**
 * Judging a probed domain: each address's verdict from its RCPT answer (or
 * failure, or greylisting) and what the domain's catch-all probe found.
 */
import type { RcptAction } from "./classify.ts";
import type { SmtpReply } from "./smtp-reply.ts";
import { type MailboxVerdict, REASON_STATUS, type VerifyReason } from "./verdict.ts";

/** A verdict before the caller adds the address, provider and timing. */
export type DomainVerdict = Omit<MailboxVerdict, "email" | "provider" | "duration_ms">;

/** How the server answered one address's RCPT, or why it could not. */
export type Answer =
  | { kind: "reply"; reply: SmtpReply; mx: string; action: RcptAction }
  | { kind: "failed"; reason: VerifyReason; mx: string | null; reply: SmtpReply | null };

/** A domain's catch-all answer from its random-address probe: accepted true, refused false, else unknown. */
export function catchAllFromProbe(answer: Answer | undefined): boolean | null {
  if (answer?.kind !== "reply") return null;
  if (answer.action.kind === "accepted") return true;
  const blocked = answer.action.kind === "final" && answer.action.reason === "ip_blocklisted";
  return answer.reply.code >= 500 && !blocked ? false : null;
}

/** The verdicts of one domain's `addresses`, given what its catch-all probe found. */
export function judgeDomain(
  greylistRetryMs: number,
  probe: {
    answers: ReadonlyMap<string, Answer>;
    greylisted: ReadonlyMap<string, { reply: SmtpReply; mx: string }>;
  },
  addresses: string[],
  catchAll: boolean | null,
  settle: (address: string, verdict: DomainVerdict) => void,
): void {
  const retryAfterS = Math.max(1, Math.ceil(greylistRetryMs / 1000));
  for (const address of addresses) {
    const answer = probe.answers.get(address);
    const greylisted = probe.greylisted.get(address);
    let reason: VerifyReason;
    let mx: string | null = null;
    let reply: SmtpReply | null = null;
    if (answer?.kind === "reply") {
      ({ mx, reply } = answer);
      if (answer.action.kind === "final") reason = answer.action.reason;
      else if (catchAll === true) reason = "rcpt_2xx_catchall";
      else reason = catchAll === false ? "rcpt_2xx_non_catchall" : "rcpt_2xx_catchall_undetermined";
    } else if (answer) {
      ({ reason, mx, reply } = answer);
    } else if (greylisted) {
      ({ mx, reply } = greylisted);
      reason = "greylisted";
    } else reason = "timeout";
    settle(address, {
      status: REASON_STATUS[reason],
      reason,
      mx,
      smtp_code: reply?.code ?? null,
      smtp_message: reply ? reply.text.slice(0, 500) : null,
      catch_all: catchAll,
      ...(reason === "greylisted" ? { retry_after_s: retryAfterS } : {}),
    });
  }
}
