/** HS256 token rules at the edges of the lifetime bound, with a fixed clock. */
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { JWT_MAX_LIFETIME_S, TokenError, verifyHs256Token } from "./jwt.ts";

const secret = "a-test-secret-of-at-least-32-characters!";
const key = new TextEncoder().encode(secret);
const now = 1_800_000_000;

function sign(claims: { exp?: number; iat?: number; nbf?: number }) {
  return new SignJWT({ tenant_id: "t1", sub: "u1", ...claims })
    .setProtectedHeader({ alg: "HS256" })
    .sign(key);
}

async function refusal(token: Promise<string>): Promise<string> {
  try {
    await verifyHs256Token(await token, secret, now);
  } catch (err) {
    expect(err).toBeInstanceOf(TokenError);
    return (err as Error).message;
  }
  throw new Error("the token was accepted");
}

describe("verifyHs256Token lifetime", () => {
  it("accepts exp exactly at the bound, with and without iat", async () => {
    await expect(
      verifyHs256Token(await sign({ exp: now + JWT_MAX_LIFETIME_S }), secret, now),
    ).resolves.toEqual({
      tenantId: "t1",
      userId: "u1",
    });
    const token = await sign({ iat: now - 60, exp: now - 60 + JWT_MAX_LIFETIME_S });
    await expect(verifyHs256Token(token, secret, now)).resolves.toMatchObject({ userId: "u1" });
  });

  it("tolerates 30 s of clock skew on iat", async () => {
    await expect(
      verifyHs256Token(await sign({ iat: now + 30, exp: now + 3600 }), secret, now),
    ).resolves.toBeTruthy();
  });

  const cases: [string, { exp?: number; iat?: number }, RegExp][] = [
    ["no exp", {}, /no exp claim/],
    ["no exp but an iat", { iat: now }, /no exp claim/],
    ["exp a century away", { exp: now + 100 * 365 * 86_400 }, /lifetime is too long/],
    ["exp one minute past the bound", { exp: now + JWT_MAX_LIFETIME_S + 60 }, /lifetime is too long/],
    ["iat in the future", { iat: now + 120, exp: now + 3600 }, /iat is in the future/],
    ["exp - iat past the bound", { iat: now - 3 * 86_400, exp: now + 60 }, /exp - iat/],
    ["expired", { exp: now - 120 }, /expired/],
  ];
  for (const [name, claims, message] of cases) {
    it(`refuses a token with ${name}`, async () => {
      expect(await refusal(sign(claims))).toMatch(message);
    });
  }
});
