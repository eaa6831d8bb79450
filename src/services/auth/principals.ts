/** The principal of a signed-in person, whatever the credential (cookie, access token, trusted token). */
import { apiKeyScopes, type Tenant, type User } from "../../db/schema.ts";
import type { AuthMethod, Principal } from "../../domain/identity/principal.ts";
import { ApiError } from "../../errors.ts";

/** The principal of a signed-in user; 403 for pending or disabled accounts and suspended tenants. */
export function userPrincipal(user: User, tenant: Tenant, method: AuthMethod): Principal {
  if (user.status === "pending") throw new ApiError("account_pending", "The account is awaiting approval");
  if (user.status === "disabled") throw new ApiError("account_disabled", "The account is disabled");
  if (tenant.status !== "active") throw new ApiError("forbidden", "The tenant is suspended");
  return {
    tenantId: user.tenant_id,
    userId: user.id,
    role: user.role,
    isPlatformAdmin: user.is_platform_admin,
    method,
    scopes: apiKeyScopes,
  };
}
