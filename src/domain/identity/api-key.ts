/**
 * API key format. A key is `psk_` + 40 base62 characters (about 238 bits);
 * the first 12 characters are its visible prefix. Only the SHA-256 of the
 * whole key is stored: keys are long random secrets, so a fast hash is
 * enough and lookups stay a single indexed read.
 */
import { randomBase62, sha256Hex } from "../../lib/ids.ts";

export const API_KEY_PREFIX = "psk_";
const BODY_LENGTH = 40;
const VISIBLE_LENGTH = API_KEY_PREFIX.length + 8;
const keyShape = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH}}$`);

/** A fresh key, its visible prefix and the hash to store. */
export async function generateApiKey(): Promise<{ key: string; prefix: string; hash: string }> {
  const key = API_KEY_PREFIX + randomBase62(BODY_LENGTH);
  return { key, prefix: key.slice(0, VISIBLE_LENGTH), hash: await sha256Hex(key) };
}

/** True when a bearer token is meant as an API key rather than a JWT. */
export function looksLikeApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/** True when the key has exactly the shape we issue (cheap check before any lookup). */
export function isWellFormedApiKey(token: string): boolean {
  return keyShape.test(token);
}

/** The stored hash of a presented key. */
export function hashApiKey(key: string): Promise<string> {
  return sha256Hex(key);
}
