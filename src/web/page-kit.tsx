/**
 * What every dashboard page handler shares: rendering with the pages' own
 * headers (CSP, no-store, same-origin referrer), reading forms, the
 * "form expired" answer to a failed CSRF check, throttling, and finding
 * out who is signed in.
 */
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import type { JSX } from "hono/jsx/jsx-runtime";
import { users } from "../db/schema.ts";
import { tenantScope } from "../db/tenant-scope.ts";
import type { Principal } from "../domain/identity/principal.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { authenticate } from "../middleware/auth.ts";
import { hitRateLimit } from "../middleware/rate-limit.ts";
import { PAGE_CSP, SCRIPT_PAGE_CSP } from "./layout.tsx";
import { MessagePage } from "./pages/message.tsx";

export type Ctx = Context<AppEnv>;

export function render(
  c: Ctx,
  page: JSX.Element,
  status: 200 | 201 | 400 | 401 | 403 | 404 | 409 | 429 | 503 = 200,
  options: { scripts?: boolean } = {},
) {
  // Pages with live updates may run our own scripts and talk back to this site (fetch, WebSocket).
  c.header("Content-Security-Policy", options.scripts ? SCRIPT_PAGE_CSP : PAGE_CSP);
  c.header("Cache-Control", "no-store");
  // Same-origin form posts then carry their Origin (under the API's no-referrer, browsers send "null").
  c.header("Referrer-Policy", "same-origin");
  return c.html(`<!doctype html>${page}`, status);
}

export async function formOf(c: Ctx): Promise<Record<string, unknown>> {
  const type = c.req.header("Content-Type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data"))
    return {};
  return (await c.req.parseBody()) as Record<string, unknown>;
}

export const expired = (c: Ctx, back: string) =>
  render(
    c,
    <MessagePage
      title="This form has expired"
      message="The form could not be checked (it is too old, or it was not sent from this site). Reload the page and try again."
      back={back}
    />,
    403,
  );

export const field = (value: unknown, max: number) => (typeof value === "string" ? value.slice(0, max) : "");

export const clientAddress = (c: Ctx) => c.req.header("CF-Connecting-IP") ?? "unknown";

/** True when `key` went over `limit` in the window (the limiter failing open counts as not throttled). */
export async function throttled(c: Ctx, key: string, limit: number, windowMs: number): Promise<boolean> {
  const decision = await hitRateLimit(c, key, limit, windowMs);
  if (decision && !decision.allowed) {
    c.header("Retry-After", String(decision.retryAfter));
    return true;
  }
  return false;
}

/** The signed-in principal, or null (the page then sends the visitor to sign in). */
export async function signedIn(c: Ctx): Promise<Principal | { pending: true } | null> {
  try {
    return await authenticate(c);
  } catch (err) {
    if (err instanceof ApiError && err.code === "account_pending") return { pending: true };
    if (err instanceof ApiError) return null;
    throw err;
  }
}

export interface PageUser {
  email: string | null;
  isPlatformAdmin: boolean;
}

/**
 * Who is looking at an app page: the principal and what the header shows,
 * or the redirect a visitor gets instead (to sign in, coming back here
 * afterwards; or to the pending page). `platformAdmin` pages answer 404 to
 * everyone else, as if they did not exist.
 */
export async function pageVisitor(
  c: Ctx,
  options: { platformAdmin?: boolean } = {},
): Promise<{ principal: Principal; user: PageUser } | Response> {
  const principal = await signedIn(c);
  if (principal && "pending" in principal) return c.redirect("/auth/pending", 303);
  if (!principal) {
    const here = new URL(c.req.url);
    return c.redirect(`/auth/login?next=${encodeURIComponent(here.pathname + here.search)}`, 303);
  }
  if (options.platformAdmin && !principal.isPlatformAdmin) return pageNotFound(c);
  // Pages authenticate themselves (no principal on the context for getTenantScope): scoped to the one just read.
  const [row] = await tenantScope(c.var.db, principal.tenantId)
    .selectFields(users, { email: users.email }, eq(users.id, principal.userId ?? ""))
    .limit(1);
  return { principal, user: { email: row?.email ?? null, isPlatformAdmin: principal.isPlatformAdmin } };
}

/** The HTML 404 of the pages (a page that does not exist, or that the visitor may not know exists). */
export function pageNotFound(c: Ctx) {
  return render(
    c,
    <MessagePage title="Page not found" message="There is no page at this address." back="/app" />,
    404,
  );
}

/**
 * pageVisitor for a form's POST: someone whose session ended is sent to sign
 * in and then back to the form's page (not to this POST-only address).
 */
export async function formVisitor(c: Ctx, back: string) {
  const visitor = await pageVisitor(c);
  if (visitor instanceof Response && visitor.headers.get("Location")?.startsWith("/auth/login"))
    return c.redirect(`/auth/login?next=${encodeURIComponent(back)}`, 303);
  return visitor;
}
