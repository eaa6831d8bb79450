/** Handlers of door 001's sign-in: the seed's bodies over the one identity. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { UserWithTenant } from "../../db/identity.ts";
import type { AppEnv } from "../../env.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import type { IssuedToken } from "../../services/auth/access-tokens.ts";
import { endSession } from "../../services/auth/sign-in.ts";
import { currentSubscription, knownSubscription } from "../../services/billing/subscriptions.ts";
import { callerAccount, pendingApprovalMessage, signInForToken, signUpForToken } from "../door-auth.ts";
import type { logIn001, logOut001, me001, signUp001 } from "./auth.routes.ts";

const userView = ({ user, tenant }: UserWithTenant) => ({
  id: user.id,
  email: user.email ?? "",
  company_name: tenant.name,
});

/** The tenant's plan and its state (a new tenant's trial is made on this first read). */
async function subscriptionOf(c: Context<AppEnv>, tenantId: string) {
  const s = await currentSubscription(c.var.db, tenantId, c.var.config.TRIAL_DAYS);
  return { subscription: s, short: { plan_id: s.plan.id, status: s.status } };
}

const sessionView = async (c: Context<AppEnv>, account: UserWithTenant, issued: IssuedToken) => ({
  success: true as const,
  token: issued.token,
  expires_in: issued.expiresIn,
  user: userView(account),
  subscription: (await subscriptionOf(c, account.tenant.id)).short,
});

export const signUp001Handler: RouteHandler<typeof signUp001, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const outcome = await signUpForToken(
    c,
    { email: body.email, password: body.password, company: body.company_name },
    { company: "company_name" },
  );
  if (outcome.kind === "pending") {
    return c.json(
      {
        success: true as const,
        token: null,
        pending_approval: true as const,
        message: pendingApprovalMessage,
      },
      202,
    );
  }
  return c.json(await sessionView(c, outcome.account, outcome.issued!), 201);
};

export const logIn001Handler: RouteHandler<typeof logIn001, AppEnv> = async (c) => {
  const { email, password } = c.req.valid("json");
  const { account, issued } = await signInForToken(c, email, password);
  return c.json(await sessionView(c, account, issued), 200);
};

export const me001Handler: RouteHandler<typeof me001, AppEnv> = async (c) => {
  const account = await callerAccount(c);
  // The access-token check read the subscription row with the session: no query here while its period runs.
  const known = knownSubscription(account, account.tenant.id);
  const s = await currentSubscription(c.var.db, account.tenant.id, c.var.config.TRIAL_DAYS, undefined, known);
  return c.json(
    {
      user: userView(account),
      subscription: {
        plan_id: s.plan.id,
        status: s.status,
        credits_limit: s.limits.credits_per_period,
        credits_used: s.credits_used,
      },
    },
    200,
  );
};

export const logOut001Handler: RouteHandler<typeof logOut001, AppEnv> = async (c) => {
  const principal = getPrincipal(c);
  if (await endSession(c.var.db, principal)) c.var.log.info("signed out", { user_id: principal.userId });
  return c.json({ success: true as const, message: "Logged out successfully" }, 200);
};
