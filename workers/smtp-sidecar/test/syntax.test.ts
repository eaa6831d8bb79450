/** Table tests of address syntax (the practical RFC 5321/5322 subset). */
import { describe, expect, it } from "vitest";
import { parseMailbox } from "../src/verify/syntax.ts";

describe("parseMailbox", () => {
  const valid: [string, string][] = [
    ["jane@example.com", "jane@example.com"],
    ["Jane.Doe@Example.COM", "Jane.Doe@example.com"],
    ["  padded@example.com ", "padded@example.com"],
    ["o'brien+tag@sub.example.co.uk", "o'brien+tag@sub.example.co.uk"],
    ["x@example.com.", "x@example.com"],
    ["user@bücher.de", "user@xn--bcher-kva.de"],
    ["info@例え.jp", "info@xn--r8jz45g.jp"],
    [`${"a".repeat(64)}@example.com`, `${"a".repeat(64)}@example.com`],
    ["a@b-c.io", "a@b-c.io"],
  ];
  for (const [input, address] of valid) {
    it(`accepts ${JSON.stringify(input)}`, () => {
      const parsed = parseMailbox(input);
      expect(parsed).toMatchObject({ ok: true, address, key: address.toLowerCase() });
    });
  }

  const invalid = [
    "",
    "plain",
    "@example.com",
    "jane@",
    "jane@@example.com",
    "a..b@example.com",
    ".a@example.com",
    "a.@example.com",
    '"quoted"@example.com',
    "sp ace@example.com",
    "jöhn@example.com",
    `${"a".repeat(65)}@example.com`,
    "jane@localhost",
    "jane@-bad.com",
    "jane@bad-.com",
    "jane@exa_mple.com",
    "jane@example.123",
    "jane@[192.0.2.1]",
    `jane@${"a".repeat(64)}.com`,
    `jane@${Array.from({ length: 50 }, () => "abcd").join(".")}.com`,
  ];
  for (const input of invalid) {
    it(`refuses ${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}...` : input)}`, () => {
      expect(parseMailbox(input).ok).toBe(false);
    });
  }
});
