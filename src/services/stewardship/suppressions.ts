/**
 * The tenant's suppression list: addresses and domains that are never stored
 * again. Values are reduced to one canonical form (a lowercased address, a
 * registrable domain) and only their SHA-256 is kept, so the list holds no
 * personal data. The lookups reuse the ingest's batched hash query.
 */
import { desc, eq, inArray } from "drizzle-orm";
import type { Database } from "../../db/client.ts";
import { type Suppression, suppressions } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { type DomainOptions, normalizeDomain, registrableDomain } from "../../domain/crawl/domain-name.ts";
import { isPlausibleEmail } from "../../domain/extract/email-filters.ts";
import { newId, nowIso, sha256Hex } from "../../lib/ids.ts";
import { hasSuppressions, suppressedHashes } from "../ingest/lead-store.ts";

export type SuppressionKind = Suppression["kind"];

/** A value ready to be hashed: its kind and canonical form. */
export type SuppressionValue = { kind: SuppressionKind; value: string };

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The canonical form of an address (trimmed, lowercased), or null when it is not one. */
export function canonicalEmail(input: string): string | null {
  const value = input
    .trim()
    .replace(/^mailto:/i, "")
    .toLowerCase();
  return ADDRESS.test(value) && isPlausibleEmail(value) ? value : null;
}

/** What a caller typed for a suppression, reduced to its canonical form; or why it cannot be. */
export function suppressionValue(
  input: { email?: string; domain?: string },
  options: DomainOptions = {},
): { ok: true; value: SuppressionValue } | { ok: false; field: "email" | "domain"; reason: string } {
  if (input.email !== undefined) {
    const email = canonicalEmail(input.email);
    return email
      ? { ok: true, value: { kind: "email", value: email } }
      : { ok: false, field: "email", reason: "must be one email address (local@domain)" };
  }
  const result = normalizeDomain(input.domain ?? "", options);
  return result.ok
    ? { ok: true, value: { kind: "domain", value: result.domain } }
    : { ok: false, field: "domain", reason: result.reason };
}

/** The values that suppress an address: itself, its host, the host's registrable domain. */
export function addressKeys(email: string, options: DomainOptions = {}): string[] {
  const host = email.slice(email.lastIndexOf("@") + 1);
  const domain = registrableDomain(host, options);
  return [...new Set([email, host, ...(domain ? [domain] : [])])];
}

/** The values whose entries suppress `entry`: for an address itself, its host and domain; else the domain. */
export function valuesSuppressing(entry: SuppressionValue, options: DomainOptions = {}): string[] {
  return entry.kind === "email" ? addressKeys(entry.value, options) : [entry.value];
}

/**
 * A page of the tenant's list, newest first, optionally of one kind, or only
 * the entries for the given canonical values (found by their hashes).
 */
export async function listSuppressions(
  db: Database,
  tenantId: string,
  query: { kind?: SuppressionKind | undefined; values?: string[] | undefined; limit: number; offset: number },
): Promise<Suppression[]> {
  const hashes = query.values ? await Promise.all(query.values.map(sha256Hex)) : undefined;
  return tenantScope(db, tenantId)
    .select(
      suppressions,
      query.kind ? eq(suppressions.kind, query.kind) : undefined,
      hashes ? inArray(suppressions.value_hash, hashes) : undefined,
    )
    .orderBy(desc(suppressions.created_at), desc(suppressions.id))
    .limit(query.limit)
    .offset(query.offset);
}

/** Removes one entry of the tenant's list; false when it has no such entry. */
export async function deleteSuppression(db: Database, tenantId: string, id: string): Promise<boolean> {
  const deleted = await tenantScope(db, tenantId)
    .delete(suppressions, eq(suppressions.id, id))
    .returning({ id: suppressions.id });
  return deleted.length > 0;
}

/** Adds a value to the tenant's list; the same value again returns the entry already there. */
export async function addSuppression(
  db: Database,
  tenantId: string,
  entry: SuppressionValue & { reason: string | null; createdBy: string | null },
): Promise<{ row: Suppression; created: boolean }> {
  const scope = tenantScope(db, tenantId);
  const valueHash = await sha256Hex(entry.value);
  const inserted = await scope
    .insert(suppressions, [
      {
        id: newId("sup"),
        kind: entry.kind,
        value_hash: valueHash,
        reason: entry.reason,
        created_by: entry.createdBy,
        created_at: nowIso(),
      },
    ])
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  const [existing] = await scope
    .select(suppressions, eq(suppressions.kind, entry.kind), eq(suppressions.value_hash, valueHash))
    .limit(1);
  return { row: existing!, created: false };
}

/** True when any of `values` (canonical forms) is on the tenant's list. */
export async function anySuppressed(db: Database, tenantId: string, values: string[]): Promise<boolean> {
  if (values.length === 0 || !(await hasSuppressions(db, tenantId))) return false;
  const hashes = await Promise.all(values.map(sha256Hex));
  return (await suppressedHashes(db, tenantId, hashes)).size > 0;
}

/**
 * The addresses among `items` the tenant suppressed (the address, its host or
 * domain, or the item's company domain), in one batched lookup.
 */
export async function suppressedAddresses(
  db: Database,
  tenantId: string,
  items: { email: string; company_domain?: string | null }[],
  options: DomainOptions = {},
): Promise<Set<string>> {
  const out = new Set<string>();
  if (items.length === 0 || !(await hasSuppressions(db, tenantId))) return out;
  const keysOf = items.map((item) => [
    ...addressKeys(item.email, options),
    ...(item.company_domain ? [item.company_domain] : []),
  ]);
  const values = [...new Set(keysOf.flat())];
  const hashes = await Promise.all(values.map(sha256Hex));
  const hashOf = new Map(values.map((v, i) => [v, hashes[i]!]));
  const found = await suppressedHashes(db, tenantId, hashes);
  items.forEach((item, i) => {
    if (keysOf[i]!.some((v) => found.has(hashOf.get(v)!))) out.add(item.email);
  });
  return out;
}
