/**
 * Request signatures between the Worker and the sidecar. Shared code: the
 * Worker imports this file to sign, the sidecar to verify, so it uses only
 * Web Crypto (`crypto.subtle`) and no Node-only module.
 *
 * Header: `X-Prospector-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`,
 * with the empty string as the body of a GET.
 */

/** Name of the signature header. */
export const SIDECAR_SIGNATURE_HEADER = "X-Prospector-Signature";

/** Largest accepted distance between the signature's time and now, in seconds. */
export const SIDECAR_SIGNATURE_TOLERANCE_S = 300;

/** A parsed signature header. */
export interface SidecarSignature {
  t: number;
  v1: string;
}

/** The outcome of checking a request's signature. */
export type SidecarSignatureCheck =
  | { ok: true; signature: SidecarSignature }
  | { ok: false; problem: "missing" | "malformed" | "stale" | "mismatch" };

/** Byte comparison used by verification; must take time independent of where the inputs differ. */
export type ConstantTimeEqual = (a: Uint8Array, b: Uint8Array) => boolean;

const encoder = new TextEncoder();

async function hmac(secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(message)));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function fromHex(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/** The hex HMAC-SHA256 of `"<t>.<body>"`. */
export async function sidecarSignatureHex(secret: string, t: number, body: string): Promise<string> {
  return toHex(await hmac(secret, `${t}.${body}`));
}

/** The header value that signs `body` (use "" for a GET) at `nowSeconds`. */
export async function signSidecarRequest(secret: string, body: string, nowSeconds: number): Promise<string> {
  const t = Math.floor(nowSeconds);
  return `t=${t},v1=${await sidecarSignatureHex(secret, t, body)}`;
}

/** Parses `t=<digits>,v1=<64 hex>`; null when the header is malformed. */
export function parseSidecarSignature(header: string): SidecarSignature | null {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) return null;
  return { t: Number(match[1]), v1: match[2]! };
}

/** Portable constant-time comparison (the sidecar passes Node's `timingSafeEqual` instead). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Checks a signature header against the raw body and the current time. */
export async function verifySidecarSignature(
  secret: string,
  header: string | null | undefined,
  body: string,
  nowSeconds: number,
  equal: ConstantTimeEqual = constantTimeEqual,
): Promise<SidecarSignatureCheck> {
  if (!header) return { ok: false, problem: "missing" };
  const signature = parseSidecarSignature(header);
  if (!signature) return { ok: false, problem: "malformed" };
  if (Math.abs(nowSeconds - signature.t) > SIDECAR_SIGNATURE_TOLERANCE_S)
    return { ok: false, problem: "stale" };
  if (!secret) return { ok: false, problem: "mismatch" };
  const expected = await hmac(secret, `${signature.t}.${body}`);
  const given = fromHex(signature.v1);
  if (expected.length !== given.length || !equal(expected, given)) return { ok: false, problem: "mismatch" };
  return { ok: true, signature };
}
