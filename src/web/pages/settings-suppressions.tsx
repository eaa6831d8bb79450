/** The suppression list page: its entries (values are not kept, only their hashes), finding, adding, removing. */
import type { Suppression } from "../../db/schema.ts";
import { CSRF_FIELD } from "../csrf.ts";
import { TextField } from "../fields.tsx";
import type { PageUser } from "../page-kit.tsx";
import { Pager } from "../pager.tsx";
import { Choices, InputField, SettingsFrame, When } from "./settings-parts.tsx";

export interface SuppressionFormValues {
  kind: string;
  value: string;
  reason: string;
}

export interface SuppressionsPageProps {
  user: PageUser;
  csrf: string;
  rows: Pick<Suppression, "id" | "kind" | "reason" | "created_at">[];
  page: { offset: number; size: number; more: boolean };
  /** Owners and admins add and remove entries. */
  canEdit: boolean;
  /** The search, and why it could not be run. */
  q?: string;
  qProblem?: string | undefined;
  values?: SuppressionFormValues;
  problems?: Record<string, string>;
  notice?: string | undefined;
}

const kindLabels: Record<string, string> = { email: "An email address", domain: "A whole domain" };

export function SuppressionsPage(props: SuppressionsPageProps) {
  const { user, csrf, rows, page, canEdit, q = "", qProblem, problems = {}, notice } = props;
  const values = props.values ?? { kind: "email", value: "", reason: "" };
  const base = q ? `/app/settings/suppressions?q=${encodeURIComponent(q)}&` : "/app/settings/suppressions?";
  return (
    <SettingsFrame
      title="Suppression list"
      section="suppressions"
      user={user}
      csrf={csrf}
      notice={notice}
      error={
        Object.keys(problems).length > 0 ? "Nothing was added: some fields need your attention." : undefined
      }
    >
      <p>
        Crawls, ingests and verifications never store a suppressed address, nor any address at a suppressed
        domain. Only a hash of each value is kept, so entries are listed without their value: search to find
        the entries that suppress one.
      </p>
      <search>
        <form method="get" action="/app/settings/suppressions">
          <InputField
            name="q"
            label="Find an address or a domain"
            type="search"
            value={q}
            hint="An address finds the entries for it, its host and its domain."
            problem={qProblem}
          />
          <div class="actions">
            <button type="submit" class="secondary">
              Find
            </button>
            {q ? <a href="/app/settings/suppressions">Show all</a> : null}
          </div>
        </form>
      </search>
      {rows.length === 0 ? (
        <p class="muted">
          {q && !qProblem
            ? "Nothing on the list suppresses that."
            : page.offset > 0
              ? "No more entries."
              : "The list is empty."}
        </p>
      ) : (
        <section class="table-wrap" aria-label="Suppressions" tabindex={0}>
          <table>
            <caption class="muted">
              {q ? "The entries that suppress it" : "The suppression list, newest first"}
            </caption>
            <thead>
              <tr>
                <th scope="col">Kind</th>
                <th scope="col">Reason</th>
                <th scope="col">Added</th>
                {canEdit ? (
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr>
                  <th scope="row">{row.kind}</th>
                  <td>{row.reason ?? <span class="muted">—</span>}</td>
                  <td>
                    <When at={row.created_at} />
                  </td>
                  {canEdit ? (
                    <td>
                      <form
                        method="post"
                        action={`/app/settings/suppressions/${row.id}/delete`}
                        class="inline"
                      >
                        <input type="hidden" name={CSRF_FIELD} value={csrf} />
                        <input type="hidden" name="offset" value={String(page.offset)} />
                        <button
                          type="submit"
                          class="secondary"
                          aria-label={`Remove the ${row.kind} entry added ${row.created_at.slice(0, 16).replace("T", " ")}`}
                        >
                          Remove
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pager base={base} offset={page.offset} size={page.size} shown={rows.length} more={page.more} />
      {canEdit ? (
        <>
          <h2 id="add-heading">Add an entry</h2>
          <form
            method="post"
            action="/app/settings/suppressions"
            class="card"
            novalidate
            aria-labelledby="add-heading"
          >
            <input type="hidden" name={CSRF_FIELD} value={csrf} />
            <Choices
              name="kind"
              type="radio"
              legend="Suppress"
              choices={["email", "domain"]}
              checked={[values.kind]}
              label={(k) => kindLabels[k] ?? k}
              problem={problems.kind}
            />
            <TextField
              name="value"
              label="Address or domain"
              required
              maxlength={2000}
              value={values.value}
              hint="For a domain, a URL or an address works too: it is reduced to its registrable domain."
              problem={problems.value}
            />
            <TextField
              name="reason"
              label="Reason (optional)"
              maxlength={200}
              value={values.reason}
              hint="E.g. opt-out by email."
              problem={problems.reason}
            />
            <div class="actions">
              <button type="submit">Add to the list</button>
            </div>
          </form>
        </>
      ) : (
        <p class="muted">Only owners and admins can add or remove entries.</p>
      )}
    </SettingsFrame>
  );
}
