/** Who is calling: the result of authentication, read by every handler. */
import type { ApiKeyScope, UserRole } from "../../db/schema.ts";

/** `jwt`: a token signed by someone we trust (AUTH_MODE=hs256); `access_token`: one we issued to a JSON door. */
export type AuthMethod = "dev_headers" | "jwt" | "session" | "access_token" | "api_key" | "ingest_token";

export interface Principal {
  tenantId: string;
  /** The user acting; for an API key, the user who created it (null if since deleted). */
  userId: string | null;
  role: UserRole;
  isPlatformAdmin: boolean;
  method: AuthMethod;
  /** What the credential may do; user credentials carry every scope. */
  scopes: readonly ApiKeyScope[];
  /** Set when the caller used an API key. */
  apiKeyId?: string;
  /** Set when the caller used a session cookie or an access token (the session row behind it). */
  sessionId?: string;
}

const roleRank: Record<UserRole, number> = { member: 1, admin: 2, owner: 3 };

/** True when `role` is at least `minimum` (owner > admin > member). */
export function roleAtLeast(role: UserRole, minimum: UserRole): boolean {
  return roleRank[role] >= roleRank[minimum];
}

/** The role an API key acts with: admin when it holds the `admin` scope, else member. */
export function roleForScopes(scopes: readonly ApiKeyScope[]): UserRole {
  return scopes.includes("admin") ? "admin" : "member";
}

/** The scope an HTTP method needs: reads need `read`, everything else `write`. */
export function scopeForMethod(method: string): ApiKeyScope {
  return method === "GET" || method === "HEAD" || method === "OPTIONS" ? "read" : "write";
}

/** Tenant and user ids from headers or tokens: short, printable, no separators that could confuse logs. */
export const externalIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,127}$/;
