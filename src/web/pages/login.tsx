/** The sign-in page: email and password, a CSRF token, and where to go next. */
import { CSRF_FIELD } from "../csrf.ts";
import { Layout } from "../layout.tsx";

export interface LoginPageProps {
  csrf: string;
  next: string;
  email?: string;
  error?: string | undefined;
  notice?: string | undefined;
  /** Set when password sign-in is off (AUTH_MODE is not `session`). */
  disabledReason?: string | undefined;
  /** Shows the link to sign up (REGISTRATION_MODE open or approval). */
  canRegister?: boolean;
}

export function LoginPage({ csrf, next, email, error, notice, disabledReason, canRegister }: LoginPageProps) {
  return (
    <Layout title="Sign in" narrow>
      <h1>Sign in</h1>
      {notice ? (
        <p class="notice ok" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="notice error" role="alert" id="form-error">
          {error}
        </p>
      ) : null}
      {disabledReason ? (
        <p class="notice error" role="alert">
          {disabledReason}
        </p>
      ) : (
        <form
          method="post"
          action="/auth/login"
          class="card"
          aria-describedby={error ? "form-error" : undefined}
        >
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <input type="hidden" name="next" value={next} />
          <label for="email">Email</label>
          <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ""} />
          <label for="password">Password</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
          <div class="actions">
            <button type="submit">Sign in</button>
            <a href="/auth/forgot-password">Forgot your password?</a>
            {canRegister ? <a href="/auth/register">Create an account</a> : null}
          </div>
        </form>
      )}
    </Layout>
  );
}
