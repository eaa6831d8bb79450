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
  /** Development only (ENVIRONMENT=development, AUTH_MODE=dev): offer the dev identity sign-in. */
  devSignIn?: boolean;
}

export function LoginPage({
  csrf,
  next,
  email,
  error,
  notice,
  disabledReason,
  canRegister,
  devSignIn,
}: LoginPageProps) {
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
      {devSignIn ? (
        <form method="post" action="/auth/dev-session" class="card" aria-labelledby="dev-heading">
          <h2 id="dev-heading">Development sign-in</h2>
          <p class="muted">
            This server runs with ENVIRONMENT=development and AUTH_MODE=dev: there are no passwords. Continue
            as the identity the <code>X-Tenant-Id</code> and <code>X-User-Id</code> headers would give (made
            on first sight). Refused in every other environment.
          </p>
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <input type="hidden" name="next" value={next} />
          <label for="tenant_id">Tenant id</label>
          <input
            id="tenant_id"
            name="tenant_id"
            required
            value="demo"
            pattern="[A-Za-z0-9][A-Za-z0-9_.:@\-]{0,127}"
          />
          <label for="user_id">User id</label>
          <input
            id="user_id"
            name="user_id"
            required
            value="dev"
            pattern="[A-Za-z0-9][A-Za-z0-9_.:@\-]{0,127}"
          />
          <div class="actions">
            <button type="submit">Continue as this identity</button>
          </div>
        </form>
      ) : disabledReason ? (
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
