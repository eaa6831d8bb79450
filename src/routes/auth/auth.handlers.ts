/** Handlers for JSON session sign-in and sign-out. */
import type { RouteHandler } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { sessions } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import type { Principal } from "../../domain/identity/principal.ts";
import type { AppEnv } from "../../env.ts";
import { getPrincipal } from "../../middleware/auth.ts";
import { signInWithPassword, signOut as signOutSession } from "../../services/auth/sign-in.ts";
import type { signIn, signOut, whoAmI } from "./auth.routes.ts";

function whoAmIView(p: Principal, sessionExpiresAt: string | null = null) {
  return {
    tenant_id: p.tenantId,
    user_id: p.userId,
    role: p.role,
    is_platform_admin: p.isPlatformAdmin,
    method: p.method,
    scopes: [...p.scopes],
    session_expires_at: sessionExpiresAt,
  };
}

export const signInHandler: RouteHandler<typeof signIn, AppEnv> = async (c) => {
  const { email, password } = c.req.valid("json");
  const { principal, expiresAt } = await signInWithPassword(c, email, password);
  return c.json(whoAmIView(principal, expiresAt), 200);
};

export const whoAmIHandler: RouteHandler<typeof whoAmI, AppEnv> = async (c) => {
  const principal = getPrincipal(c);
  let expiresAt: string | null = null;
  if (principal.sessionId) {
    const [row] = await tenantScope(c.var.db, principal.tenantId)
      .select(sessions, eq(sessions.id, principal.sessionId))
      .limit(1);
    expiresAt = row?.expires_at ?? null;
  }
  return c.json(whoAmIView(principal, expiresAt), 200);
};

export const signOutHandler: RouteHandler<typeof signOut, AppEnv> = async (c) => {
  const principal = getPrincipal(c);
  if (principal.sessionId) await signOutSession(c, principal);
  return c.json({ ok: true as const }, 200);
};
