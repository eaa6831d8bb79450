import { describe, expect, it } from "vitest";
import { generateApiKey, hashApiKey, isWellFormedApiKey, looksLikeApiKey } from "./api-key.ts";

describe("API key format", () => {
  it("generates distinct, well-formed keys whose hash matches", async () => {
    const a = await generateApiKey();
    const b = await generateApiKey();
    expect(a.key).not.toBe(b.key);
    expect(isWellFormedApiKey(a.key)).toBe(true);
    expect(a.prefix).toBe(a.key.slice(0, 12));
    expect(a.hash).toBe(await hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("tells keys from JWTs and rejects near misses", () => {
    expect(looksLikeApiKey("psk_abc")).toBe(true);
    expect(looksLikeApiKey("eyJhbGciOi...")).toBe(false);
    expect(isWellFormedApiKey("psk_abc")).toBe(false);
    expect(isWellFormedApiKey(`psk_${"a".repeat(39)}-`)).toBe(false);
    expect(isWellFormedApiKey(` psk_${"a".repeat(40)}`)).toBe(false);
  });
});
