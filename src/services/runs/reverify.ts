/**
 * Verifying again: mode `verify` (the tenant's stored leads on a domain,
 * verified fresh) and the retry rounds (addresses a server asked us to
 * try later, and ones that failed on our side, sent back through the queue
 * with a delay), their verdicts
 * written onto the stored leads.
 */
import { eq } from "drizzle-orm";
import { leads } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { draftOf, type Lead, type LeadDraft } from "../../domain/leads/lead.ts";
import type { AddressOutcome } from "../../domain/runs/build-leads.ts";
import { newId } from "../../lib/ids.ts";
import type { ReverifyMessage } from "../../queues/messages.ts";
import { domainChargeStatement } from "../billing/credits.ts";
import { suppressedAddresses } from "../stewardship/suppressions.ts";
import type { AddressVerdict } from "../verification.ts";
import { writeLeads } from "./lead-writer.ts";
import { finishDomainStatement, updateDomainProgress } from "./run-domains.ts";
import {
  afterDomain,
  describeRetries,
  type Key,
  log,
  logEntry,
  MAX_REVERIFY_ROUNDS,
  markCancelled,
  type PipelineDeps,
  scheduleReverify,
  stillRunning,
  toRetryLater,
  verify,
} from "./run-steps.ts";
import { getRunDomain, refreshCountersStatement } from "./store.ts";

/** Mode `verify`: the tenant's stored leads on the domain verified again (fresh), statuses updated. */
export async function reverifyStoredLeads(deps: PipelineDeps, key: Key, _position: number) {
  const { db } = deps;
  const stored = await tenantScope(db, key.tenantId).select(leads, eq(leads.company_domain, key.domain));
  await updateDomainProgress(db, key.tenantId, key.runId, key.domain, { stage: "verifying" });
  const { verdicts, unavailable } = await verify(
    deps,
    key,
    stored.map((l) => l.email),
    true,
  );
  if (unavailable) await log(deps, key, "warn", `verification unavailable (${unavailable})`);
  await applyVerdicts(deps, key, stored, verdicts);
  const line = logEntry(deps, {
    ...key,
    level: "info",
    message: `re-verified ${stored.length} stored leads`,
  });
  await db.batch([
    finishDomainStatement(db, key, "done", {
      emails_found: stored.length,
      emails_verified: unavailable ? 0 : stored.length,
      leads_found: stored.length,
    }),
    domainChargeStatement(db, key),
    line.statement,
    refreshCountersStatement(db, key.tenantId, key.runId),
  ]);
  await line.announce();
  await afterDomain(deps, key);
}

/** Writes new verdicts onto stored leads (status, reason, time; the score follows) and links them to the run. */
async function applyVerdicts(
  deps: PipelineDeps,
  key: Key,
  stored: Lead[],
  verdicts: Map<string, AddressOutcome & Partial<AddressVerdict>>,
) {
  const { db } = deps;
  // As stored (a lead an ingest gave no company or confidence keeps none), with the new verdicts.
  const drafts: LeadDraft[] = stored.map((l) => {
    const v = verdicts.get(l.email);
    return {
      ...draftOf(l),
      verify_status: v?.status ?? l.verify_status,
      verify_reason: v?.reason ?? l.verify_reason,
      verified_at: v?.checked_at ?? l.verified_at,
    };
  });
  const position = (await getRunDomain(db, key.tenantId, key.runId, key.domain))?.position ?? 0;
  // Re-verifying updates a lead; it does not refresh it (retention counts from the last crawl or ingest).
  await writeLeads(deps, key, position, drafts, { refresh: false });
}

/** A greylist retry: the addresses verified again (fresh); leads updated; the domain finished or retried again. */
export async function processReverify(deps: PipelineDeps, message: ReverifyMessage): Promise<void> {
  const { db } = deps;
  const key: Key = { tenantId: message.tenant_id, runId: message.run_id, domain: message.domain };
  const row = await getRunDomain(db, key.tenantId, key.runId, key.domain);
  if (row?.status !== "running") return;
  if (!(await stillRunning(db, key))) return markCancelled(deps, key);
  // An address suppressed during the greylist wait (an erasure, say) is not probed again.
  const suppressed = await suppressedAddresses(
    db,
    key.tenantId,
    message.emails.map((email) => ({ email, company_domain: key.domain })),
    { allowReservedNames: deps.config.isDevelopment },
  );
  const { verdicts } = await verify(
    deps,
    key,
    message.emails.filter((email) => !suppressed.has(email)),
    true,
  );
  const again = toRetryLater(verdicts);
  const scope = tenantScope(db, key.tenantId);
  const affected = await scope.select(
    leads,
    eq(leads.company_domain, key.domain),
    eq(leads.last_run_id, key.runId),
  );
  // A lead whose best address or an alternative was greylisted: rebuild its choice with the new verdicts.
  const touched = affected.filter(
    (l) => verdicts.has(l.email) || l.alternatives.some((a) => verdicts.has(a.email)),
  );
  const updates: Lead[] = [];
  for (const lead of touched) {
    const options = [
      {
        email: lead.email,
        verify_status: lead.verify_status,
        verify_reason: lead.verify_reason,
        pattern: lead.pattern,
        probability: null as number | null,
      },
      ...lead.alternatives,
    ].map((o) => {
      const v = verdicts.get(o.email);
      return v ? { ...o, verify_status: v.status, verify_reason: v.reason } : o;
    });
    const rank = (s: string) =>
      s === "valid" ? 0 : s.startsWith("risky") ? 1 : s.startsWith("unknown") ? 2 : 3;
    const best =
      lead.email_source === "published"
        ? options[0]!
        : [...options].sort((a, b) => rank(a.verify_status) - rank(b.verify_status))[0]!;
    const v = verdicts.get(best.email);
    updates.push({
      ...lead,
      email: best.email,
      pattern: best.pattern,
      verify_status: best.verify_status,
      verify_reason: best.verify_reason,
      verified_at: v?.checked_at ?? lead.verified_at,
      alternatives: options
        .filter((o) => o.email !== best.email)
        .map((o) => ({
          email: o.email,
          pattern: o.pattern,
          probability: o.probability,
          verify_status: o.verify_status,
          verify_reason: o.verify_reason,
        })),
    });
  }
  const moved = updates.filter((u, i) => u.email !== touched[i]!.email);
  if (moved.length > 0) {
    // The best address changed: the old row goes (its run link with it), the new one is written below.
    await db.batch(moved.map((u) => scope.delete(leads, eq(leads.id, u.id))) as [never, ...never[]]);
  }
  const fresh = new Map(updates.map((u) => [u.email, u]));
  await applyVerdicts(
    deps,
    key,
    updates.map((u) => ({ ...u, id: moved.includes(u) ? newId("lead") : u.id })),
    new Map([...verdicts].filter(([email]) => fresh.has(email)).map(([email, v]) => [email, v])),
  );
  if (again.length > 0 && message.round < MAX_REVERIFY_ROUNDS) {
    const delay = await scheduleReverify(
      deps,
      key,
      again.map((r) => r.email),
      Math.max(...again.map((r) => r.retryAfterS)),
      message.round + 1,
    );
    const line = logEntry(deps, {
      ...key,
      level: "info",
      message: `still ${describeRetries(again)}; again in ${delay} s`,
    });
    await db.batch([line.statement]);
    await line.announce();
    return;
  }
  const line = logEntry(deps, {
    ...key,
    level: again.length > 0 ? "warn" : "info",
    message:
      again.length > 0
        ? `done; still ${describeRetries(again)} after ${message.round} retries`
        : "done after retries",
  });
  await db.batch([
    finishDomainStatement(db, key, "done"),
    domainChargeStatement(db, key),
    line.statement,
    refreshCountersStatement(db, key.tenantId, key.runId),
  ]);
  await line.announce();
  await afterDomain(deps, key);
}
