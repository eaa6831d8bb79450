/** The page shell every dashboard page shares: skip link, header (with sign-out when signed in), main, footer. */
import type { Child } from "hono/jsx";
import { CSRF_FIELD } from "./csrf.ts";

export interface LayoutProps {
  title: string;
  /** The signed-in user's email (shows the navigation and sign-out). */
  user?: { email: string | null; isPlatformAdmin: boolean } | undefined;
  csrf?: string | undefined;
  narrow?: boolean;
  /** Our own scripts to load (deferred); the page must be rendered with `scripts: true`. */
  scripts?: string[];
  children: Child;
}

/** The pages' Content-Security-Policy: our stylesheet, forms posting here, nothing else. */
export const PAGE_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** The same, plus our own scripts and their requests back to this site (fetch and WebSocket). */
export const SCRIPT_PAGE_CSP = `${PAGE_CSP}; script-src 'self'; connect-src 'self'`;

export function Layout({ title, user, csrf, narrow, scripts = [], children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · Prospector`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        {scripts.map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="top">
          <a class="brand" href={user ? "/app" : "/auth/login"}>
            Prospector
          </a>
          {user ? (
            <nav aria-label="Main">
              <ul>
                <li>
                  <a href="/app">Runs</a>
                </li>
                <li>
                  <a href="/app/leads">Leads</a>
                </li>
                <li>
                  <a href="/app/settings">Settings</a>
                </li>
                {user.isPlatformAdmin ? (
                  <li>
                    <a href="/admin/dashboard">Admin</a>
                  </li>
                ) : null}
                <li>
                  <a href="/docs">API reference</a>
                </li>
                <li>
                  <span class="muted">{user.email}</span>
                </li>
                <li>
                  <form method="post" action="/auth/logout">
                    <input type="hidden" name={CSRF_FIELD} value={csrf ?? ""} />
                    <button type="submit" class="secondary">
                      Sign out
                    </button>
                  </form>
                </li>
              </ul>
            </nav>
          ) : null}
        </header>
        <main id="main" class={narrow ? "narrow" : undefined}>
          {children}
        </main>
        <footer>Prospector · lead discovery and qualification</footer>
      </body>
    </html>
  );
}
