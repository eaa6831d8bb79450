/** The API keys page: the tenant's keys, revoking one, and creating one (its secret shown once). */
import { apiKeyScopes } from "../../db/schema.ts";
import type { ApiKeyView } from "../../services/api-keys.ts";
import { CSRF_FIELD } from "../csrf.ts";
import { TextField } from "../fields.tsx";
import type { PageUser } from "../page-kit.tsx";
import { Pager } from "../pager.tsx";
import { Choices, InputField, SettingsFrame, When } from "./settings-parts.tsx";

export interface ApiKeyFormValues {
  name: string;
  scopes: string[];
  /** YYYY-MM-DD, or empty for a key that never expires. */
  expires_on: string;
}

export interface ApiKeysPageProps {
  user: PageUser;
  csrf: string;
  keys: ApiKeyView[];
  page: { offset: number; size: number; more: boolean };
  /** Now (ISO), to tell expired keys. */
  now: string;
  values?: ApiKeyFormValues;
  problems?: Record<string, string>;
  notice?: string | undefined;
  /** The key just created: the only time its secret is on a page. */
  created?: { name: string; key: string } | undefined;
}

export const NEW_KEY_DEFAULTS: ApiKeyFormValues = { name: "", scopes: ["read", "write"], expires_on: "" };

const scopeLabels: Record<string, string> = {
  read: "read (GET requests)",
  write: "write (changes)",
  admin: "admin (keys and settings)",
};

function status(key: ApiKeyView, now: string) {
  if (key.revoked_at)
    return (
      <>
        <span class="badge bad">Revoked</span> <When at={key.revoked_at} />
      </>
    );
  if (key.expires_at && key.expires_at <= now) return <span class="badge">Expired</span>;
  return <span class="badge ok">Active</span>;
}

export function ApiKeysPage(props: ApiKeysPageProps) {
  const { user, csrf, keys, page, now, values = NEW_KEY_DEFAULTS, problems = {}, notice, created } = props;
  const tomorrow = new Date(Date.parse(now) + 86_400_000).toISOString().slice(0, 10);
  return (
    <SettingsFrame
      title="API keys"
      section="api-keys"
      user={user}
      csrf={csrf}
      notice={notice}
      error={
        Object.keys(problems).length > 0
          ? "The key was not created: some fields need your attention."
          : undefined
      }
    >
      {created ? (
        <section class="card" aria-labelledby="new-key-heading">
          <h2 id="new-key-heading">Your new key “{created.name}”</h2>
          <p class="notice ok" role="status">
            Copy it now: it will not be shown again. Only its hash is stored, so it cannot be recovered; if it
            is lost, revoke it and create another.
          </p>
          <label for="new-key">The key</label>
          <input
            id="new-key"
            type="text"
            readonly
            value={created.key}
            autocomplete="off"
            spellcheck={false}
            aria-describedby="new-key-hint"
          />
          <p class="muted" id="new-key-hint">
            Send it in the X-API-Key header (or as Authorization: Bearer).
          </p>
        </section>
      ) : null}
      <h2>Keys</h2>
      {keys.length === 0 ? (
        <p class="muted">{page.offset > 0 ? "No more keys." : "No API keys yet."}</p>
      ) : (
        <section class="table-wrap" aria-label="API keys" tabindex={0}>
          <table>
            <caption class="muted">
              The tenant's API keys, newest first (secrets are never shown again)
            </caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Scopes</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr>
                  <th scope="row">{key.name}</th>
                  <td>
                    <code>{key.prefix}</code>
                  </td>
                  <td>{key.scopes.join(", ")}</td>
                  <td>
                    <When at={key.created_at} />
                  </td>
                  <td>
                    {key.last_used_at ? <When at={key.last_used_at} /> : <span class="muted">never</span>}
                  </td>
                  <td>{key.expires_at ? <When at={key.expires_at} /> : <span class="muted">never</span>}</td>
                  <td>{status(key, now)}</td>
                  <td>
                    {key.revoked_at ? null : (
                      <form method="post" action={`/app/settings/api-keys/${key.id}/revoke`} class="inline">
                        <input type="hidden" name={CSRF_FIELD} value={csrf} />
                        <button type="submit" class="secondary" aria-label={`Revoke ${key.name}`}>
                          Revoke
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <Pager
        base="/app/settings/api-keys?"
        offset={page.offset}
        size={page.size}
        shown={keys.length}
        more={page.more}
      />
      <h2 id="create-heading">Create a key</h2>
      <form
        method="post"
        action="/app/settings/api-keys"
        class="card"
        novalidate
        aria-labelledby="create-heading"
      >
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <TextField
          name="name"
          label="Name"
          required
          maxlength={100}
          value={values.name}
          hint="What will use it, e.g. CRM sync."
          problem={problems.name}
        />
        <Choices
          name="scopes[]"
          legend="Scopes"
          choices={apiKeyScopes}
          checked={values.scopes}
          label={(s) => scopeLabels[s] ?? s}
          problem={problems.scopes}
        />
        <InputField
          name="expires_on"
          label="Expires on (optional)"
          type="date"
          min={tomorrow}
          value={values.expires_on}
          hint="The key stops working at 00:00 UTC that day. Leave it empty for a key that does not expire."
          problem={problems.expires_on}
        />
        <div class="actions">
          <button type="submit">Create key</button>
        </div>
      </form>
    </SettingsFrame>
  );
}
