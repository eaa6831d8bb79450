/**
 * Request signatures between the Worker and the sidecar. Shared code: the
 * Worker imports this file to sign, the sidecar to verify, so it uses only
 * Web Crypto (`crypto.subtle`) and no Node-only module.
 *
 * Header: `X-Prospector-Signature: t=<unix seconds>,v2=<hex HMAC-SHA256(secret, message)>`
 * where the message is `"<t>\n<METHOD>\n<path?query>\n<raw body>"`, with the
 * empty string as the body of a GET. A request signed for one method, path
 * or query is refused on any other. The fields are joined by newlines
 * because none of the first three can hold one (an HTTP request line
 * cannot), so the message reads back one way only; the body comes last and
 * may hold anything. `v1` (time and body only) is no longer accepted.
 */

/** Name of the signature header. */
export const SIDECAR_SIGNATURE_HEADER = "X-Prospector-Signature";

/** Largest accepted distance between the signature's time and now, in seconds. */
export const SIDECAR_SIGNATURE_TOLERANCE_S = 300;

/** A parsed signature header. */
export interface SidecarSignature {
  t: number;
  v2: string;
}

/** What a signature covers: the request as the sidecar receives it. */
export interface SignedRequest {
  /** HTTP method, e.g. `GET`; compared upper case. */
  method: string;
  /** Path and query exactly as sent, e.g. `/v1/ip-rotation/status` or `/metrics?x=1`. */
  target: string;
  /** The raw body; "" for a GET. */
  body: string;
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

/** The signed message: `"<t>\n<METHOD>\n<path?query>\n<body>"`. */
export function sidecarSignatureMessage(t: number, request: SignedRequest): string {
  return `${t}\n${request.method.toUpperCase()}\n${request.target}\n${request.body}`;
}

/** The hex HMAC-SHA256 of {@link sidecarSignatureMessage}. */
export async function sidecarSignatureHex(
  secret: string,
  t: number,
  request: SignedRequest,
): Promise<string> {
  return toHex(await hmac(secret, sidecarSignatureMessage(t, request)));
}

/** The header value that signs `request` at `nowSeconds`. */
export async function signSidecarRequest(
  secret: string,
  request: SignedRequest,
  nowSeconds: number,
): Promise<string> {
  const t = Math.floor(nowSeconds);
  return `t=${t},v2=${await sidecarSignatureHex(secret, t, request)}`;
}

/** Parses `t=<digits>,v2=<64 hex>`; null when the header is malformed (a `v1` header included). */
export function parseSidecarSignature(header: string): SidecarSignature | null {
  const match = /^t=(\d{1,12}),v2=([0-9a-f]{64})$/.exec(header.trim());
  if (!match) return null;
  return { t: Number(match[1]), v2: match[2]! };
}

/** Portable constant-time comparison (the sidecar passes Node's `timingSafeEqual` instead). */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Checks a signature header against the request as received and the current time. */
export async function verifySidecarSignature(
  secret: string,
  header: string | null | undefined,
  request: SignedRequest,
  nowSeconds: number,
  equal: ConstantTimeEqual = constantTimeEqual,
): Promise<SidecarSignatureCheck> {
  if (!header) return { ok: false, problem: "missing" };
  const signature = parseSidecarSignature(header);
  if (!signature) return { ok: false, problem: "malformed" };
  if (Math.abs(nowSeconds - signature.t) > SIDECAR_SIGNATURE_TOLERANCE_S)
    return { ok: false, problem: "stale" };
  if (!secret) return { ok: false, problem: "mismatch" };
  const expected = await hmac(secret, sidecarSignatureMessage(signature.t, request));
  const given = fromHex(signature.v2);
  if (expected.length !== given.length || !equal(expected, given)) return { ok: false, problem: "mismatch" };
  return { ok: true, signature };
}
