/**
 * Password hashing for the Workers runtime: PBKDF2-HMAC-SHA256 through
 * WebCrypto, at 100,000 iterations (the most workerd allows), with a 16-byte
 * random salt. The stored form names its parameters
 * (`pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`) so they can be raised
 * later and old hashes upgraded at the next sign-in (`needsRehash`).
 * Why not argon2id/scrypt: WASM builds need dynamic WebAssembly compilation,
 * which Workers forbid, and pure-JS scrypt costs far more CPU for the same
 * strength. Measured cost: see bench/README.md.
 */

export const PBKDF2_ITERATIONS = 100_000;

/** The shortest password we accept anywhere (sign-up, reset, the first administrator). */
export const MIN_PASSWORD_LENGTH = 12;

/** What is wrong with a new password (undefined when nothing): 12 to 1,000 characters. */
export function passwordProblem(password: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (password.length > 1000) return "Use at most 1,000 characters.";
  return undefined;
}
const SALT_BYTES = 16;
const HASH_BYTES = 32;
const encoder = new TextEncoder();

const toB64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromB64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(password.normalize("NFKC")),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    key,
    HASH_BYTES * 8,
  );
  return new Uint8Array(bits);
}

/** Hashes a password for storage. */
export async function hashPassword(password: string, iterations = PBKDF2_ITERATIONS): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toB64(salt)}$${toB64(hash)}`;
}

/** Constant-time equality of two byte arrays of equal length. */
export function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Checks a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 4 || parts[0] !== "pbkdf2-sha256") return false;
  const iterations = Number(parts[1]);
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > PBKDF2_ITERATIONS) return false;
  let salt: Uint8Array;
  let expected: Uint8Array;
  try {
    salt = fromB64(parts[2]!);
    expected = fromB64(parts[3]!);
  } catch {
    return false;
  }
  const actual = await derive(password, salt, iterations);
  return timingSafeEqual(actual, expected);
}

/** True when a stored hash uses weaker parameters than today's. */
export function needsRehash(stored: string): boolean {
  const [scheme, iterations] = stored.split("$");
  return scheme !== "pbkdf2-sha256" || Number(iterations) < PBKDF2_ITERATIONS;
}

/** A fixed hash to verify against when the account does not exist, so timing does not reveal it. */
export const DUMMY_PASSWORD_HASH =
  "pbkdf2-sha256$100000$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
