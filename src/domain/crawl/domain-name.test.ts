import { describe, expect, it } from "vitest";
import { isWithinDomain, normalizeDomain, registrableDomain } from "./domain-name.ts";

describe("normalizeDomain accepts", () => {
  it.each([
    // bare hosts, case and whitespace
    ["acme.com", "acme.com"],
    ["  ACME.com  ", "acme.com"],
    ["Acme.COM.", "acme.com"],
    ["www.acme.com", "acme.com"],
    ["WWW.Acme.com", "acme.com"],
    ["blog.acme.com", "acme.com"],
    ["a.b.c.acme.com", "acme.com"],
    ["www.com", "www.com"],
    // URLs
    ["https://www.Acme.com/about?x", "acme.com"],
    ["http://acme.com", "acme.com"],
    ["HTTPS://ACME.COM/Team#people", "acme.com"],
    ["https://acme.com:8443/x", "acme.com"],
    ["acme.com:8080", "acme.com"],
    ["acme.com/contact", "acme.com"],
    ["acme.com?utm_source=x", "acme.com"],
    ["//acme.com/path", "acme.com"],
    ["ftp://files.acme.com", "acme.com"],
    ["https://user:secret@www.acme.com/", "acme.com"],
    // email addresses
    ["jane.doe@acme.com", "acme.com"],
    ["Jane.Doe+news@Sales.Acme.com", "acme.com"],
    ["mailto:info@acme.de", "acme.de"],
    // Public Suffix List
    ["foo.co.uk", "foo.co.uk"],
    ["www.foo.co.uk", "foo.co.uk"],
    ["shop.acme.com.au", "acme.com.au"],
    ["user.github.io", "user.github.io"],
    ["docs.user.github.io", "user.github.io"],
    ["acme.myshopify.com", "acme.myshopify.com"],
    ["acme.ai", "acme.ai"],
    ["acme.berlin", "acme.berlin"],
    // IDN to punycode
    ["münchen.de", "xn--mnchen-3ya.de"],
    ["MÜNCHEN.DE", "xn--mnchen-3ya.de"],
    ["https://www.bücher.de/shop", "xn--bcher-kva.de"],
    ["xn--mnchen-3ya.de", "xn--mnchen-3ya.de"],
    ["info@straße.de", "xn--strae-oqa.de"], // WHATWG URL uses non-transitional IDNA: ß is kept
    ["a-b.com", "a-b.com"],
    ["123.com", "123.com"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeDomain(input)).toEqual({ ok: true, domain: expected });
  });
});

describe("normalizeDomain rejects", () => {
  it.each([
    ["", /empty/],
    ["   ", /empty/],
    ["https://", /empty|not a valid/],
    ["1.2.3.4", /IP address/],
    ["http://192.168.0.1/admin", /IP address/],
    ["0x7f.1", /IP address/],
    ["::1", /IP address/],
    ["2001:db8::1", /IP address/],
    ["[2001:db8::1]", /IP address/],
    ["http://[::1]:8080/", /IP address/],
    ["localhost", /single label/],
    ["intranet", /single label/],
    ["http://intranet/wiki", /single label/],
    ["com", /single label/],
    ["co.uk", /public suffix/],
    ["github.io", /public suffix/],
    ["acme.corp", /not a known top-level domain/],
    ["printer.local", /special-use/],
    ["acme..com", /empty label/],
    ["-acme.com", /hyphen/],
    ["acme-.com", /hyphen/],
    [`${"a".repeat(64)}.com`, /longer than 63/],
    [`${"abcdefghi.".repeat(26)}com`, /longer than 253/],
    ["acme_corp.com", /not allowed/],
    ["acme com", /not a valid/],
    ["acme.test", /reserved/],
    ["blog.acme.test", /reserved/],
    ["bücher.example", /reserved/],
    ["foo.invalid", /reserved/],
    ["app.localhost", /reserved/],
    ["example.com", /reserved/],
    ["www.example.org", /reserved/],
    ["jane@example.net", /reserved/],
  ] as const)("%s", (input, reason) => {
    const result = normalizeDomain(input);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.input).toBe(input);
      expect(result.reason).toMatch(reason);
    }
  });

  it("does not treat names merely containing a reserved word as reserved", () => {
    expect(normalizeDomain("latest.com")).toEqual({ ok: true, domain: "latest.com" });
    expect(normalizeDomain("myexample.com")).toEqual({ ok: true, domain: "myexample.com" });
    expect(normalizeDomain("www.github.io")).toEqual({ ok: true, domain: "www.github.io" });
  });
});

describe("normalizeDomain with allowReservedNames", () => {
  it.each([
    ["acme.test", "acme.test"],
    ["blog.acme.test", "acme.test"],
    ["https://www.acme.test:8787/team", "acme.test"],
    ["jane@acme.test", "acme.test"],
    ["bücher.example", "xn--bcher-kva.example"],
    ["foo.invalid", "foo.invalid"],
    ["app.localhost", "app.localhost"],
    ["example.com", "example.com"],
    ["www.example.org", "example.org"],
    ["acme.com", "acme.com"],
  ])("%s -> %s", (input, expected) => {
    expect(normalizeDomain(input, { allowReservedNames: true })).toEqual({ ok: true, domain: expected });
  });

  it.each([
    ["localhost", /single label/],
    ["test", /single label/],
    ["127.0.0.1", /IP address/],
    ["co.uk", /public suffix/],
  ])("still rejects %s", (input, reason) => {
    const result = normalizeDomain(input, { allowReservedNames: true });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});

describe("registrableDomain", () => {
  it.each([
    ["www.acme.com", {}, "acme.com"],
    ["Blog.Acme.co.uk", {}, "acme.co.uk"],
    ["münchen.de", {}, "xn--mnchen-3ya.de"],
    ["user.github.io", {}, "user.github.io"],
    ["co.uk", {}, null],
    ["localhost", {}, null],
    ["10.0.0.1", {}, null],
    ["[::1]", {}, null],
    ["shop.acme.test", {}, null],
    ["shop.acme.test", { allowReservedNames: true }, "acme.test"],
    ["", {}, null],
  ])("%s %j -> %s", (host, options, expected) => {
    expect(registrableDomain(host, options)).toBe(expected);
  });
});

describe("isWithinDomain", () => {
  it.each([
    ["acme.com", "acme.com", true],
    ["www.acme.com", "acme.com", true],
    ["a.b.acme.com", "acme.com", true],
    ["WWW.ACME.COM.", "acme.com", true],
    ["notacme.com", "acme.com", false],
    ["acme.com.evil.net", "acme.com", false],
    ["acme.co", "acme.com", false],
    ["other.com", "acme.com", false],
    ["", "acme.com", false],
    ["acme.com", "", false],
  ])("%s in %s -> %s", (host, domain, expected) => {
    expect(isWithinDomain(host, domain)).toBe(expected);
  });
});
