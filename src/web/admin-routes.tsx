/**
 * The admin console's pages, for platform administrators only (everyone
 * else gets 404, visitors without a session the sign-in page):
 * /admin/dashboard, /admin/users and /admin/billing (plans, tenants, usage).
 *
 * The user list's forms post to the API's own paths
 * (/admin/users/{id}/approve and /role). Form bodies are handled here:
 * CSRF check, platform-admin check, the same services as the API, then 303
 * back to the list with a notice. Any other body is passed on (`next()`) to
 * the JSON API, which app.ts mounts after the pages and which accepts only
 * application/json, a type no cross-site form can send.
 */
import { Hono } from "hono";
import { userRoles, userStatuses } from "../db/schema.ts";
import { type AnalyticsWindow, isAnalyticsWindow } from "../domain/admin/time-buckets.ts";
import type { AppEnv } from "../env.ts";
import { platformAnalytics } from "../services/admin/analytics.ts";
import { tally, userCountsQuery } from "../services/admin/counts.ts";
import { platformMetrics } from "../services/admin/metrics.ts";
import { type PlanEdit, updatePlan } from "../services/admin/plans.ts";
import { listTenants, listUsage } from "../services/admin/tenants.ts";
import {
  type AdminRefusal,
  approveUser,
  changeUserRole,
  listUsers,
  refusals,
  type UserStatus,
} from "../services/admin/users.ts";
import { findPlan, listPlans } from "../services/billing/subscriptions.ts";
import { mailSender } from "../services/mail/mail.ts";
import { CSRF_FIELD, csrfToken, csrfValid } from "./csrf.ts";
import { type Ctx, expired, formOf, pageNotFound, pageVisitor, render } from "./page-kit.tsx";
import { AdminBillingPage, planFields } from "./pages/admin-billing.tsx";
import { AdminDashboardPage } from "./pages/admin-dashboard.tsx";
import { AdminUsersPage, DEFAULT_PER_PAGE, usersHref } from "./pages/admin-users.tsx";

const isUserStatus = (value: unknown): value is UserStatus =>
  typeof value === "string" && (userStatuses as readonly string[]).includes(value);

/** What the list says after a form post (`?done=` / `?error=`); unknown values say nothing. */
const doneNotices: Record<string, string> = {
  approved: "The account was approved, and the user was mailed a sign-in link.",
  approved_unmailed:
    "The account was approved, but the mail could not be sent: tell the user they can sign in now.",
  role: "The role was changed.",
  plan: "The plan was saved.",
};

function noticeOf(query: { done?: string | undefined; error?: string | undefined }) {
  if (query.done && Object.hasOwn(doneNotices, query.done))
    return { kind: "ok" as const, text: doneNotices[query.done]! };
  if (query.error === "bad_role") return { kind: "error" as const, text: "Choose owner, admin or member." };
  if (query.error === "bad_plan")
    return {
      kind: "error" as const,
      text: "Every number must be a whole number (limits at least 1); nothing was saved.",
    };
  if (query.error && Object.hasOwn(refusals, query.error))
    return { kind: "error" as const, text: refusals[query.error as AdminRefusal].detail };
  return undefined;
}

const isFormPost = (c: Ctx) =>
  /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i.test(
    c.req.header("Content-Type") ?? "",
  );

/** The form and the acting administrator, or the answer to give instead (expired form, sign-in). */
async function adminForm(c: Ctx, back = "/admin/users") {
  const form = await formOf(c);
  if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, back);
  const visitor = await pageVisitor(c, { platformAdmin: true });
  if (visitor instanceof Response) {
    if (visitor.status === 404) return visitor; // signed in, but not a platform administrator
    return c.redirect(`/auth/login?next=${encodeURIComponent(back)}`, 303);
  }
  return { form, actorId: visitor.principal.userId };
}

/** 303 back to the list (keeping its status filter) with the outcome in the query. */
function backToList(c: Ctx, form: Record<string, unknown>, outcome: { done: string } | { error: string }) {
  const status = isUserStatus(form.status) ? form.status : undefined;
  const href = usersHref({ status });
  const params = new URLSearchParams(outcome).toString();
  return c.redirect(`${href}${href.includes("?") ? "&" : "?"}${params}`, 303);
}

const pageNumber = (value: string | undefined, max: number, fallback: number) => {
  const parsed = Number.parseInt(value ?? "", 10);
  return Number.isFinite(parsed) && parsed >= 1 ? Math.min(parsed, max) : fallback;
};

/** The plan form's numbers, or null when one is not a whole number in range. */
function planEditOf(form: Record<string, unknown>): PlanEdit | null {
  const numbers: Record<string, number> = {};
  for (const f of planFields) {
    const raw = form[f.name];
    const n = typeof raw === "string" && /^\d{1,10}$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    const min = f.name === "price_cents" || f.name === "credits_per_period" ? 0 : 1;
    if (!Number.isSafeInteger(n) || n < min || n > 1_000_000_000) return null;
    numbers[f.name] = n;
  }
  const { price_cents, credits_per_period, ...limits } = numbers;
  return { price_cents, credits_per_period, limits };
}

export const adminPages = new Hono<AppEnv>()
  .get("/admin/dashboard", async (c) => {
    const visitor = await pageVisitor(c, { platformAdmin: true });
    if (visitor instanceof Response) return visitor;
    const asked = c.req.query("window");
    const window: AnalyticsWindow = isAnalyticsWindow(asked) ? asked : "7d";
    const [metrics, analytics] = await Promise.all([
      platformMetrics(c.var.db, c.var.sidecar),
      platformAnalytics(c.var.db, window),
    ]);
    return render(
      c,
      <AdminDashboardPage user={visitor.user} csrf={csrfToken(c)} metrics={metrics} analytics={analytics} />,
    );
  })
  .get("/admin/users", async (c) => {
    const visitor = await pageVisitor(c, { platformAdmin: true });
    if (visitor instanceof Response) return visitor;
    const asked = c.req.query("status");
    const status = isUserStatus(asked) ? asked : undefined;
    const perPage = pageNumber(c.req.query("per_page"), 100, DEFAULT_PER_PAGE);
    const page = pageNumber(c.req.query("page"), 10_000, 1);
    const [list, counts] = await Promise.all([
      listUsers(c.var.db, { status, limit: perPage, offset: (page - 1) * perPage }),
      userCountsQuery(c.var.db),
    ]);
    return render(
      c,
      <AdminUsersPage
        user={visitor.user}
        csrf={csrfToken(c)}
        users={list.users}
        more={list.more}
        counts={tally(userStatuses, counts)}
        status={status}
        page={page}
        perPage={perPage}
        notice={noticeOf({ done: c.req.query("done"), error: c.req.query("error") })}
      />,
    );
  })
  .get("/admin/billing", async (c) => {
    const visitor = await pageVisitor(c, { platformAdmin: true });
    if (visitor instanceof Response) return visitor;
    const [plans, tenants, usage] = await Promise.all([
      listPlans(c.var.db),
      listTenants(c.var.db, null, { skip: 0, limit: 200 }),
      listUsage(c.var.db, null, {}, { skip: 0, limit: 50 }),
    ]);
    return render(
      c,
      <AdminBillingPage
        user={visitor.user}
        csrf={csrfToken(c)}
        plans={plans}
        tenants={tenants}
        usage={usage}
        notice={noticeOf({ done: c.req.query("done"), error: c.req.query("error") })}
      />,
    );
  })
  .post("/admin/plans/:plan_id", async (c) => {
    const checked = await adminForm(c, "/admin/billing");
    if (checked instanceof Response) return checked;
    const plan = await findPlan(c.var.db, c.req.param("plan_id"));
    if (!plan) return pageNotFound(c);
    const edit = planEditOf(checked.form);
    if (!edit) return c.redirect("/admin/billing?error=bad_plan", 303);
    await updatePlan(c.var.db, checked.actorId ?? "", plan, edit);
    c.var.log.info("plan changed by a platform admin", { plan_id: plan.id, user_id: checked.actorId });
    return c.redirect("/admin/billing?done=plan", 303);
  })
  .post("/admin/users/:user_id/approve", async (c, next) => {
    if (!isFormPost(c)) return next();
    const checked = await adminForm(c);
    if (checked instanceof Response) return checked;
    const userId = c.req.param("user_id");
    const { db, config, log } = c.var;
    const outcome = await approveUser(
      { db, mail: mailSender(config, db), log, origin: config.publicOrigin },
      userId,
    );
    if (!outcome.ok) return backToList(c, checked.form, { error: outcome.refusal });
    log.info("user approved", { user_id: userId, by: checked.actorId, mail_sent: outcome.mailSent });
    return backToList(c, checked.form, { done: outcome.mailSent ? "approved" : "approved_unmailed" });
  })
  .post("/admin/users/:user_id/role", async (c, next) => {
    if (!isFormPost(c)) return next();
    const checked = await adminForm(c);
    if (checked instanceof Response) return checked;
    const role = userRoles.find((r) => r === checked.form.role);
    if (!role) return backToList(c, checked.form, { error: "bad_role" });
    const userId = c.req.param("user_id");
    const outcome = await changeUserRole(c.var.db, checked.actorId, userId, { role });
    if (!outcome.ok) return backToList(c, checked.form, { error: outcome.refusal });
    c.var.log.info("user role changed", { user_id: userId, by: checked.actorId, role });
    return backToList(c, checked.form, { done: "role" });
  });
