/** Asking for a password reset link: one email field, and the same answer whatever the address. */
import { CSRF_FIELD } from "../csrf.ts";
import { TextField } from "../fields.tsx";
import { Layout } from "../layout.tsx";

export interface ForgotPasswordPageProps {
  csrf: string;
  /** Minutes a link works (said in the "sent" notice). */
  ttlMinutes: number;
  sent?: boolean;
  email?: string;
  problem?: string | undefined;
  error?: string | undefined;
}

export function ForgotPasswordPage({
  csrf,
  ttlMinutes,
  sent,
  email,
  problem,
  error,
}: ForgotPasswordPageProps) {
  return (
    <Layout title="Reset your password" narrow>
      <h1>Reset your password</h1>
      {sent ? (
        <p class="notice ok" role="status">
          If an account exists for that address, we have sent it a link to choose a new password. The link
          works once, for {ttlMinutes} minutes.
        </p>
      ) : null}
      {error ? (
        <p class="notice error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/auth/forgot-password" class="card" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <TextField
          name="email"
          label="Email"
          type="email"
          autocomplete="email"
          required
          value={email}
          hint="We will email you a link to choose a new password."
          problem={problem}
        />
        <div class="actions">
          <button type="submit">Send the link</button>
          <a href="/auth/login">Back to sign in</a>
        </div>
      </form>
    </Layout>
  );
}
