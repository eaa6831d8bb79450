/**
 * Erasure of one address for a tenant (a data subject's request): the lead
 * and its run links are deleted outright, the address's verdict leaves the
 * global verification cache (other tenants simply probe it again), and the
 * address joins the tenant's suppression list so no later run or ingest
 * brings it back. All in one D1 batch: it happens entirely or not at all.
 */
import { eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { emailVerifications, leads, runLeads, suppressions } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { newId, nowIso, sha256Hex } from "../../lib/ids.ts";

/** Erases `email` (canonical form) for the tenant; says whether a lead was stored. */
export async function eraseAddress(
  db: Database,
  tenantId: string,
  email: string,
  createdBy: string | null,
): Promise<{ leadDeleted: boolean }> {
  const scope = tenantScope(db, tenantId);
  const leadIds = scope.selectFields(leads, { id: leads.id }, eq(leads.email, email));
  const [, deleted] = await db.batch([
    scope.delete(runLeads, inArray(runLeads.lead_id, leadIds)),
    scope.delete(leads, eq(leads.email, email)).returning({ id: leads.id }),
    db.delete(emailVerifications).where(eq(emailVerifications.email, email)),
    scope
      .insert(suppressions, [
        {
          id: newId("sup"),
          kind: "email",
          value_hash: await sha256Hex(email),
          reason: "erasure",
          created_by: createdBy,
          created_at: nowIso(),
        },
      ])
      .onConflictDoNothing(),
  ]);
  return { leadDeleted: deleted.length > 0 };
}
