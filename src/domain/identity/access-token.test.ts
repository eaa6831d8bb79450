/** Access tokens of the JSON doors: what verification accepts and refuses, with a fixed clock. */
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { isOurAccessToken, signAccessToken, verifyAccessToken } from "./access-token.ts";
import { JWT_MAX_LIFETIME_S, TokenError } from "./jwt.ts";

const current = { kid: "k2", secret: "the-current-key-0123456789abcdef0123456789" };
const previous = { kid: "k1", secret: "the-previous-key-0123456789abcdef012345678" };
const keys = [current, previous];
const now = 1_800_000_000;
const claims = { userId: "user_1", tenantId: "tenant_1", sessionId: "sessionid0123456789abcdef" };

/** A token with the given header and payload changes, signed with `secret`. */
function forge(
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
  secret = current.secret,
): Promise<string> {
  return new SignJWT({
    sub: "user_1",
    tenant_id: "tenant_1",
    sid: claims.sessionId,
    iss: "prospector",
    aud: "prospector-api",
    iat: now,
    exp: now + 600,
    ...payload,
  })
    .setProtectedHeader({ alg: "HS256", kid: current.kid, ...header } as { alg: string })
    .sign(new TextEncoder().encode(secret));
}

async function refusal(token: string | Promise<string>): Promise<string> {
  try {
    await verifyAccessToken(await token, keys, now);
  } catch (err) {
    expect(err).toBeInstanceOf(TokenError);
    return (err as Error).message;
  }
  throw new Error("the token was accepted");
}

describe("access tokens", () => {
  it("round-trips the claims with the key named by kid, the old key included", async () => {
    const token = await signAccessToken(claims, previous, 3600, now);
    await expect(verifyAccessToken(token, keys, now)).resolves.toEqual({ ...claims, expiresAt: now + 3600 });
    expect(isOurAccessToken(token, keys)).toBe(true);
    expect(isOurAccessToken(token, [current])).toBe(false);
    expect(isOurAccessToken("not a token", keys)).toBe(false);
  });

  it("clamps a lifetime beyond the 24 h bound when signing", async () => {
    const token = await signAccessToken(claims, current, 10 * JWT_MAX_LIFETIME_S, now);
    expect((await verifyAccessToken(token, keys, now)).expiresAt).toBe(now + JWT_MAX_LIFETIME_S);
  });

  it("refuses what it must, saying why", async () => {
    expect(await refusal(forge({ exp: now - 60 }))).toMatch(/expired/);
    expect(await refusal(forge({ aud: "someone-else" }))).toMatch(/audience/);
    expect(await refusal(forge({ iss: "someone-else" }))).toMatch(/issuer/);
    expect(await refusal(forge({}, { kid: "k9" }))).toMatch(/key is unknown/);
    expect(await refusal(forge({}, {}, previous.secret))).toMatch(/signature/);
    expect(await refusal(forge({ sid: undefined }))).toMatch(/sid/);
    expect(await refusal(forge({ sid: "short" }))).toMatch(/sid/);
    expect(await refusal(forge({ exp: undefined }))).toMatch(/exp/);
    expect(await refusal(forge({ tenant_id: "has space" }))).toMatch(/tenant_id/);
    expect(await refusal(forge({ exp: now + JWT_MAX_LIFETIME_S + 3600 }))).toMatch(/lifetime/);
    const hs512 = await new SignJWT({ sub: "u" })
      .setProtectedHeader({ alg: "HS512", kid: current.kid })
      .sign(new TextEncoder().encode(current.secret));
    expect(await refusal(hs512)).toMatch(/algorithm/);
    const b64 = (v: unknown) => btoa(JSON.stringify(v)).replace(/=+$/, "");
    expect(await refusal(`${b64({ alg: "none", kid: current.kid })}.${b64({ sub: "u" })}.`)).toMatch(
      /algorithm|malformed/,
    );
  });
});
