/**
 * Session cookie values. The browser holds a 256-bit random token; the
 * database holds only its SHA-256 as the session id, so a leaked table
 * cannot be replayed as cookies.
 */
import { randomBase62, sha256Hex } from "../../lib/ids.ts";

export const SESSION_COOKIE = "prospector_session";

/** A new cookie value and the session id to store for it. */
export async function newSessionToken(): Promise<{ token: string; sessionId: string }> {
  const token = randomBase62(43);
  return { token, sessionId: await sha256Hex(token) };
}

/** The session id for a presented cookie value, or null when it cannot be one of ours. */
export async function sessionIdFor(token: string): Promise<string | null> {
  if (!/^[0-9A-Za-z]{43}$/.test(token)) return null;
  return sha256Hex(token);
}
