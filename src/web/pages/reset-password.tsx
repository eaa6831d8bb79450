/** Choosing a new password from a reset link, and the page for a link that no longer works. */
import { CSRF_FIELD } from "../csrf.ts";
import { FormNotices, TextField } from "../fields.tsx";
import { Layout } from "../layout.tsx";

export interface ResetPasswordPageProps {
  csrf: string;
  token: string;
  minPassword: number;
  problems?: { password?: string | undefined; confirm?: string | undefined };
  error?: string | undefined;
}

export function ResetPasswordPage({
  csrf,
  token,
  minPassword,
  problems = {},
  error,
}: ResetPasswordPageProps) {
  return (
    <Layout title="Choose a new password" narrow>
      <h1>Choose a new password</h1>
      <FormNotices error={error} anyProblem={Boolean(problems.password || problems.confirm)} />
      <form method="post" action="/auth/reset-password" class="card" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <input type="hidden" name="token" value={token} />
        <TextField
          name="password"
          label="New password"
          type="password"
          autocomplete="new-password"
          required
          minlength={minPassword}
          hint={`At least ${minPassword} characters.`}
          problem={problems.password}
        />
        <TextField
          name="confirm"
          label="New password again"
          type="password"
          autocomplete="new-password"
          required
          minlength={minPassword}
          problem={problems.confirm}
        />
        <div class="actions">
          <button type="submit">Change password</button>
        </div>
      </form>
    </Layout>
  );
}

/** A reset link that is unknown, expired, used, or replaced by a newer one: all the same to the visitor. */
export function ResetLinkDeadPage() {
  return (
    <Layout title="This link no longer works" narrow>
      <h1>This link no longer works</h1>
      <p class="notice error" role="alert">
        This link has expired or was already used. Links work once, and only the newest one you asked for
        works.
      </p>
      <p>
        <a href="/auth/forgot-password">Ask for a new link</a>
      </p>
    </Layout>
  );
}
