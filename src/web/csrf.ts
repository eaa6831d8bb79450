/**
 * CSRF protection for the HTML forms: a double-submit token. The token is
 * a random value in an HttpOnly, SameSite=Strict cookie, repeated in each
 * form as a hidden `_csrf` field; a POST is accepted only when both are
 * present and equal (compared in constant time) and, when the browser says
 * where the request came from (`Origin`, other than "null"), it is this site. A cross-site
 * form can neither read the cookie nor make the browser send it.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { timingSafeEqual } from "../domain/identity/password.ts";
import type { AppEnv } from "../env.ts";

export const CSRF_COOKIE = "prospector_csrf";
export const CSRF_FIELD = "_csrf";

const encoder = new TextEncoder();

function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/=+$/, "")
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
}

/** The token for the forms of this response (the cookie's, or a new one it sets). */
export function csrfToken(c: Context<AppEnv>): string {
  const existing = getCookie(c, CSRF_COOKIE);
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = newToken();
  setCookie(c, CSRF_COOKIE, token, { httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
  return token;
}

/** True when the form's token matches the cookie's and the request came from this site. */
export function csrfValid(c: Context<AppEnv>, formToken: unknown): boolean {
  // "null" is what a browser sends under `Referrer-Policy: no-referrer` (the API's): the token decides then.
  const origin = c.req.header("Origin");
  if (origin && origin !== "null" && origin !== new URL(c.req.url).origin) return false;
  const cookie = getCookie(c, CSRF_COOKIE);
  if (!cookie || typeof formToken !== "string" || formToken.length !== cookie.length) return false;
  return timingSafeEqual(encoder.encode(cookie), encoder.encode(formToken));
}
