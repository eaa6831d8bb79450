/** Handlers of door 001's sign-in: the seed's bodies over the one identity. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { UserWithTenant } from "../../db/identity.ts";
import type { AppEnv } from "../../env.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import type { IssuedToken } from "../../services/auth/access-tokens.ts";
import { endSession } from "../../services/auth/sign-in.ts";
import { callerAccount, pendingApprovalMessage, signInForToken, signUpForToken } from "../door-auth.ts";
import type { logIn001, logOut001, me001, signUp001 } from "./auth.routes.ts";

/**
 * Every tenant is on the starter trial until plans exist (issue "plans");
 * credits are null rather than made up.
 */
const trial = { plan_id: "starter", status: "trial" };

const userView = ({ user, tenant }: UserWithTenant) => ({
  id: user.id,
  email: user.email ?? "",
  company_name: tenant.name,
});

const sessionView = (account: UserWithTenant, issued: IssuedToken) => ({
  success: true as const,
  token: issued.token,
  expires_in: issued.expiresIn,
  user: userView(account),
  subscription: trial,
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
  return c.json(sessionView(outcome.account, outcome.issued!), 201);
};

export const logIn001Handler: RouteHandler<typeof logIn001, AppEnv> = async (c) => {
  const { email, password } = c.req.valid("json");
  const { account, issued } = await signInForToken(c, email, password);
  return c.json(sessionView(account, issued), 200);
};

export const me001Handler: RouteHandler<typeof me001, AppEnv> = async (c) => {
  const account = await callerAccount(c);
  return c.json(
    { user: userView(account), subscription: { ...trial, credits_limit: null, credits_used: null } },
    200,
  );
};

export const logOut001Handler: RouteHandler<typeof logOut001, AppEnv> = async (c) => {
  const principal = getPrincipal(c);
  if (await endSession(c.var.db, principal)) c.var.log.info("signed out", { user_id: principal.userId });
  return c.json({ success: true as const, message: "Logged out successfully" }, 200);
};
