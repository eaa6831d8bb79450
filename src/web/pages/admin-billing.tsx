/**
 * /admin/billing: the plan catalogue, each plan's numbers editable by a platform admin (the same
 * service as PATCH /api/v1/admin/plans/{id}), every tenant's plan, and the latest usage records.
 */
import type { TenantView } from "../../services/admin/tenants.ts";
import type { Plan } from "../../services/billing/subscriptions.ts";
import { CSRF_FIELD } from "../csrf.ts";
import { Layout } from "../layout.tsx";
import { AdminNav } from "./admin-nav.tsx";

export interface UsageRow {
  id: string;
  tenant_id: string;
  resource_type: string;
  resource_id: string | null;
  credits: number;
  created_at: string;
}

export interface AdminBillingProps {
  user: { email: string | null; isPlatformAdmin: boolean };
  csrf: string;
  plans: Plan[];
  tenants: TenantView[];
  usage: UsageRow[];
  notice?: { kind: "ok" | "error"; text: string } | undefined;
}

/** The numbers a plan form edits, with their labels. */
export const planFields = [
  { name: "price_cents", label: "Price (cents a month)" },
  { name: "credits_per_period", label: "Credits per period" },
  { name: "requests_per_minute", label: "Requests per minute" },
  { name: "requests_per_hour", label: "Requests per hour" },
  { name: "burst_per_minute", label: "Burst per minute" },
  { name: "batch_size", label: "Batch size" },
  { name: "concurrent_batches", label: "Concurrent batches" },
  { name: "live_connections", label: "Live connections" },
] as const;

function planValue(plan: Plan, name: (typeof planFields)[number]["name"]): number {
  if (name === "price_cents" || name === "credits_per_period") return plan[name];
  return plan.limits[name];
}

function PlanForm({ plan, csrf }: { plan: Plan; csrf: string }) {
  return (
    <form method="post" action={`/admin/plans/${encodeURIComponent(plan.id)}`} class="stack">
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      <fieldset>
        <legend>
          {plan.name} (<code>{plan.id}</code>)
        </legend>
        {planFields.map((f) => {
          const id = `${plan.id}-${f.name}`;
          return (
            <p>
              <label for={id}>{f.label}</label>
              <input
                id={id}
                name={f.name}
                type="number"
                min={f.name === "price_cents" || f.name === "credits_per_period" ? 0 : 1}
                max={1_000_000_000}
                step={1}
                required
                value={String(planValue(plan, f.name))}
              />
            </p>
          );
        })}
        <button type="submit">
          Save<span class="visually-hidden"> the {plan.name} plan</span>
        </button>
      </fieldset>
    </form>
  );
}

export function AdminBillingPage(props: AdminBillingProps) {
  const { user, csrf, plans, tenants, usage, notice } = props;
  return (
    <Layout title="Plans and usage · Admin console" user={user} csrf={csrf}>
      <h1>Plans and usage</h1>
      <AdminNav current="billing" />
      {notice ? (
        <p class={`notice ${notice.kind}`} role={notice.kind === "error" ? "alert" : "status"}>
          {notice.text}
        </p>
      ) : null}
      <h2>Plans</h2>
      <p class="muted">Changes bind on this server at once and everywhere within a minute.</p>
      <div class="grid">
        {plans.map((plan) => (
          <PlanForm plan={plan} csrf={csrf} />
        ))}
      </div>
      <h2>Tenants</h2>
      <section class="table-wrap" aria-label="Tenants" tabindex={0}>
        <table class="compact">
          <caption class="muted">The first 200 tenants, oldest first, with their plan and overrides</caption>
          <thead>
            <tr>
              <th scope="col">Tenant</th>
              <th scope="col">Plan</th>
              <th scope="col">Status</th>
              <th scope="col">Overrides</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((t) => (
              <tr>
                <th scope="row">
                  {t.name} <span class="muted">{t.id}</span>
                </th>
                <td>{t.plan}</td>
                <td>{t.status}</td>
                <td>
                  {Object.keys(t.limits).length === 0 ? (
                    <span class="muted">none</span>
                  ) : (
                    Object.entries(t.limits)
                      .map(([k, v]) => `${k} ${v}`)
                      .join(", ")
                  )}
                </td>
                <td>
                  <time datetime={t.created_at}>{t.created_at.slice(0, 10)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <h2>Latest usage</h2>
      {usage.length === 0 ? (
        <p class="muted">No usage recorded yet.</p>
      ) : (
        <section class="table-wrap" aria-label="Latest usage" tabindex={0}>
          <table class="compact">
            <caption class="muted">The 50 newest ledger records of every tenant</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Tenant</th>
                <th scope="col">What</th>
                <th scope="col">Credits</th>
              </tr>
            </thead>
            <tbody>
              {usage.map((u) => (
                <tr>
                  <th scope="row">
                    <time datetime={u.created_at}>{u.created_at.slice(0, 19).replace("T", " ")}</time>
                  </th>
                  <td>{u.tenant_id}</td>
                  <td>
                    {u.resource_type} {u.resource_id ? <span class="muted">{u.resource_id}</span> : null}
                  </td>
                  <td>{u.credits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </Layout>
  );
}
