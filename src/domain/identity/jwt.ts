/**
 * HS256 bearer tokens (AUTH_MODE=hs256): verified with jose against
 * AUTH_HS256_SECRET. Only HS256 is accepted (so `none` and every other
 * algorithm fail), `exp` is required and may lie at most
 * `JWT_MAX_LIFETIME_S` ahead (a token without an end, or one valid for a
 * century, is a stolen-forever credential), `iat` when present may not be in
 * the future and must leave `exp - iat` within the same bound, `nbf` is
 * enforced when present, all with 30 s of clock tolerance, and `tenant_id`
 * and `sub` must be present and well-formed.
 */
import { errors, jwtVerify, SignJWT } from "jose";
import { externalIdPattern } from "./principal.ts";

export interface TokenIdentity {
  tenantId: string;
  userId: string;
}

/** Why a token was refused; the text is safe to show to the caller. */
export class TokenError extends Error {
  override name = "TokenError";
}

const encoder = new TextEncoder();

/** The longest lifetime a token may claim, in seconds (24 hours). */
export const JWT_MAX_LIFETIME_S = 24 * 60 * 60;
/** Clock tolerance for `exp`, `nbf` and `iat`, in seconds. */
export const JWT_CLOCK_TOLERANCE_S = 30;

/**
 * Verifies a compact JWS and returns the identity it carries, or throws
 * `TokenError`. `nowSeconds` is for tests; it defaults to the clock.
 */
export async function verifyHs256Token(
  token: string,
  secret: string,
  nowSeconds = Math.floor(Date.now() / 1000),
): Promise<TokenIdentity> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: ["HS256"],
      clockTolerance: JWT_CLOCK_TOLERANCE_S,
      requiredClaims: ["exp"],
      currentDate: new Date(nowSeconds * 1000),
    }));
  } catch (err) {
    throw new TokenError(describeJoseError(err));
  }
  checkLifetime(payload, nowSeconds);
  const tenantId = payload.tenant_id;
  const userId = payload.sub;
  if (typeof tenantId !== "string" || !externalIdPattern.test(tenantId)) {
    throw new TokenError("token has no valid tenant_id claim");
  }
  if (typeof userId !== "string" || !externalIdPattern.test(userId)) {
    throw new TokenError("token has no valid sub claim");
  }
  return { tenantId, userId };
}

/** `exp` within the lifetime bound from now, `iat` (when given) not in the future and not too long before `exp`. */
function checkLifetime(payload: Record<string, unknown>, now: number) {
  const exp = payload.exp as number; // jose checked it is present and a number
  if (exp - now > JWT_MAX_LIFETIME_S + JWT_CLOCK_TOLERANCE_S) {
    throw new TokenError(`token lifetime is too long (exp at most ${JWT_MAX_LIFETIME_S} s ahead)`);
  }
  if (payload.iat === undefined) return;
  const iat = payload.iat as number; // jose checked its type
  if (iat > now + JWT_CLOCK_TOLERANCE_S) throw new TokenError("token iat is in the future");
  if (exp - iat > JWT_MAX_LIFETIME_S) {
    throw new TokenError(`token lifetime is too long (exp - iat at most ${JWT_MAX_LIFETIME_S} s)`);
  }
}

function describeJoseError(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "token has expired";
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === "exp" && err.reason === "missing") return "token has no exp claim (exp is required)";
    return err.claim === "nbf" ? "token is not valid yet" : `token claim ${err.claim} is invalid`;
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return "token algorithm is not allowed (only HS256)";
  if (err instanceof errors.JWSSignatureVerificationFailed) return "token signature is invalid";
  return "token is malformed";
}

/** Signs a token; used by tests, the benchmark and local tooling. */
export async function signHs256Token(
  claims: { tenant_id: string; sub: string } & Record<string, unknown>,
  secret: string,
  expiresIn: string | number = "1h",
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(encoder.encode(secret));
}
