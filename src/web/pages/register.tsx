/** Sign-up: company, email, password (REGISTRATION_MODE open or approval). */
import { CSRF_FIELD } from "../csrf.ts";
import { FormNotices, TextField } from "../fields.tsx";
import { Layout } from "../layout.tsx";

export interface RegisterPageProps {
  csrf: string;
  values?: { email: string; company: string };
  problems?: Record<string, string>;
  error?: string | undefined;
  minPassword: number;
}

export function RegisterPage({ csrf, values, problems = {}, error, minPassword }: RegisterPageProps) {
  return (
    <Layout title="Create an account" narrow>
      <h1>Create an account</h1>
      <FormNotices error={error} anyProblem={Object.keys(problems).length > 0} />
      <form method="post" action="/auth/register" class="card" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <TextField
          name="company"
          label="Company"
          autocomplete="organization"
          required
          value={values?.company}
          problem={problems.company}
        />
        <TextField
          name="email"
          label="Work email"
          type="email"
          autocomplete="email"
          required
          value={values?.email}
          problem={problems.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autocomplete="new-password"
          required
          minlength={minPassword}
          hint={`At least ${minPassword} characters.`}
          problem={problems.password}
        />
        <div class="actions">
          <button type="submit">Create account</button>
          <a href="/auth/login">I have an account</a>
        </div>
      </form>
    </Layout>
  );
}
