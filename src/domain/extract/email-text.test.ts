import { describe, expect, it } from "vitest";
import { decodeCloudflareEmail, encodeCloudflareEmail } from "./cfemail.ts";
import { isGenericMailbox } from "./classify.ts";
import { isAssetName, isCompanyEmail, isPlaceholder, isSiblingDomain } from "./email-filters.ts";
import { emailFromMailto, findEmailsInText } from "./email-text.ts";
import { findEmailsInScript } from "./script-emails.ts";

describe("findEmailsInText", () => {
  it.each([
    ["Write to anna.mueller@acme.test today", ["anna.mueller@acme.test"], false],
    ["ANNA@ACME.TEST", ["anna@acme.test"], false],
    ["john [at] acme [dot] test", ["john@acme.test"], true],
    ["john(at)acme(dot)test", ["john@acme.test"], true],
    ["john {at} acme {dot} test", ["john@acme.test"], true],
    ["john at acme dot test", ["john@acme.test"], true],
    ["mail: j.smith [at] sub.acme [dot] co [dot] test", ["j.smith@sub.acme.co.test"], true],
    ["maria arroba constructora [punto] test", ["maria@constructora.test"], true],
    ["info (ät) bergmann punkt test", ["info@bergmann.test"], true],
    ["kontakt[at]bergmann.test", ["kontakt@bergmann.test"], true],
    ["o'brien@acme.test", ["o'brien@acme.test"], false],
    ["two: a@acme.test, b@acme.test.", ["a@acme.test", "b@acme.test"], false],
    ["meet us at the office", [], false],
    ["price: 5 at 10.00", [], false],
    ["logo@2x.png", ["logo@2x.png"], false],
  ])("%s", (text, expected, obfuscated) => {
    const found = findEmailsInText(text);
    expect(found.map((f) => f.email)).toEqual(expected);
    if (expected.length) expect(found[0]!.obfuscated).toBe(obfuscated);
  });
});

describe("emailFromMailto", () => {
  it.each([
    ["mailto:anna@acme.test", "anna@acme.test"],
    ["MAILTO:Anna@Acme.Test?subject=Hello%20there", "anna@acme.test"],
    ["mailto:anna%40acme.test", "anna@acme.test"],
    ["mailto:a@acme.test,b@acme.test", "a@acme.test"],
    ["mailto:", null],
    ["mailto:not-an-address", null],
  ])("%s -> %s", (href, expected) => {
    expect(emailFromMailto(href)).toBe(expected);
  });
});

describe("Cloudflare email protection", () => {
  it("decodes what it encodes, with any key", () => {
    for (const key of [0x00, 0x5a, 0xff]) {
      expect(decodeCloudflareEmail(encodeCloudflareEmail("jane.doe@acme.test", key))).toBe(
        "jane.doe@acme.test",
      );
    }
  });

  it("decodes a known value", () => {
    // key 0x42: 'a' (0x61) ^ 0x42 = 0x23 ...
    expect(decodeCloudflareEmail("42230223")).toBe("a@a");
  });

  it.each(["", "4", "423", "zz2302", "42 2302"])("refuses malformed input %j", (hex) => {
    expect(decodeCloudflareEmail(hex)).toBeNull();
  });
});

describe("findEmailsInScript", () => {
  it("evaluates simple concatenation with variables", () => {
    const src = `var u = 'jane'; var d = "acme.test"; document.write('<a href="mailto:' + u + '@' + d + '">mail</a>');`;
    expect(findEmailsInScript(src)).toEqual(["jane@acme.test"]);
  });

  it("joins literal pieces", () => {
    expect(findEmailsInScript(`el.href = 'mai' + 'lto:' + 'sales' + '@' + 'acme.test';`)).toEqual([
      "sales@acme.test",
    ]);
  });

  it("ignores scripts without addresses", () => {
    expect(findEmailsInScript("var a = 1 + 2; console.log('x' + a);")).toEqual([]);
  });
});

describe("filters", () => {
  it.each(["logo@2x.png", "icon@3x.webp", "hero@1.5x.jpg", "sprite@2x.svg"])("%s is an asset", (e) => {
    expect(isAssetName(e)).toBe(true);
  });

  it.each([
    "name@example.com",
    "you@domain.com",
    "email@yourcompany.com",
    "john@doe.com",
    "firstname@acme.test",
    "vorname.name@acme.test",
    "voornaam.achternaam@acme.test",
    "nombre.apellido@acme.test",
  ])("%s is a placeholder", (e) => expect(isPlaceholder(e)).toBe(true));

  it.each(["anna.mueller@acme.test", "info@acme.test", "mail@acme.test", "john@acme.test"])(
    "%s is not a placeholder",
    (e) => {
      expect(isPlaceholder(e)).toBe(false);
    },
  );

  it("keeps the company's domains only", () => {
    expect(isCompanyEmail("a@acme.test", "acme.test")).toBe(true);
    expect(isCompanyEmail("a@mail.acme.test", "acme.test")).toBe(true);
    expect(isCompanyEmail("a@notacme.test", "acme.test")).toBe(false);
    expect(isCompanyEmail("a@acme-group.test", "acme.test", ["acme-group.test"])).toBe(true);
    expect(isCompanyEmail("a@gmail.com", "acme.test")).toBe(false);
  });

  it("recognises a sibling domain of the same brand", () => {
    expect(isSiblingDomain("acme-group.test", "acme.test")).toBe(true);
    expect(isSiblingDomain("bergmann.de", "bergmann-maschinenbau.test")).toBe(true);
    expect(isSiblingDomain("webagentur.test", "acme.test")).toBe(false);
    expect(isSiblingDomain("ac.test", "acme.test")).toBe(false);
  });
});

describe("isGenericMailbox", () => {
  it.each([
    ["info@acme.test", true],
    ["sales@acme.test", true],
    ["kontakt@acme.test", true],
    ["info2@acme.test", true],
    ["press-eu@acme.test", true],
    ["jobs.berlin@acme.test", true],
    ["anna.mueller@acme.test", false],
    ["amueller@acme.test", false],
  ])("%s -> %s", (email, generic) => {
    expect(isGenericMailbox(email)).toBe(generic);
  });
});
