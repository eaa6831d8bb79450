/**
 * Verifying addresses through the global cache: fresh verdicts come from D1,
 * the rest from the SMTP sidecar (requests of at most 500 that keep each
 * domain together, a few in flight at once, one deadline for all),
 * and new verdicts are written back. The /verify endpoint and runs both use
 * this, so an address verified by anyone is not probed again within the TTL.
 * What the remote host left unknown (greylisting, 421) is reused for minutes;
 * a failure on our side (our connection, our address, the sidecar) is never
 * written nor reused (domain/verification/verdicts.ts).
 */
import { inArray, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { type EmailVerificationRow, emailVerifications } from "../db/schema.ts";
import { packByDomain } from "../domain/verification/batches.ts";
import {
  isOwnSideFailure,
  isVerdictFresh,
  type VerdictClass,
  verdictClass,
  verdictScore,
} from "../domain/verification/verdicts.ts";
import { SIDECAR_BATCH_LIMIT, type SidecarClient } from "./sidecar-client.ts";

/** One address's verdict as the API reports it. */
export interface AddressVerdict {
  email: string;
  status: EmailVerificationRow["status"];
  result: VerdictClass;
  reason: string;
  score: number;
  mx: string | null;
  catch_all: boolean | null;
  provider: string | null;
  smtp_code: number | null;
  smtp_message: string | null;
  retry_after_s: number | null;
  checked_at: string;
  cached: boolean;
}

export interface VerifyOptions {
  /** How long definitive verdicts are reused (VERIFY_CACHE_TTL_DAYS). */
  ttlDays: number;
  /** The sidecar's deadline for the whole batch. */
  deadlineMs: number;
  /** Skip the caches (D1 and the sidecar's short result cache): probe again; the new verdict is stored. */
  fresh?: boolean;
  now?: () => number;
}

/** D1 binds at most 100 parameters per statement: 11 columns -> 9 rows. */
const ROWS_PER_INSERT = 9;
const IN_LIST_LIMIT = 90;
/** Sidecar requests in flight at once (the sidecar's per-MX limits keep the SMTP side polite). */
const CONCURRENT_BATCHES = 4;

function toVerdict(row: EmailVerificationRow, cached: boolean): AddressVerdict {
  return {
    email: row.email,
    status: row.status,
    result: verdictClass(row.status),
    reason: row.reason,
    score: verdictScore(row.status, row.reason),
    mx: row.mx,
    catch_all: row.catch_all,
    provider: row.provider,
    smtp_code: row.smtp_code,
    smtp_message: row.smtp_message,
    retry_after_s: row.retry_after_s,
    checked_at: row.checked_at,
    cached,
  };
}

/** Lowercases the domain part (local parts are case-sensitive by RFC, but no real server treats them so). */
export function normaliseAddress(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Verdicts for `emails` (normalised, duplicates answered once), in input
 * order. Throws SidecarUnavailableError when some address is not cached and
 * the sidecar cannot be used.
 */
export async function verifyAddresses(
  db: Database,
  sidecar: SidecarClient,
  emails: readonly string[],
  options: VerifyOptions,
): Promise<AddressVerdict[]> {
  const now = options.now ?? Date.now;
  const wanted = [...new Set(emails.map(normaliseAddress))];
  const known = new Map<string, AddressVerdict>();
  if (!options.fresh) {
    for (let i = 0; i < wanted.length; i += IN_LIST_LIMIT) {
      const rows = await db
        .select()
        .from(emailVerifications)
        .where(inArray(emailVerifications.email, wanted.slice(i, i + IN_LIST_LIMIT)));
      for (const row of rows) {
        if (isVerdictFresh(row.status, row.reason, row.checked_at, now(), options.ttlDays))
          known.set(row.email, toVerdict(row, true));
      }
    }
  }
  const missing = wanted.filter((email) => !known.has(email));
  const batches = packByDomain(missing, SIDECAR_BATCH_LIMIT);
  const verifyBatch = async (batch: string[]) => {
    const results = await sidecar.verify(batch, options.deadlineMs, options.fresh ?? false);
    const checkedAt = new Date(now()).toISOString();
    const rows: EmailVerificationRow[] = results.map((r, index) => ({
      email: batch[index]!,
      domain: batch[index]!.split("@").pop() ?? "",
      status: r.status,
      reason: r.reason,
      mx: r.mx,
      catch_all: r.catch_all,
      provider: r.provider,
      smtp_code: r.smtp_code,
      smtp_message: r.smtp_message?.slice(0, 500) ?? null,
      retry_after_s: r.retry_after_s ?? null,
      checked_at: checkedAt,
    }));
    // A failure on our side says nothing about the mailbox: never shared, and never over a real verdict.
    await storeVerdicts(
      db,
      rows.filter((row) => !isOwnSideFailure(row.status, row.reason)),
    );
    for (const row of rows) known.set(row.email, toVerdict(row, false));
  };
  for (let i = 0; i < batches.length; i += CONCURRENT_BATCHES) {
    await Promise.all(batches.slice(i, i + CONCURRENT_BATCHES).map(verifyBatch));
  }
  return emails.map((email) => known.get(normaliseAddress(email))!);
}

/** Upserts verdicts, chunked under D1's parameter limit, in one atomic batch. */
async function storeVerdicts(db: Database, rows: EmailVerificationRow[]): Promise<void> {
  const statements = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    statements.push(
      db
        .insert(emailVerifications)
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoUpdate({
          target: emailVerifications.email,
          set: {
            status: sql`excluded.status`,
            reason: sql`excluded.reason`,
            mx: sql`excluded.mx`,
            catch_all: sql`excluded.catch_all`,
            provider: sql`excluded.provider`,
            smtp_code: sql`excluded.smtp_code`,
            smtp_message: sql`excluded.smtp_message`,
            retry_after_s: sql`excluded.retry_after_s`,
            checked_at: sql`excluded.checked_at`,
          },
        }),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
