/**
 * The suppression list's settings page: the list in pages of 50, finding
 * the entries that suppress a value (by its hash, the only thing stored),
 * adding an entry and removing one (owners and admins, as in the API).
 */
import { Hono } from "hono";
import type { Principal } from "../domain/identity/principal.ts";
import { controlCharacterProblem, foldSpaceControls } from "../domain/text/plain-text.ts";
import type { AppEnv } from "../env.ts";
import {
  addSuppression,
  deleteSuppression,
  listSuppressions,
  suppressionValue,
  valuesSuppressing,
} from "../services/stewardship/suppressions.ts";
import { CSRF_FIELD, csrfToken, csrfValid } from "./csrf.ts";
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
import { type SuppressionFormValues, SuppressionsPage } from "./pages/settings-suppressions.tsx";
import { allowed, onlyAdmins, refuse, SETTINGS_PAGE_SIZE } from "./settings-kit.tsx";

const LIST = "/app/settings/suppressions";

const notices: Record<string, string> = {
  added: "Added to the suppression list.",
  exists: "That value was already on the list; nothing changed.",
  deleted: "The entry is removed: later crawls and ingests may store its value again.",
};

/** "must be one email address" -> "This must be one email address." */
const sentence = (reason: string) =>
  `${reason.charAt(0).toUpperCase()}${reason.slice(1).replace(/\.?$/, ".")}`;

const domainOptions = (c: Ctx) => ({ allowReservedNames: c.var.config.isDevelopment });

async function listPage(
  c: Ctx,
  visitor: { principal: Principal; user: PageUser },
  query: { offset: number; q?: string },
  extra: {
    values?: SuppressionFormValues;
    problems?: Record<string, string>;
    notice?: string | undefined;
  } = {},
) {
  const { offset, q = "" } = query;
  let values: string[] | undefined;
  let qProblem: string | undefined;
  if (q) {
    const parsed = suppressionValue(q.includes("@") ? { email: q } : { domain: q }, domainOptions(c));
    if (parsed.ok) values = valuesSuppressing(parsed.value, domainOptions(c));
    else qProblem = sentence(parsed.reason);
  }
  const rows = qProblem
    ? []
    : await listSuppressions(c.var.db, visitor.principal.tenantId, {
        values,
        limit: SETTINGS_PAGE_SIZE + 1,
        offset,
      });
  const page = (
    <SuppressionsPage
      user={visitor.user}
      csrf={csrfToken(c)}
      rows={rows.slice(0, SETTINGS_PAGE_SIZE)}
      page={{ offset, size: SETTINGS_PAGE_SIZE, more: rows.length > SETTINGS_PAGE_SIZE }}
      canEdit={allowed(visitor.principal, "POST", "admin")}
      q={q}
      qProblem={qProblem}
      {...extra}
    />
  );
  return { page, refused: qProblem !== undefined };
}

export const suppressionPages = new Hono<AppEnv>()
  .get(LIST, async (c) => {
    const visitor = await pageVisitor(c);
    if (visitor instanceof Response) return visitor;
    const flag = Object.keys(notices).find((name) => c.req.query(name) !== undefined);
    const { page, refused } = await listPage(
      c,
      visitor,
      { offset: offsetOf(c.req.query("offset")), q: field(c.req.query("q"), 2000).trim() },
      { notice: flag ? notices[flag] : undefined },
    );
    return render(c, page, refused ? 400 : 200);
  })
  .post(LIST, async (c) => {
    const visitor = await formVisitor(c, LIST);
    if (visitor instanceof Response) return visitor;
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, LIST);
    if (!allowed(visitor.principal, "POST", "admin"))
      return refuse(c, visitor, 403, onlyAdmins("suppressions", LIST, "Changing the suppression list"));
    const kind = form.kind === "email" || form.kind === "domain" ? form.kind : undefined;
    const values = {
      kind: kind ?? "",
      value: field(form.value, 2000).trim(),
      reason: field(form.reason, 1000).trim(),
    };
    const problems: Record<string, string> = {};
    if (!kind) problems.kind = "Choose an email address or a whole domain.";
    const parsed = kind
      ? suppressionValue(
          kind === "email" ? { email: values.value } : { domain: values.value },
          domainOptions(c),
        )
      : null;
    if (parsed && !parsed.ok) problems.value = sentence(parsed.reason);
    if (values.reason.length > 200) problems.reason = "Keep the reason to 200 characters.";
    const reasonControl = controlCharacterProblem(values.reason);
    if (reasonControl) problems.reason = `The reason ${reasonControl}.`;
    if (!parsed?.ok || Object.keys(problems).length > 0) {
      const { page } = await listPage(c, visitor, { offset: 0 }, { values, problems });
      return render(c, page, 400);
    }
    const { row, created } = await addSuppression(c.var.db, visitor.principal.tenantId, {
      ...parsed.value,
      reason: foldSpaceControls(values.reason) || null,
      createdBy: visitor.principal.userId,
    });
    if (created) c.var.log.info("suppression added", { suppression_id: row.id, kind: row.kind });
    return c.redirect(`${LIST}?${created ? "added" : "exists"}`, 303);
  })
  .post(`${LIST}/:suppression_id/delete`, async (c) => {
    const visitor = await formVisitor(c, LIST);
    if (visitor instanceof Response) return visitor;
    const form = await formOf(c);
    if (!csrfValid(c, form[CSRF_FIELD])) return expired(c, LIST);
    if (!allowed(visitor.principal, "POST", "admin"))
      return refuse(c, visitor, 403, onlyAdmins("suppressions", LIST, "Changing the suppression list"));
    const id = c.req.param("suppression_id").slice(0, 64);
    if (!(await deleteSuppression(c.var.db, visitor.principal.tenantId, id)))
      return refuse(c, visitor, 404, {
        section: "suppressions",
        back: LIST,
        message: "There is no such entry.",
      });
    c.var.log.info("suppression removed", { suppression_id: id });
    const offset = offsetOf(form.offset);
    return c.redirect(`${LIST}?${offset > 0 ? `offset=${offset}&` : ""}deleted`, 303);
  });
