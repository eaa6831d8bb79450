/** The development outbox: messages are stored in D1 (dev_outbox) and read at /dev/outbox. */
import { desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { devOutbox } from "../../db/schema.ts";
import { newId } from "../../lib/ids.ts";
import type { MailMessage, MailSender } from "./mail.ts";

export class OutboxMailSender implements MailSender {
  readonly provider = "outbox" as const;
  constructor(private readonly db: Database) {}

  async send(message: MailMessage): Promise<void> {
    await this.db.insert(devOutbox).values({
      id: newId("mail"),
      to: message.to.toLowerCase(),
      subject: message.subject,
      text: message.text,
    });
  }
}

/** The latest messages, newest first (for one address when `to` is given). */
export function outboxMessages(db: Database, to?: string, limit = 50) {
  return db
    .select()
    .from(devOutbox)
    .where(to ? eq(devOutbox.to, to.toLowerCase()) : undefined)
    .orderBy(desc(devOutbox.created_at), desc(devOutbox.id))
    .limit(limit);
}
