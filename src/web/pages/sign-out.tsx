/**
 * GET /auth/logout (seed 000 names it a GET): a page with the sign-out
 * button. Signing out on a bare GET would let any other site sign our
 * users out with an image tag, so the change itself is the POSTed form.
 */
import { CSRF_FIELD } from "../csrf.ts";
import { Layout } from "../layout.tsx";

export function SignOutPage({ csrf, signedIn }: { csrf: string; signedIn: boolean }) {
  return (
    <Layout title="Sign out" narrow>
      <h1>Sign out</h1>
      {signedIn ? (
        <form method="post" action="/auth/logout" class="card">
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          <p>Sign out of Prospector on this browser?</p>
          <div class="actions">
            <button type="submit">Sign out</button>
            <a href="/app">Stay signed in</a>
          </div>
        </form>
      ) : (
        <p>
          You are not signed in. <a href="/auth/login">Sign in</a>
        </p>
      )}
    </Layout>
  );
}
