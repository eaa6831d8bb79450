/**
 * The settings pages: API keys, the ideal customer profile, the suppression
 * list. They mirror the JSON API through the same services and the same
 * role rules (owners and admins change things; keys are theirs alone), and
 * every POST goes: who is it, CSRF, allowed, valid, then 303 back with a
 * notice (the one exception: a new key's page, which shows its secret once).
 */
import { Hono } from "hono";
import { IcpProfileSchema } from "../domain/icp/score.ts";
import type { Principal } from "../domain/identity/principal.ts";
import type { AppEnv } from "../env.ts";
import { ApiError } from "../errors.ts";
import { nowIso } from "../lib/ids.ts";
import { CreateApiKeySchema } from "../routes/api-keys/api-keys.routes.ts";
import { createApiKey, keyManagerOf, listApiKeys, revokeApiKey } from "../services/api-keys.ts";
import { readIcpState, saveIcpProfile } from "../services/icp/state.ts";
import { CSRF_FIELD, csrfToken, csrfValid } from "./csrf.ts";
import {
  checked,
  DEFAULT_PROFILE,
  icpCandidate,
  icpFormFrom,
  icpFormValues,
  icpProblems,
} from "./icp-form.ts";
import {
  type Ctx,
  expired,
  field,
  formOf,
  formVisitor,
  type PageUser,
  pageVisitor,
  render,
} from "./page-kit.tsx";
import { offsetOf } from "./pager.tsx";
import { type ApiKeyFormValues, ApiKeysPage } from "./pages/settings-api-keys.tsx";
import { IcpPage } from "./pages/settings-icp.tsx";
import { SettingsOverviewPage } from "./pages/settings-overview.tsx";
import { allowed, onlyAdmins, refuse, SETTINGS_PAGE_SIZE } from "./settings-kit.tsx";
import { suppressionPages } from "./settings-suppressions-routes.tsx";

const KEYS = "/app/settings/api-keys";
const ICP = "/app/settings/icp";

/** An API key form's expiry: a YYYY-MM-DD day (the key stops at 00:00 UTC), empty for none, else a problem. */
function expiryOf(day: string): { at: string | null } | { problem: string } {
  if (day === "") return { at: null };
  const at = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00.000Z`) : null;
  if (!at || Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day)
    return { problem: "Enter a date as YYYY-MM-DD." };
  return { at: at.toISOString() };
}

const keyProblems: Record<string, string> = {
  name: "Give the key a name of 1 to 100 characters.",
  scopes: "Choose at least one scope.",
  expires_at: "Choose a day after today.",
};

async function keysPage(
  c: Ctx,
  visitor: { principal: Principal; user: PageUser },
  offset: number,
  extra: {
    values?: ApiKeyFormValues;
    problems?: Record<string, string>;
    notice?: string;
    created?: { name: string; key: string };
  },
) {
  const rows = await listApiKeys(c.var.db, visitor.principal.tenantId, {
    limit: SETTINGS_PAGE_SIZE + 1,
    offset,
  });
  return (
    <ApiKeysPage
      user={visitor.user}
      csrf={csrfToken(c)}
      keys={rows.slice(0, SETTINGS_PAGE_SIZE)}
      page={{ offset, size: SETTINGS_PAGE_SIZE, more: rows.length > SETTINGS_PAGE_SIZE }}
      now={nowIso()}
      {...extra}
    />
  );
}

export const settingsPages = new Hono<AppEnv>()
  .get("/app/settings", async (c) => {
    const visitor = await pageVisitor(c);
    if (visitor instanceof Response) return visitor;
    return render(
      c,
      <SettingsOverviewPage
        user={visitor.user}
        csrf={csrfToken(c)}
        canAdmin={allowed(visitor.principal, "POST", "admin")}
      />,
    );
  })
  .get(KEYS, async (c) => {
    const visitor = await pageVisitor(c);
    if (visitor instanceof Response) return visitor;
    if (!allowed(visitor.principal, "GET", "admin"))
      return refuse(c, visitor, 403, onlyAdmins("api-keys", "/app/settings", "Managing API keys"));
    const notice =
      c.req.query("revoked") !== undefined ? "The key is revoked: it no longer works." : undefined;
    return render(c, await keysPage(c, visitor, offsetOf(c.req.query("offset")), notice ? { notice } : {}));
  })
  .post(KEYS, async (c) => {
    const visitor = await formVisitor(c, KEYS);
    if (visitor instanceof Response) return visitor;
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, KEYS);
    if (!allowed(visitor.principal, "POST", "admin"))
      return refuse(c, visitor, 403, onlyAdmins("api-keys", "/app/settings", "Managing API keys"));
    const values = {
      name: field(form.name, 200),
      scopes: checked(form["scopes[]"]),
      expires_on: field(form.expires_on, 20).trim(),
    };
    const again = async (problems: Record<string, string>) =>
      render(c, await keysPage(c, visitor, 0, { values, problems }), 400);
    const expiry = expiryOf(values.expires_on);
    const parsed = CreateApiKeySchema.safeParse({
      name: values.name,
      scopes: values.scopes,
      ...("at" in expiry && expiry.at ? { expires_at: expiry.at } : {}),
    });
    const problems: Record<string, string> = "problem" in expiry ? { expires_on: expiry.problem } : {};
    for (const issue of parsed.error?.issues ?? []) {
      const key = String(issue.path[0] ?? "name");
      problems[key === "expires_at" ? "expires_on" : key] ??= keyProblems[key] ?? issue.message;
    }
    if (!parsed.success || Object.keys(problems).length > 0) return again(problems);
    try {
      const { view, key } = await createApiKey(c.var.db, keyManagerOf(visitor.principal), {
        name: parsed.data.name,
        scopes: parsed.data.scopes,
        expiresAt: parsed.data.expires_at ?? null,
      });
      return render(c, await keysPage(c, visitor, 0, { created: { name: view.name, key } }), 201);
    } catch (err) {
      if (err instanceof ApiError && err.code === "validation_failed")
        return again({ expires_on: keyProblems.expires_at! });
      throw err;
    }
  })
  .post(`${KEYS}/:key_id/revoke`, async (c) => {
    const visitor = await formVisitor(c, KEYS);
    if (visitor instanceof Response) return visitor;
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, KEYS);
    if (!allowed(visitor.principal, "POST", "admin"))
      return refuse(c, visitor, 403, onlyAdmins("api-keys", "/app/settings", "Managing API keys"));
    const deps = { db: c.var.db, limiter: c.env.RATE_LIMITER, log: c.var.log };
    let revoked: Awaited<ReturnType<typeof revokeApiKey>>;
    try {
      revoked = await revokeApiKey(deps, keyManagerOf(visitor.principal), c.req.param("key_id").slice(0, 64));
    } catch (err) {
      if (!(err instanceof ApiError && err.code === "forbidden")) throw err;
      return refuse(c, visitor, 403, { section: "api-keys", back: KEYS, message: err.detail });
    }
    if (!revoked)
      return refuse(c, visitor, 404, {
        section: "api-keys",
        back: KEYS,
        message: "There is no such API key.",
      });
    return c.redirect(`${KEYS}?revoked`, 303);
  })
  .get(ICP, async (c) => {
    const visitor = await pageVisitor(c);
    if (visitor instanceof Response) return visitor;
    const state = await readIcpState(c.var.db, visitor.principal.tenantId);
    const saved = c.req.query("saved");
    const notice =
      saved === undefined
        ? undefined
        : /^\d{1,9}$/.test(saved)
          ? `Saved; re-scoring ${saved} lead${saved === "1" ? "" : "s"}.`
          : "Saved.";
    return render(
      c,
      <IcpPage
        user={visitor.user}
        csrf={csrfToken(c)}
        state={state}
        values={icpFormValues(state.profile ?? DEFAULT_PROFILE)}
        canEdit={allowed(visitor.principal, "POST", "admin")}
        notice={notice}
      />,
    );
  })
  .post(ICP, async (c) => {
    const visitor = await formVisitor(c, ICP);
    if (visitor instanceof Response) return visitor;
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, ICP);
    if (!allowed(visitor.principal, "POST", "admin"))
      return refuse(c, visitor, 403, onlyAdmins("icp", ICP, "Changing the profile"));
    const values = icpFormFrom(form);
    const parsed = IcpProfileSchema.safeParse(icpCandidate(values));
    if (!parsed.success) {
      const state = await readIcpState(c.var.db, visitor.principal.tenantId);
      return render(
        c,
        <IcpPage
          user={visitor.user}
          csrf={csrfToken(c)}
          state={state}
          values={values}
          canEdit
          problems={icpProblems(parsed.error.issues)}
        />,
        400,
      );
    }
    const deps = { db: c.var.db, queue: c.env.RUNS_QUEUE, log: c.var.log };
    const state = await saveIcpProfile(deps, visitor.principal, parsed.data);
    return c.redirect(`${ICP}?saved=${state.rescore_run?.leads_total ?? 0}`, 303);
  })
  .route("/", suppressionPages);
