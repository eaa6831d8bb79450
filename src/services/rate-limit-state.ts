/**
 * What one isolate holds for the rate limiter, shared by the rate-limit
 * middleware (which spends leases and repeats refusals) and the services
 * that must drop a key's share at once (revocation): the leases, the
 * remembered refusals, and the name of an API key's limiter object.
 */
import { LeaseBook } from "../domain/rate-limit/lease-book.ts";
import { RefusalBook } from "../domain/rate-limit/refusal-book.ts";

/** This isolate's leased rate-limit requests, per limiter key. */
export const leases = new LeaseBook();

/** This isolate's remembered 429s, per limiter key. */
export const refusals = new RefusalBook();

/** The limiter key of an API key (also the object that carries its revocation). */
export function apiKeyLimiterKey(keyId: string): string {
  return `key:${keyId}`;
}
