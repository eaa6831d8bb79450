/** Shared bits of the data stewardship tests: suppressing as a caller, reading rows straight from D1. */
import { env } from "cloudflare:test";
import { type Caller, call } from "../helpers/api.ts";

export function suppress(caller: Caller, body: Record<string, unknown>) {
  return call("POST", "/suppressions", { headers: caller.devHeaders(), json: body });
}

export function check(caller: Caller, query: string) {
  return call("GET", `/suppressions/check?${query}`, { headers: caller.devHeaders() });
}

/** A member of the caller's tenant (the owner already exists, so the colleague is a member). */
export async function memberOf(owner: Caller): Promise<Caller> {
  await owner.provision();
  return owner.colleague().provision();
}

export async function leadEmails(tenantId: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT email FROM leads WHERE tenant_id = ? ORDER BY email")
    .bind(tenantId)
    .all<{ email: string }>();
  return results.map((r) => r.email);
}
