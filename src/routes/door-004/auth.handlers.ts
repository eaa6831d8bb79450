/** Handlers of door 004's sign-in: the seed's bodies over the one identity. */
import type { RouteHandler } from "@hono/zod-openapi";
import type { UserWithTenant } from "../../db/identity.ts";
import type { AppEnv } from "../../env.ts";
import { callerAccount, pendingApprovalMessage, signInForToken, signUpForToken } from "../door-auth.ts";
import type { me004, register004, token004 } from "./auth.routes.ts";

const userView = ({ user }: UserWithTenant) => ({
  id: user.id,
  email: user.email ?? "",
  name: user.name,
  role: user.role,
  tenant_id: user.tenant_id,
  created_at: user.created_at,
  updated_at: user.updated_at ?? user.created_at,
});

export const token004Handler: RouteHandler<typeof token004, AppEnv> = async (c) => {
  const isForm = (c.req.header("Content-Type") ?? "").startsWith("application/x-www-form-urlencoded");
  const grant = isForm ? c.req.valid("form") : c.req.valid("json");
  const { issued } = await signInForToken(c, grant.username, grant.password);
  c.header("Cache-Control", "no-store");
  return c.json(
    { access_token: issued.token, token_type: "bearer" as const, expires_in: issued.expiresIn },
    200,
  );
};

export const register004Handler: RouteHandler<typeof register004, AppEnv> = async (c) => {
  const body = c.req.valid("json");
  const outcome = await signUpForToken(
    c,
    { email: body.email, password: body.password, company: body.name, name: body.name },
    { company: "name" },
    false,
  );
  if (outcome.kind === "pending") {
    return c.json({ status: "pending_approval" as const, message: pendingApprovalMessage }, 202);
  }
  return c.json(userView(outcome.account), 201);
};

export const me004Handler: RouteHandler<typeof me004, AppEnv> = async (c) => {
  const account = await callerAccount(c);
  return c.json(userView(account), 200);
};
