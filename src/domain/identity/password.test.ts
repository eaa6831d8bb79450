import { describe, expect, it } from "vitest";
import {
  DUMMY_PASSWORD_HASH,
  hashPassword,
  needsRehash,
  PBKDF2_ITERATIONS,
  verifyPassword,
} from "./password.ts";

describe("password hashing", () => {
  it("round-trips and refuses the wrong password", async () => {
    const stored = await hashPassword("s3cret pass");
    expect(stored).toMatch(/^pbkdf2-sha256\$100000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword("s3cret pass", stored)).toBe(true);
    expect(await verifyPassword("s3cret pasS", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    expect(await hashPassword("same")).not.toBe(await hashPassword("same"));
  });

  it("normalises Unicode so the same password typed differently still matches", async () => {
    const stored = await hashPassword("caf\u00e9");
    expect(await verifyPassword("cafe\u0301", stored)).toBe(true);
  });

  it("refuses malformed or over-strong stored hashes without throwing", async () => {
    for (const bad of [
      "",
      "plain",
      "pbkdf2-sha256$abc$AAAA$AAAA",
      "md5$1$a$b",
      "pbkdf2-sha256$99999999$AA==$AA==",
      "pbkdf2-sha256$1000$!!$!!",
    ]) {
      expect(await verifyPassword("x", bad)).toBe(false);
    }
  });

  it("the dummy hash is well formed, so unknown accounts cost a full derivation", async () => {
    const started = performance.now();
    expect(await verifyPassword("anything", DUMMY_PASSWORD_HASH)).toBe(false);
    const dummyMs = performance.now() - started;
    const real = await hashPassword("anything-else");
    const t2 = performance.now();
    await verifyPassword("anything", real);
    const realMs = performance.now() - t2;
    expect(dummyMs).toBeGreaterThan(realMs / 4);
    expect(needsRehash(DUMMY_PASSWORD_HASH)).toBe(false);
  });

  it("flags weaker hashes for upgrade", async () => {
    expect(needsRehash(await hashPassword("x", 1000))).toBe(true);
    expect(needsRehash(`pbkdf2-sha256$${PBKDF2_ITERATIONS}$a$b`)).toBe(false);
    expect(needsRehash("bcrypt$...")).toBe(true);
  });
});
