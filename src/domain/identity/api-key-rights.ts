/**
 * What an API key may do. A `user` key acts for the person who made it and
 * never with more than their rights today: the lower of the key's scopes and
 * the creator's current role, and nothing once the creator is gone, disabled
 * or moved to another tenant. A `service` key belongs to the tenant and acts
 * with its scopes alone (owners make and revoke those).
 */
import type { ApiKeyKind, ApiKeyScope, UserRole, UserStatus } from "../../db/schema.ts";
import { roleAtLeast, roleForScopes } from "./principal.ts";

/** The key's creator as stored now; null when the user was deleted. */
export interface KeyCreator {
  tenantId: string;
  role: UserRole;
  status: UserStatus;
}

/** The role a key acts with, or why it acts with none. */
export type ApiKeyRights =
  | { ok: true; role: UserRole }
  | { ok: false; why: "creator_deleted" | "creator_inactive" | "creator_moved" };

/** Decides a key's role from its kind, scopes and creator. */
export function apiKeyRights(
  key: { kind: ApiKeyKind; scopes: readonly ApiKeyScope[]; tenantId: string },
  creator: KeyCreator | null,
): ApiKeyRights {
  const scopeRole = roleForScopes(key.scopes);
  if (key.kind === "service") return { ok: true, role: scopeRole };
  if (!creator) return { ok: false, why: "creator_deleted" };
  if (creator.tenantId !== key.tenantId) return { ok: false, why: "creator_moved" };
  if (creator.status !== "active") return { ok: false, why: "creator_inactive" };
  return { ok: true, role: roleAtLeast(creator.role, scopeRole) ? scopeRole : creator.role };
}

/** The caller-facing reason a key acts with no rights. */
export const apiKeyRefusalDetail: Record<Exclude<ApiKeyRights, { ok: true }>["why"], string> = {
  creator_deleted: "The API key was revoked: the user who created it no longer exists",
  creator_inactive: "The API key was revoked: the account of the user who created it is not active",
  creator_moved: "The API key was revoked: the user who created it left the tenant",
};
