/** What the settings pages' handlers share: the API's access rule, refusals. */
import type { UserRole } from "../db/schema.ts";
import { type Principal, roleAtLeast, scopeForMethod } from "../domain/identity/principal.ts";
import { csrfToken } from "./csrf.ts";
import { type Ctx, type PageUser, render } from "./page-kit.tsx";
import { SettingsRefusal, type SettingsSection } from "./pages/settings-parts.tsx";

/** Rows per page of the lists. */
export const SETTINGS_PAGE_SIZE = 50;

/** What the JSON API's requireAuth checks: the credential's scope for the method, then the role. */
export function allowed(principal: Principal, method: "GET" | "POST", role?: UserRole): boolean {
  return principal.scopes.includes(scopeForMethod(method)) && (!role || roleAtLeast(principal.role, role));
}

/** A refusal in the settings frame: 403 (not allowed) or 404 (no such thing in this tenant). */
export function refuse(
  c: Ctx,
  visitor: { user: PageUser },
  status: 403 | 404,
  where: { section: SettingsSection; back: string; message: string },
) {
  const page = (
    <SettingsRefusal
      title={status === 403 ? "Not allowed" : "Not found"}
      section={where.section}
      user={visitor.user}
      csrf={csrfToken(c)}
      error={where.message}
      back={where.back}
    />
  );
  return render(c, page, status);
}

/** The refusal of a change that needs an owner or an admin. */
export const onlyAdmins = (section: SettingsSection, back: string, what: string) => ({
  section,
  back,
  message: `${what} needs the owner or admin role.`,
});
