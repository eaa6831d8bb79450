/** /dev/outbox: the mail the development stack "sent", newest first. */
import type { devOutbox } from "../../db/schema.ts";
import { Layout } from "../layout.tsx";

export function OutboxPage({
  messages,
  to,
}: {
  messages: (typeof devOutbox.$inferSelect)[];
  to: string | undefined;
}) {
  return (
    <Layout title="Dev outbox">
      <h1>Dev outbox</h1>
      <p class="muted">
        Mail sent while ENVIRONMENT=development and MAIL_PROVIDER=outbox{to ? ` to ${to}` : ""}, newest first
        (50 at most). As JSON:{" "}
        <a href={`/dev/outbox.json${to ? `?to=${encodeURIComponent(to)}` : ""}`}>/dev/outbox.json</a>.
      </p>
      {messages.length === 0 ? (
        <p>Nothing sent yet.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Sent</th>
              <th scope="col">To</th>
              <th scope="col">Subject</th>
              <th scope="col">Text</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((m) => (
              <tr>
                <td>
                  <time datetime={m.created_at}>{m.created_at.slice(0, 19).replace("T", " ")}</time>
                </td>
                <td>{m.to}</td>
                <td>{m.subject}</td>
                <td>
                  <pre>{m.text}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
