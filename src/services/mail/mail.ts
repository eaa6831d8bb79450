/**
 * Outgoing mail (sign-up codes, password resets, approvals) behind one
 * interface. Production: an HTTP provider (Resend's API; Cloudflare's
 * `send_email` binding only delivers to addresses verified in Email
 * Routing, so it cannot mail arbitrary users). Development: the outbox, a
 * D1 table read at /dev/outbox. `none`: sending fails with a clear error.
 */
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { OutboxMailSender } from "./outbox.ts";
import { ResendMailSender } from "./resend.ts";

export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text (every message has one; no HTML yet). */
  text: string;
}

export interface MailSender {
  readonly provider: "resend" | "outbox" | "none";
  send(message: MailMessage): Promise<void>;
}

/** Raised when a message could not be handed to the provider. */
export class MailError extends Error {
  override name = "MailError";
}

class NoMailSender implements MailSender {
  readonly provider = "none" as const;
  async send(): Promise<void> {
    throw new MailError("Outgoing mail is not configured (MAIL_PROVIDER=none)");
  }
}

/** The sender the configuration names. */
export function mailSender(config: Config, db: Database, fetcher: typeof fetch = fetch): MailSender {
  switch (config.MAIL_PROVIDER) {
    case "outbox":
      return new OutboxMailSender(db);
    case "resend":
      return new ResendMailSender(
        { apiKey: config.MAIL_API_KEY!, from: config.MAIL_FROM, url: config.MAIL_API_URL },
        fetcher,
      );
    default:
      return new NoMailSender();
  }
}
