/**
 * /admin/users: every tenant's users, pending accounts first, with a status
 * filter and pages; each pending account has an Approve button and each
 * user a role picker (small CSRF-protected forms posting to the API's paths).
 */
import { userRoles } from "../../db/schema.ts";
import type { AdminUser, UserStatus } from "../../services/admin/users.ts";
import { CSRF_FIELD } from "../csrf.ts";
import { Layout } from "../layout.tsx";
import { AdminNav } from "./admin-nav.tsx";

export interface AdminUsersProps {
  user: { email: string | null; isPlatformAdmin: boolean };
  csrf: string;
  users: AdminUser[];
  counts: Record<UserStatus, number>;
  status: UserStatus | undefined;
  page: number;
  perPage: number;
  more: boolean;
  notice?: { kind: "ok" | "error"; text: string } | undefined;
}

export const DEFAULT_PER_PAGE = 50;

const statusFilters: { status: UserStatus | undefined; label: string }[] = [
  { status: undefined, label: "All" },
  { status: "pending", label: "Pending" },
  { status: "active", label: "Active" },
  { status: "disabled", label: "Disabled" },
];

/** The list's address with these parameters (default ones left out). */
export function usersHref(query: {
  status?: UserStatus | undefined;
  page?: number;
  perPage?: number;
}): string {
  const params = new URLSearchParams();
  if (query.status) params.set("status", query.status);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  if (query.perPage && query.perPage !== DEFAULT_PER_PAGE) params.set("per_page", String(query.perPage));
  const search = params.toString();
  return search ? `/admin/users?${search}` : "/admin/users";
}

function Actions({ user, csrf, status }: { user: AdminUser; csrf: string; status: UserStatus | undefined }) {
  const who = user.email ?? user.id;
  const path = `/admin/users/${encodeURIComponent(user.id)}`;
  const selectId = `role-${user.id}`;
  return (
    <div class="toolbar">
      {user.status === "pending" ? (
        <form method="post" action={`${path}/approve`}>
          <input type="hidden" name={CSRF_FIELD} value={csrf} />
          {status ? <input type="hidden" name="status" value={status} /> : null}
          <button type="submit">
            Approve<span class="visually-hidden"> {who}</span>
          </button>
        </form>
      ) : null}
      <form method="post" action={`${path}/role`} class="inline-form">
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        {status ? <input type="hidden" name="status" value={status} /> : null}
        <label class="visually-hidden" for={selectId}>
          Role of {who}
        </label>
        <select id={selectId} name="role">
          {userRoles.map((role) => (
            <option value={role} selected={role === user.role}>
              {role}
            </option>
          ))}
        </select>
        <button type="submit" class="secondary">
          Change role<span class="visually-hidden"> of {who}</span>
        </button>
      </form>
    </div>
  );
}

export function AdminUsersPage(props: AdminUsersProps) {
  const { user, csrf, users, counts, status, page, perPage, more, notice } = props;
  return (
    <Layout title="Users · Admin console" user={user} csrf={csrf}>
      <h1>Users</h1>
      <AdminNav current="users" />
      {notice ? (
        <p class={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      ) : null}
      <nav aria-label="Filter by status" class="toolbar">
        {statusFilters.map((f) => (
          <a
            href={usersHref({ status: f.status, perPage })}
            aria-current={f.status === status ? "page" : undefined}
          >
            {f.label} ({f.status ? counts[f.status] : counts.pending + counts.active + counts.disabled})
          </a>
        ))}
      </nav>
      {users.length === 0 ? (
        <p class="muted">No users here.</p>
      ) : (
        <section class="table-wrap" aria-label="Users" tabindex={0}>
          <table class="compact">
            <caption class="muted">
              Users of every tenant{status ? ` (${status})` : ""}, accounts awaiting approval first, then
              newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Tenant</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Email confirmed</th>
                <th scope="col">Platform admin</th>
                <th scope="col">Created</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr>
                  <th scope="row">{u.email ?? <span class="muted">{u.id}</span>}</th>
                  <td>{u.tenant_name}</td>
                  <td>{u.role}</td>
                  <td>
                    <span class={`badge ${u.status}`}>{u.status}</span>
                  </td>
                  <td>{u.email_verified_at ? "yes" : "no"}</td>
                  <td>{u.is_platform_admin ? "yes" : "no"}</td>
                  <td>
                    <time datetime={u.created_at}>{u.created_at.slice(0, 10)}</time>
                  </td>
                  <td>
                    <Actions user={u} csrf={csrf} status={status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {page > 1 || more ? (
        <nav aria-label="Pages" class="pager">
          {page > 1 ? <a href={usersHref({ status, page: page - 1, perPage })}>Previous page</a> : null}
          <span>Page {page}</span>
          {more ? <a href={usersHref({ status, page: page + 1, perPage })}>Next page</a> : null}
        </nav>
      ) : null}
    </Layout>
  );
}
