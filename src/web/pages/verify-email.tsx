/** Confirming an address with the 6-digit code it was sent, and asking for a new code. */
import { CSRF_FIELD } from "../csrf.ts";
import { TextField } from "../fields.tsx";
import { Layout } from "../layout.tsx";

export interface VerifyEmailPageProps {
  csrf: string;
  email: string;
  sent?: boolean;
  error?: string | undefined;
}

export function VerifyEmailPage({ csrf, email, sent, error }: VerifyEmailPageProps) {
  return (
    <Layout title="Confirm your email" narrow>
      <h1>Confirm your email</h1>
      {sent ? (
        <p class="notice ok" role="status">
          If {email || "the address"} can receive our mail, a 6-digit code is on its way. It works for 15
          minutes.
        </p>
      ) : null}
      {error ? (
        <p class="notice error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="post" action="/auth/verify-email" class="card">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <TextField name="email" label="Email" type="email" autocomplete="email" required value={email} />
        <TextField
          name="code"
          label="Code"
          autocomplete="one-time-code"
          inputmode="numeric"
          pattern="[0-9]{6}"
          maxlength={6}
          required
        />
        <div class="actions">
          <button type="submit">Confirm</button>
        </div>
      </form>
      <form method="post" action="/auth/verify-email/resend" class="actions">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="email" value={email} />
        <button type="submit" class="secondary">
          Send a new code
        </button>
      </form>
    </Layout>
  );
}
