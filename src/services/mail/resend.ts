/**
 * Resend's HTTP API (https://resend.com/docs/api-reference/emails/send-email):
 * POST {from, to, subject, text} with a bearer key; 200 answers `{id}`.
 * Timed out after 10 s; a refusal is a MailError with the provider's message
 * (the key is never part of it).
 */
import { MailError, type MailMessage, type MailSender } from "./mail.ts";

export interface ResendSettings {
  apiKey: string;
  from: string;
  url: string;
}

export class ResendMailSender implements MailSender {
  readonly provider = "resend" as const;
  constructor(
    private readonly settings: ResendSettings,
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  async send(message: MailMessage): Promise<void> {
    let res: Response;
    try {
      res = await this.fetcher(this.settings.url, {
        method: "POST",
        headers: { Authorization: `Bearer ${this.settings.apiKey}`, "Content-Type": "application/json" },
        body: JSON.stringify({
          from: this.settings.from,
          to: [message.to],
          subject: message.subject,
          text: message.text,
        }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new MailError(`The mail provider could not be reached: ${(err as Error).name}`);
    }
    if (res.ok) {
      await res.body?.cancel();
      return;
    }
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new MailError(
      `The mail provider refused the message (${res.status}): ${body?.message ?? "no detail"}`,
    );
  }
}
