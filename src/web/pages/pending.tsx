/** Shown to people whose account waits for an administrator's approval. */
import { Layout } from "../layout.tsx";

export function PendingPage() {
  return (
    <Layout title="Awaiting approval" narrow>
      <h1>Your account is awaiting approval</h1>
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
