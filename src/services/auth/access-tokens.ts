/**
 * Access tokens of the JSON doors: issuing one starts a `token` session row
 * (its id is the token's `sid`), so signing out, a password reset or a
 * disabled account ends the token at once, whatever its `exp` says; reading
 * one checks the signature, then the row and the account behind it.
 */
import type { Config } from "../../config.ts";
import type { Database } from "../../db/client.ts";
import { findSession, type UserWithTenant } from "../../db/identity.ts";
import { sessions } from "../../db/schema.ts";
import { tenantScope } from "../../db/tenant-scope.ts";
import { signAccessToken, verifyAccessToken } from "../../domain/identity/access-token.ts";
import { TokenError } from "../../domain/identity/jwt.ts";
import type { Principal } from "../../domain/identity/principal.ts";
import { ApiError } from "../../errors.ts";
import { nowIso, randomBase62 } from "../../lib/ids.ts";
import { userPrincipal } from "./principals.ts";

type TokenConfig = Pick<Config, "tokenKeys" | "AUTH_TOKEN_TTL_MINUTES">;

export interface IssuedToken {
  token: string;
  /** Seconds until it expires (OAuth2's `expires_in`). */
  expiresIn: number;
  expiresAt: string;
  sessionId: string;
}

/** The signing keys; 503 when there are none (checked before anything is written). */
export function keysOf(config: TokenConfig) {
  if (config.tokenKeys.length === 0) {
    throw new ApiError(
      "service_unavailable",
      "Access tokens are not configured on this server (AUTH_TOKEN_KEYS); use an API key",
    );
  }
  return config.tokenKeys;
}

/** Starts a token session for a signed-in account and signs its token with the current key. */
export async function issueAccessToken(
  db: Database,
  config: TokenConfig,
  account: UserWithTenant,
  userAgent: string | undefined,
): Promise<IssuedToken> {
  const [key] = keysOf(config);
  const expiresIn = config.AUTH_TOKEN_TTL_MINUTES * 60;
  const now = Math.floor(Date.now() / 1000);
  const sessionId = randomBase62(32);
  const expiresAt = new Date((now + expiresIn) * 1000).toISOString();
  await tenantScope(db, account.tenant.id).insert(sessions, [
    {
      id: sessionId,
      user_id: account.user.id,
      created_at: nowIso(),
      expires_at: expiresAt,
      user_agent: userAgent?.slice(0, 256) ?? null,
      kind: "token",
    },
  ]);
  const token = await signAccessToken(
    { userId: account.user.id, tenantId: account.tenant.id, sessionId },
    key!,
    expiresIn,
    now,
  );
  return { token, expiresIn, expiresAt, sessionId };
}

/**
 * The principal an access token stands for, and the account rows read on the way (so a handler need not read
 * them again); 401 when it is forged, expired or its session ended, 403 for a barred account.
 */
export async function accessTokenPrincipal(
  db: Database,
  config: TokenConfig,
  token: string,
): Promise<{ principal: Principal; account: UserWithTenant }> {
  let claims: Awaited<ReturnType<typeof verifyAccessToken>>;
  try {
    claims = await verifyAccessToken(token, keysOf(config));
  } catch (err) {
    if (err instanceof TokenError)
      throw new ApiError("invalid_token", `The token was refused: ${err.message}`);
    throw err;
  }
  const found = await findSession(db, claims.sessionId, "token");
  if (!found || found.session.user_id !== claims.userId || found.session.tenant_id !== claims.tenantId) {
    throw new ApiError(
      "invalid_token",
      "The token was refused: its session has ended (signed out or revoked)",
    );
  }
  if (found.session.expires_at <= nowIso()) throw new ApiError("session_expired", "The token has expired");
  const principal = {
    ...userPrincipal(found.user, found.tenant, "access_token"),
    sessionId: found.session.id,
  };
  return {
    principal,
    account: { user: found.user, tenant: found.tenant, subscription: found.subscription },
  };
}
