/**
 * The access tokens of the JSON doors (POST /api/auth/login and signup, POST
 * /api/v1/auth/token): HS256 JWTs we sign ourselves, each naming its key
 * (`kid`, so keys rotate without signing everyone out), its audience and
 * issuer, the user, the tenant and the session row behind it (`sid`), which
 * is what makes logout and revocation immediate. Verification takes HS256
 * only (so `alg: none` and every other algorithm fail), a known `kid`, the
 * right `aud` and `iss`, a required `exp` within JWT_MAX_LIFETIME_S, and
 * well-formed ids. Pure: no bindings; the session row is checked by the
 * caller.
 */
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from "jose";
import { JWT_CLOCK_TOLERANCE_S, JWT_MAX_LIFETIME_S, TokenError } from "./jwt.ts";
import { externalIdPattern } from "./principal.ts";

/** Who our tokens are from and for (a token of another service that shares a key is still refused). */
export const ACCESS_TOKEN_ISSUER = "prospector";
export const ACCESS_TOKEN_AUDIENCE = "prospector-api";

export interface SigningKey {
  kid: string;
  secret: string;
}

/** What a verified access token says. */
export interface AccessTokenClaims {
  userId: string;
  tenantId: string;
  sessionId: string;
  expiresAt: number;
}

const encoder = new TextEncoder();
const sessionIdPattern = /^[A-Za-z0-9_-]{16,128}$/;

/** Imported HMAC keys by secret, so a token check does not import its key again on every request. */
const importedKeys = new Map<string, Promise<CryptoKey>>();
function hmacKey(secret: string): Promise<CryptoKey> {
  let key = importedKeys.get(secret);
  if (!key) {
    if (importedKeys.size >= 16) importedKeys.clear();
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    importedKeys.set(secret, key);
  }
  return key;
}

/** Signs a token for a session with the first key; `lifetimeS` is clamped to the 24 h bound. */
export async function signAccessToken(
  claims: { userId: string; tenantId: string; sessionId: string },
  key: SigningKey,
  lifetimeS: number,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<string> {
  return new SignJWT({ tenant_id: claims.tenantId, sid: claims.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT", kid: key.kid })
    .setSubject(claims.userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + Math.min(lifetimeS, JWT_MAX_LIFETIME_S))
    .sign(await hmacKey(key.secret));
}

/** True when the token's header names one of our keys (door 000 then reads it as ours, not AUTH_MODE's). */
export function isOurAccessToken(token: string, keys: readonly SigningKey[]): boolean {
  try {
    const { kid } = decodeProtectedHeader(token);
    return typeof kid === "string" && keys.some((k) => k.kid === kid);
  } catch {
    return false;
  }
}

/** Verifies a token against the keys (by `kid`) and returns its claims, or throws `TokenError`. */
export async function verifyAccessToken(
  token: string,
  keys: readonly SigningKey[],
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<AccessTokenClaims> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(
      token,
      (header) => {
        const key = keys.find((k) => k.kid === header.kid);
        if (!key) throw new TokenError("token key is unknown (signed with a retired or foreign key)");
        return hmacKey(key.secret);
      },
      {
        algorithms: ["HS256"],
        audience: ACCESS_TOKEN_AUDIENCE,
        issuer: ACCESS_TOKEN_ISSUER,
        clockTolerance: JWT_CLOCK_TOLERANCE_S,
        requiredClaims: ["exp", "sub", "sid"],
        currentDate: new Date(nowSeconds * 1000),
      },
    ));
  } catch (err) {
    throw err instanceof TokenError ? err : new TokenError(describe(err));
  }
  const exp = payload.exp as number;
  if (exp - nowSeconds > JWT_MAX_LIFETIME_S + JWT_CLOCK_TOLERANCE_S) {
    throw new TokenError("token lifetime is too long");
  }
  const { sub, tenant_id: tenantId, sid } = payload;
  if (typeof sub !== "string" || !externalIdPattern.test(sub)) throw new TokenError("token has no valid sub");
  if (typeof tenantId !== "string" || !externalIdPattern.test(tenantId)) {
    throw new TokenError("token has no valid tenant_id");
  }
  if (typeof sid !== "string" || !sessionIdPattern.test(sid)) throw new TokenError("token has no valid sid");
  return { userId: sub, tenantId, sessionId: sid, expiresAt: exp };
}

function describe(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "token has expired";
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "aud") return "token is for another audience";
    if (err.claim === "iss") return "token is from another issuer";
    if (err.reason === "missing") return `token has no ${err.claim} claim`;
    return err.claim === "nbf" ? "token is not valid yet" : `token claim ${err.claim} is invalid`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return "token algorithm is not allowed (only HS256)";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "token signature is invalid";
  return "token is malformed";
}
