/** Handlers for JSON session sign-in and sign-out. */
import type { RouteHandler } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { sessions } from "../../db/schema.ts";
import type { Principal } from "../../domain/identity/principal.ts";
import type { AppEnv } from "../../env.ts";
import { getPrincipal, getTenantScope } from "../../middleware/auth.ts";
import { signInWithCookie, signOutCookie } from "../../middleware/session-cookie.ts";
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
  const { principal, expiresAt } = await signInWithCookie(c, email, password);
  return c.json(whoAmIView(principal, expiresAt), 200);
};

export const whoAmIHandler: RouteHandler<typeof whoAmI, AppEnv> = async (c) => {
  const principal = getPrincipal(c);
  let expiresAt: string | null = null;
  if (principal.sessionId) {
    const [row] = await getTenantScope(c).select(sessions, eq(sessions.id, principal.sessionId)).limit(1);
    expiresAt = row?.expires_at ?? null;
  }
  return c.json(whoAmIView(principal, expiresAt), 200);
};

export const signOutHandler: RouteHandler<typeof signOut, AppEnv> = async (c) => {
  const principal = getPrincipal(c);
  if (principal.sessionId) await signOutCookie(c, principal);
  return c.json({ ok: true as const }, 200);
};
