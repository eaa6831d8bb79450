/** The root page: where a newcomer opening the server in a browser goes next. */
import { Layout } from "../layout.tsx";

export interface WelcomePageProps {
  /** ENVIRONMENT=development with AUTH_MODE=dev: sign-in is the dev identity's (no passwords). */
  devSignIn: boolean;
}

export function WelcomePage({ devSignIn }: WelcomePageProps) {
  return (
    <Layout title="Welcome" narrow>
      <h1>Prospector</h1>
      <p>
        Finds the people behind company domains, infers and verifies their email addresses over SMTP, enriches
        and scores every lead.
      </p>
      <ul class="links">
        <li>
          <a href="/app">Open the dashboard</a>
          {devSignIn ? " (development: sign in as a development identity, no password)" : null}
        </li>
        <li>
          <a href="/docs">API reference</a> (every door's endpoints;{" "}
          <a href="/openapi.json">OpenAPI document</a>)
        </li>
        <li>
          <a href="/health/detailed">Health</a> of the API and its dependencies
        </li>
      </ul>
      <h2>See a whole run, offline</h2>
      <p>
        <code>npm run demo</code> starts synthetic companies on loopback (websites, DNS and mail servers),
        runs a discovery over them with live progress, and prints the leads and how many it got right.
      </p>
    </Layout>
  );
}
