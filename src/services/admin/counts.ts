/**
 * Counting rows by status for the admin console: every status present, zeros
 * included. Cross-tenant by design (platform administrators only).
 */
import { count } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { users } from "../../db/schema.ts";

/** `{key: 0}` for every key, then the counts of the rows (rows with other keys are ignored). */
export function tally<K extends string>(
  keys: readonly K[],
  rows: readonly { status: string; n: number }[],
): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const row of rows) if (Object.hasOwn(out, row.status)) out[row.status as K] += Number(row.n);
  return out;
}

/** Users per status, across tenants (a query, so it can join a batch). */
export function userCountsQuery(db: Database) {
  return db.select({ status: users.status, n: count() }).from(users).groupBy(users.status);
}
