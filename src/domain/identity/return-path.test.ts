import { describe, expect, it } from "vitest";
import { DEFAULT_RETURN_PATH, safeReturnPath } from "./return-path.ts";

/** Values that, in some browser or behind some proxy, lead off the site (or break the header). */
const HOSTILE_RETURN_PATHS = [
  "/\t/evil.example/",
  "/%09/evil.example/",
  "/\r\nSet-Cookie: a=b",
  "/%0d%0aSet-Cookie:%20a=b",
  "/app\r",
  "/app\n",
  "/\n/evil.example",
  "/%0a/evil.example",
  "/\u0000/evil.example",
  "/%00/evil.example",
  "/\u007f/evil.example",
  "\\evil.example",
  "\\\\evil.example",
  "/\\evil.example",
  "/%5Cevil.example",
  "/%255Cevil.example",
  "//evil.example",
  "//evil.example/x",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%252F/evil.example",
  "https://evil.example",
  "http:/evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "%2F%2Fevil.example",
  " /app",
  "evil.example",
  "",
  `/${"a".repeat(500)}`,
  undefined,
  ["/app"],
];

describe("safeReturnPath", () => {
  it.each(HOSTILE_RETURN_PATHS.map((value) => [JSON.stringify(value), value]))(
    "sends %s to the start page",
    (_label, value) => {
      expect(safeReturnPath(value)).toBe(DEFAULT_RETURN_PATH);
    },
  );

  it.each([
    ["/app", "/app"],
    ["/app?tab=runs", "/app?tab=runs"],
    ["/app/runs/run_1#log", "/app/runs/run_1#log"],
    ["/app/leads?q=a%20b&valid=1", "/app/leads?q=a%20b&valid=1"],
    ["/admin/users", "/admin/users"],
    // The parser's serialisation: no character a header cannot carry.
    ["/app/leads?q=müller", "/app/leads?q=m%C3%BCller"],
    ["/app/../admin", "/admin"],
  ])("follows %s as %s", (value, expected) => {
    expect(safeReturnPath(value)).toBe(expected);
  });
});
