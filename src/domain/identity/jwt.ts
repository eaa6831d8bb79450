/**
 * HS256 bearer tokens (AUTH_MODE=hs256): verified with jose against
 * AUTH_HS256_SECRET. Only HS256 is accepted (so `none` and every other
 * algorithm fail), `exp`/`nbf` are enforced when present with 30 s of clock
 * tolerance, and `tenant_id` and `sub` must be present and well-formed.
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

/** Verifies a compact JWS and returns the identity it carries, or throws `TokenError`. */
export async function verifyHs256Token(token: string, secret: string): Promise<TokenIdentity> {
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, encoder.encode(secret), {
      algorithms: ["HS256"],
      clockTolerance: 30,
    }));
  } catch (err) {
    throw new TokenError(describeJoseError(err));
  }
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

function describeJoseError(err: unknown): string {
  if (err instanceof errors.JWTExpired) return "token has expired";
  if (err instanceof errors.JWTClaimValidationFailed) {
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
