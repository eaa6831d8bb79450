/**
 * Password recovery pages: /auth/forgot-password asks for a link (the
 * same answer whether or not the address has an account), and
 * /auth/reset-password turns a live link into a new password, then sends
 * the visitor to sign in. Open in every AUTH_MODE: a new password harms
 * nothing where passwords are not used to sign in. The link's token is
 * never logged (the request log records route patterns, not URLs).
 */
import { Hono } from "hono";
import { MIN_PASSWORD_LENGTH, passwordProblem } from "../domain/identity/password.ts";
import type { AppEnv } from "../env.ts";
import { sha256Hex } from "../lib/ids.ts";
import { hitRateLimit } from "../middleware/rate-limit.ts";
import { blockKeys } from "../services/api-keys.ts";
import {
  checkResetToken,
  RESET_TTL_MINUTES,
  requestPasswordReset,
  resetPassword,
} from "../services/auth/password-reset.ts";
import { MailError, mailSender } from "../services/mail/mail.ts";
import { CSRF_FIELD, csrfToken, csrfValid } from "./csrf.ts";
import { type Ctx, clientAddress, expired, field, formOf, render, throttled } from "./page-kit.tsx";
import { ForgotPasswordPage } from "./pages/forgot-password.tsx";
import {
  ResetLinkDeadPage,
  ResetPasswordPage,
  type ResetPasswordPageProps,
} from "./pages/reset-password.tsx";

const HOUR_MS = 60 * 60_000;
/** Link requests: per address asked about (silently), and per client (a 429 page). */
export const RESET_REQUESTS_PER_EMAIL = 5;
export const RESET_REQUESTS_PER_CLIENT = 20;
/** New-password submissions per client. */
export const RESET_ATTEMPTS_PER_CLIENT = 20;

/** Looks up the address and mails the link; a mail failure is logged, never shown (the answer is the same). */
async function mailResetLink(c: Ctx, email: string) {
  try {
    await requestPasswordReset(
      c.var.db,
      mailSender(c.var.config, c.var.db),
      email,
      // Never the request's Host: a forged one would mail the token to another site.
      c.var.config.publicOrigin,
    );
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    c.var.log.error("password reset mail not sent", { error_message: err.message });
  }
}

const deadLink = (c: Ctx) => render(c, <ResetLinkDeadPage />, 400);

export const recoveryPages = new Hono<AppEnv>()
  .get("/auth/forgot-password", (c) =>
    render(
      c,
      <ForgotPasswordPage
        csrf={csrfToken(c)}
        ttlMinutes={RESET_TTL_MINUTES}
        sent={c.req.query("sent") !== undefined}
      />,
    ),
  )
  .post("/auth/forgot-password", async (c) => {
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, "/auth/forgot-password");
    const email = field(form.email, 320).trim().toLowerCase();
    const again = (status: 400 | 429, extra: { problem?: string; error?: string }) =>
      render(
        c,
        <ForgotPasswordPage csrf={csrfToken(c)} ttlMinutes={RESET_TTL_MINUTES} email={email} {...extra} />,
        status,
      );
    if (!email.includes("@")) return again(400, { problem: "Enter your email address." });
    if (await throttled(c, `reset-request:ip:${clientAddress(c)}`, RESET_REQUESTS_PER_CLIENT, HOUR_MS))
      return again(429, { error: "Too many requests from here. Try again in an hour." });
    // Not `throttled`: its Retry-After would tell this throttle apart from the usual answer.
    const perEmail = `reset-request:email:${await sha256Hex(email)}`;
    const decision = await hitRateLimit(c, perEmail, RESET_REQUESTS_PER_EMAIL, HOUR_MS);
    if (decision?.allowed !== false) {
      // After the response: the answer takes the same time whether or not the address has an account.
      c.executionCtx.waitUntil(mailResetLink(c, email));
    }
    // The same answer whatever happened (no enumeration, no hint about throttling per address).
    return c.redirect("/auth/forgot-password?sent", 303);
  })
  .get("/auth/reset-password", async (c) => {
    const token = field(c.req.query("token"), 200);
    if (!(await checkResetToken(c.var.db, token))) return deadLink(c);
    return render(
      c,
      <ResetPasswordPage csrf={csrfToken(c)} token={token} minPassword={MIN_PASSWORD_LENGTH} />,
    );
  })
  .post("/auth/reset-password", async (c) => {
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, "/auth/forgot-password");
    const token = field(form.token, 200);
    const password = field(form.password, 1001);
    const confirm = field(form.confirm, 1001);
    const again = (status: 400 | 429, extra: Pick<ResetPasswordPageProps, "problems" | "error">) =>
      render(
        c,
        <ResetPasswordPage csrf={csrfToken(c)} token={token} minPassword={MIN_PASSWORD_LENGTH} {...extra} />,
        status,
      );
    if (await throttled(c, `reset:ip:${clientAddress(c)}`, RESET_ATTEMPTS_PER_CLIENT, HOUR_MS))
      return again(429, { error: "Too many attempts from here. Try again in an hour." });
    const problems = {
      password: passwordProblem(password),
      confirm: password === confirm ? undefined : "The two passwords differ. Type the same password twice.",
    };
    if (problems.password || problems.confirm) {
      // A dead link says so first: fixing the password would not help.
      if (!(await checkResetToken(c.var.db, token))) return deadLink(c);
      return again(400, { problems });
    }
    const result = await resetPassword(c.var.db, token, password);
    if (result.outcome === "weak_password") return again(400, { problems: { password: result.problem } });
    if (result.outcome === "invalid_or_expired") return deadLink(c);
    c.var.log.info("password reset", { user_id: result.userId });
    await blockKeys({ db: c.var.db, limiter: c.env.RATE_LIMITER, log: c.var.log }, result.revokedKeyIds);
    return c.redirect("/auth/login?reset", 303);
  });
