/**
 * The dashboard's pages (server-rendered with hono/jsx, no scripts): the
 * stylesheet, sign-in and sign-out with CSRF-checked forms, the page for
 * accounts awaiting approval, and the signed-in start page. Pages answer
 * HTML, never the API's JSON errors, and carry their own CSP.
 */
import { Hono } from "hono";
import { MIN_PASSWORD_LENGTH } from "../domain/identity/password.ts";
import { safeReturnPath } from "../domain/identity/return-path.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { signInAsDevIdentity, signInWithCookie, signOutCookie } from "../middleware/session-cookie.ts";
import {
  register,
  registrationProblems,
  resendVerificationCode,
  verifyEmailCode,
} from "../services/auth/registration.ts";
import { MailError, mailSender } from "../services/mail/mail.ts";
import { outboxMessages } from "../services/mail/outbox.ts";
import { listRuns } from "../services/runs/store.ts";
import { adminPages } from "./admin-routes.tsx";
import { appPages } from "./app-routes.tsx";
import { CSRF_FIELD, csrfToken, csrfValid } from "./csrf.ts";
import {
  type Ctx,
  clientAddress,
  expired,
  field,
  formOf,
  pageNotFound,
  pageVisitor,
  render,
  signedIn,
  throttled,
} from "./page-kit.tsx";
import { HOME_PAGE_SIZE, HomePage } from "./pages/home.tsx";
import { LoginPage } from "./pages/login.tsx";
import { OutboxPage } from "./pages/outbox.tsx";
import { PendingPage } from "./pages/pending.tsx";
import { RegisterPage } from "./pages/register.tsx";
import { SignOutPage } from "./pages/sign-out.tsx";
import { VerifyEmailPage } from "./pages/verify-email.tsx";
import { WelcomePage } from "./pages/welcome.tsx";
import { recoveryPages } from "./recovery-routes.tsx";
import { settingsPages } from "./settings-routes.tsx";
import { appCss } from "./style.ts";

/** Runs the rest of a sign-up after the response; a failure is logged, never shown (the answer was the same). */
async function finishSignUp(c: Ctx, finish: () => Promise<void>) {
  try {
    await finish();
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    c.var.log.error("sign-up mail not sent", { error_message: err.message });
  }
}

export const webRouter = new Hono<AppEnv>()
  .get("/assets/app.css", (c) => {
    c.header("Content-Type", "text/css; charset=utf-8");
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(appCss);
  })
  .get("/", (c) => {
    // Browsers get a page that leads somewhere; API clients a JSON 404 that says where the API is described.
    if (!(c.req.header("Accept") ?? "").includes("text/html")) {
      throw new ApiError(
        "not_found",
        "No API operation at /; the reference is at /docs, the document at /openapi.json",
      );
    }
    const devSignIn = c.var.config.isDevelopment && c.var.config.AUTH_MODE === "dev";
    return render(c, <WelcomePage devSignIn={devSignIn} />);
  })
  .get("/auth/login", (c) => {
    const mode = c.var.config.AUTH_MODE;
    return render(
      c,
      <LoginPage
        csrf={csrfToken(c)}
        next={safeReturnPath(c.req.query("next"))}
        notice={
          c.req.query("reset") !== undefined
            ? "Your password was changed. Sign in with the new one."
            : c.req.query("verified") !== undefined
              ? "Your email address is confirmed. Sign in."
              : c.req.query("signed_out") !== undefined
                ? "You are signed out."
                : undefined
        }
        canRegister={c.var.config.registrationMode !== "closed"}
        devSignIn={mode === "dev" && c.var.config.isDevelopment}
        disabledReason={
          mode === "session"
            ? undefined
            : `Sign-in with a password is off here (AUTH_MODE=${mode}); use an API key.`
        }
      />,
    );
  })
  .post("/auth/dev-session", async (c) => {
    if (!c.var.config.isDevelopment || c.var.config.AUTH_MODE !== "dev") return pageNotFound(c);
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, "/auth/login");
    const next = safeReturnPath(form.next);
    try {
      await signInAsDevIdentity(c, field(form.tenant_id, 128).trim(), field(form.user_id, 128).trim());
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const page = <LoginPage csrf={csrfToken(c)} next={next} devSignIn error={err.detail} />;
      return render(c, page, err.status === 403 ? 403 : 400);
    }
    return c.redirect(next, 303);
  })
  .post("/auth/login", async (c) => {
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, "/auth/login");
    // Checked before signing in: a `next` that cannot be followed must not leave a session behind a 500.
    const next = safeReturnPath(form.next);
    const email = typeof form.email === "string" ? form.email.slice(0, 320) : "";
    const password = typeof form.password === "string" ? form.password.slice(0, 1000) : "";
    const again = (error: string, status: 400 | 401 | 403 | 429) =>
      render(c, <LoginPage csrf={csrfToken(c)} next={next} email={email} error={error} />, status);
    if (!email || !password) return again("Enter your email and your password.", 400);
    try {
      await signInWithCookie(c, email, password);
      return c.redirect(next, 303);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      if (err.code === "account_pending") return c.redirect("/auth/pending", 303);
      if (err.code === "invalid_credentials") return again("The email or the password is wrong.", 401);
      if (err.code === "rate_limited") {
        for (const [name, value] of Object.entries(err.options.headers ?? {})) c.header(name, value);
        return again("Too many sign-in attempts. Wait a few minutes, then try again.", 429);
      }
      return again(err.detail, 403);
    }
  })
  .get("/auth/logout", async (c) => {
    const principal = await signedIn(c);
    return render(c, <SignOutPage csrf={csrfToken(c)} signedIn={principal !== null} />);
  })
  .post("/auth/logout", async (c) => {
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, "/app");
    const principal = await signedIn(c);
    await signOutCookie(c, principal && "pending" in principal ? null : principal);
    return c.redirect("/auth/login?signed_out", 303);
  })
  .get("/auth/pending", (c) => render(c, <PendingPage verified={c.req.query("verified") !== undefined} />))
  .get("/auth/register", (c) => {
    if (c.var.config.registrationMode === "closed") return pageNotFound(c);
    return render(c, <RegisterPage csrf={csrfToken(c)} minPassword={MIN_PASSWORD_LENGTH} />);
  })
  .post("/auth/register", async (c) => {
    if (c.var.config.registrationMode === "closed") return pageNotFound(c);
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, "/auth/register");
    const values = {
      email: field(form.email, 320).trim().toLowerCase(),
      password: field(form.password, 1001),
      company: field(form.company, 101),
    };
    const again = (status: 400 | 429, extra: { problems?: Record<string, string>; error?: string }) =>
      render(
        c,
        <RegisterPage csrf={csrfToken(c)} values={values} minPassword={MIN_PASSWORD_LENGTH} {...extra} />,
        status,
      );
    const problems = registrationProblems(values);
    if (Object.keys(problems).length > 0) return again(400, { problems });
    if (await throttled(c, `register:ip:${clientAddress(c)}`, 10, 60 * 60_000))
      return again(429, { error: "Too many sign-ups from here. Try again in an hour." });
    const finish = await register({ db: c.var.db, mail: mailSender(c.var.config, c.var.db) }, values);
    // After the response, like a password reset's mail: the answer cannot wait on (or tell of) either outcome.
    c.executionCtx.waitUntil(finishSignUp(c, finish));
    return c.redirect(`/auth/verify-email?email=${encodeURIComponent(values.email)}&sent`, 303);
  })
  .get("/auth/verify-email", (c) =>
    render(
      c,
      <VerifyEmailPage
        csrf={csrfToken(c)}
        email={field(c.req.query("email"), 320)}
        sent={c.req.query("sent") !== undefined}
      />,
    ),
  )
  .post("/auth/verify-email", async (c) => {
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, "/auth/verify-email");
    const email = field(form.email, 320).trim().toLowerCase();
    const code = field(form.code, 20).replace(/\s+/g, "");
    const again = (error: string, status: 400 | 429) =>
      render(c, <VerifyEmailPage csrf={csrfToken(c)} email={email} error={error} />, status);
    if (await throttled(c, `verify:email:${email}`, 10, 15 * 60_000))
      return again("Too many attempts. Wait a few minutes, then try again.", 429);
    const outcome = await verifyEmailCode(c.var.db, email, code, c.var.config.registrationMode);
    if (outcome === "activated") return c.redirect("/auth/login?verified", 303);
    if (outcome === "verified") return c.redirect("/auth/pending?verified", 303);
    return again("The code is wrong or has expired. Check the latest email, or send a new code.", 400);
  })
  .post("/auth/verify-email/resend", async (c) => {
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, "/auth/verify-email");
    const email = field(form.email, 320).trim().toLowerCase();
    if (!(await throttled(c, `verify-resend:email:${email}`, 5, 60 * 60_000))) {
      try {
        await resendVerificationCode(c.var.db, mailSender(c.var.config, c.var.db), email);
      } catch (err) {
        if (!(err instanceof MailError)) throw err;
        c.var.log.error("verification mail not sent", { error_message: err.message });
      }
    }
    // The same answer whatever happened (no enumeration, no hint about throttling per address).
    return c.redirect(`/auth/verify-email?email=${encodeURIComponent(email)}&sent`, 303);
  })
  .get("/dev/outbox", async (c) => {
    if (!c.var.config.isDevelopment) return pageNotFound(c);
    const to = c.req.query("to")?.slice(0, 320) || undefined;
    return render(c, <OutboxPage messages={await outboxMessages(c.var.db, to)} to={to} />);
  })
  .get("/dev/outbox.json", async (c) => {
    if (!c.var.config.isDevelopment) throw new ApiError("not_found", "No such page");
    const to = c.req.query("to")?.slice(0, 320) || undefined;
    return c.json({ messages: await outboxMessages(c.var.db, to) });
  })
  .get("/app", async (c) => {
    const visitor = await pageVisitor(c);
    if (visitor instanceof Response) return visitor;
    // `?before=<created_at>~<run id>`: the page after the run named (older runs).
    const [createdAt, id] = (c.req.query("before") ?? "").slice(0, 200).split("~");
    const before = createdAt && id ? { created_at: createdAt, id } : undefined;
    const rows = await listRuns(c.var.db, visitor.principal.tenantId, HOME_PAGE_SIZE + 1, before);
    const runs = rows.slice(0, HOME_PAGE_SIZE);
    const last = runs.at(-1);
    const older =
      rows.length > HOME_PAGE_SIZE && last
        ? `/app?before=${encodeURIComponent(`${last.created_at}~${last.id}`)}`
        : null;
    return render(
      c,
      <HomePage
        user={visitor.user}
        csrf={csrfToken(c)}
        runs={runs}
        older={older}
        paged={before !== undefined}
      />,
    );
  })
  .route("/", recoveryPages)
  .route("/", appPages)
  .route("/", settingsPages)
  .route("/", adminPages);
