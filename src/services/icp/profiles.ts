/**
 * The tenants' ideal customer profiles (icp_profiles): one per tenant, as
 * JSON, with a version that every PUT increments (a re-scoring run records
 * the version it applies and stops when a newer one arrives).
 */
import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { icpProfiles } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { type IcpProfile, IcpProfileSchema } from "../../domain/icp/score.ts";
import { nowIso } from "../../lib/ids.ts";

export interface StoredIcpProfile {
  profile: IcpProfile;
  version: number;
  updated_by: string | null;
  updated_at: string;
}

/** The tenant's profile, or null when it has none (leads then carry the baseline score). */
export async function getIcpProfile(db: Database, tenantId: string): Promise<StoredIcpProfile | null> {
  const row = await tenantScope(db, tenantId).select(icpProfiles).get();
  if (!row) return null;
  // Stored profiles were validated on the way in; parsing again fills defaults added since.
  return {
    profile: IcpProfileSchema.parse(row.profile),
    version: row.version,
    updated_by: row.updated_by,
    updated_at: row.updated_at,
  };
}

/** Stores the profile (validated by the caller) and returns it with its new version. */
export async function putIcpProfile(
  db: Database,
  tenantId: string,
  profile: IcpProfile,
  updatedBy: string | null,
): Promise<StoredIcpProfile> {
  const scope = tenantScope(db, tenantId);
  const now = nowIso();
  const row = await scope
    .insert(icpProfiles, [{ profile, version: 1, updated_by: updatedBy, updated_at: now }])
    .onConflictDoUpdate({
      target: scope.conflictTarget(icpProfiles),
      set: {
        profile: sql`excluded.profile`,
        version: sql`${icpProfiles.version} + 1`,
        updated_by: sql`excluded.updated_by`,
        updated_at: sql`excluded.updated_at`,
      },
    })
    .returning()
    .get();
  return { profile, version: row.version, updated_by: row.updated_by, updated_at: row.updated_at };
}
