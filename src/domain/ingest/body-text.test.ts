import { describe, expect, it } from "vitest";
import { firstInvalidUtf8Offset, MalformedFileError, Utf8ChunkDecoder } from "./body-text.ts";

const bytes = (...parts: (string | number[])[]) => {
  const encoded = parts.map((p) => (typeof p === "string" ? new TextEncoder().encode(p) : new Uint8Array(p)));
  const out = new Uint8Array(encoded.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of encoded) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

function failure(run: () => void): MalformedFileError {
  try {
    run();
  } catch (err) {
    if (err instanceof MalformedFileError) return err;
    throw err;
  }
  throw new Error("expected a MalformedFileError");
}

describe("Utf8ChunkDecoder", () => {
  it("decodes UTF-8 split anywhere, dropping a BOM", () => {
    const all = bytes([0xef, 0xbb, 0xbf], "name\nJosé Müller, 東京\n");
    for (const size of [1, 2, 3, 5]) {
      const decoder = new Utf8ChunkDecoder();
      let text = "";
      for (let i = 0; i < all.length; i += size) text += decoder.decode(all.subarray(i, i + size));
      text += decoder.end();
      expect(text).toBe("name\nJosé Müller, 東京\n");
    }
  });

  it("refuses invalid UTF-8 with its line", () => {
    const decoder = new Utf8ChunkDecoder();
    decoder.decode(bytes("a\nb\n"));
    const err = failure(() => decoder.decode(bytes("ok\nLatin-1 caf", [0xe9], "\n")));
    expect(err.line).toBe(4);
    expect(err.reason).toMatch(/UTF-8/);
  });

  it("refuses NUL bytes (binary files) with their line", () => {
    const err = failure(() => new Utf8ChunkDecoder().decode(bytes("email\nx", [0], "y\n")));
    expect(err.line).toBe(2);
    expect(err.reason).toMatch(/NUL/);
  });

  it("refuses a file that ends inside a character", () => {
    const decoder = new Utf8ChunkDecoder();
    decoder.decode(bytes("a\n", [0xe6, 0x9d]));
    expect(failure(() => decoder.end()).line).toBe(2);
  });

  it("finds the first invalid byte, skipping the tail of a character begun earlier", () => {
    expect(firstInvalidUtf8Offset(bytes("abc"))).toBe(-1);
    expect(firstInvalidUtf8Offset(bytes([0x9d, 0xb1], "ab", [0xff]))).toBe(4);
    expect(firstInvalidUtf8Offset(bytes("a", [0xc3, 0x28]))).toBe(1);
    expect(firstInvalidUtf8Offset(bytes("a", [0xe6]))).toBe(-1);
  });
});
