/** Seeding the admin console's tests: accounts in any state, runs, domains and verdicts, straight into D1. */
import { env } from "cloudflare:test";
import { uniqueId } from "../helpers/api.ts";

export interface SeededUser {
  tenantId: string;
  userId: string;
  email: string;
}

/** A user (and, unless given, a new tenant), with the role, status and confirmation asked for. */
export async function seedUser(
  options: {
    tenantId?: string;
    role?: "owner" | "admin" | "member";
    status?: "pending" | "active" | "disabled";
    verified?: boolean;
    createdAt?: string;
  } = {},
): Promise<SeededUser> {
  const tenantId = options.tenantId ?? uniqueId("tenant");
  const userId = uniqueId("user");
  const email = `${userId}@example.com`.toLowerCase();
  if (!options.tenantId) {
    await env.DB.prepare("INSERT INTO tenants (id, name) VALUES (?, ?)")
      .bind(tenantId, `Tenant ${tenantId}`)
      .run();
  }
  await env.DB.prepare(
    `INSERT INTO users (id, tenant_id, email, role, status, email_verified_at, created_at)
     VALUES (?, ?, ?, ?, ?, ?, coalesce(?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))`,
  )
    .bind(
      userId,
      tenantId,
      email,
      options.role ?? "owner",
      options.status ?? "pending",
      options.verified === false ? null : "2026-01-01T00:00:00.000Z",
      options.createdAt ?? null,
    )
    .run();
  return { tenantId, userId, email };
}

/** The stored row of a user (what an action did or did not change). */
export async function userRow(userId: string) {
  return env.DB.prepare("SELECT role, status, is_platform_admin, updated_at FROM users WHERE id = ?")
    .bind(userId)
    .first<{ role: string; status: string; is_platform_admin: number; updated_at: string | null }>();
}

/** The mail the dev outbox holds for an address, newest first. */
export async function mailTo(email: string) {
  const { results } = await env.DB.prepare(
    'SELECT subject, text FROM dev_outbox WHERE "to" = ? ORDER BY created_at DESC, id DESC',
  )
    .bind(email)
    .all<{ subject: string; text: string }>();
  return results;
}

const runOptions = '{"mode":"full","skip_crawl":false,"skip_verify":false,"max_pages_per_domain":null}';

/** A run of a new tenant with the given status and creation time; returns its id and tenant. */
export async function seedRun(status: string, createdAt: string, tenantId = uniqueId("tenant")) {
  const runId = uniqueId("run");
  await env.DB.batch([
    env.DB.prepare("INSERT OR IGNORE INTO tenants (id, name) VALUES (?, ?)").bind(tenantId, "Runs"),
    env.DB.prepare(
      "INSERT INTO runs (id, tenant_id, status, options, domains_total, created_at) VALUES (?, ?, ?, ?, 1, ?)",
    ).bind(runId, tenantId, status, runOptions, createdAt),
  ]);
  return { runId, tenantId };
}

/** A domain of a run, with its status, dispatch and finish times and leads found. */
export async function seedDomain(
  run: { runId: string; tenantId: string },
  domain: { status: string; dispatchedAt?: string | null; finishedAt?: string | null; leads?: number },
) {
  const name = `${uniqueId("d")}.test`;
  await env.DB.prepare(
    `INSERT INTO run_domains (run_id, tenant_id, domain, position, status, dispatched_at, finished_at, leads_found)
     VALUES (?, ?, ?, 0, ?, ?, ?, ?)`,
  )
    .bind(
      run.runId,
      run.tenantId,
      name,
      domain.status,
      domain.dispatchedAt ?? null,
      domain.finishedAt ?? null,
      domain.leads ?? 0,
    )
    .run();
}

/** A verdict in the global verification cache, checked at `checkedAt`. */
export async function seedVerdict(status: string, checkedAt: string) {
  await env.DB.prepare(
    "INSERT INTO email_verifications (email, domain, status, reason, checked_at) VALUES (?, 'seed.test', ?, 'seeded', ?)",
  )
    .bind(`${uniqueId("v")}@seed.test`, status, checkedAt)
    .run();
}

/** `ms` before now, as the ISO timestamp the database stores. */
export const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
