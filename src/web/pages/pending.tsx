/** Shown to people whose account waits for an administrator's approval. */
import { Layout } from "../layout.tsx";

export function PendingPage({ verified = false }: { verified?: boolean }) {
  return (
    <Layout title="Awaiting approval" narrow>
      <h1>Your account is awaiting approval</h1>
      {verified ? (
        <p class="notice ok" role="status">
          Your email address is confirmed.
        </p>
      ) : null}
      <div class="card">
        <p>An administrator has to approve your account before you can use Prospector.</p>
        <p class="muted">You will get an email when that happens. Then sign in again.</p>
        <p>
          <a href="/auth/login">Back to sign in</a>
        </p>
      </div>
    </Layout>
  );
}
