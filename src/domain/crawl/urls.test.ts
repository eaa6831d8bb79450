import { describe, expect, it } from "vitest";
import { normalizeUrl } from "./urls.ts";

const BASE = "https://acme.com/en/about/";

describe("normalizeUrl", () => {
  it.each([
    // scheme, host, port
    ["HTTPS://ACME.COM/", undefined, "https://acme.com/"],
    ["https://acme.com", undefined, "https://acme.com/"],
    ["http://acme.com:80/a", undefined, "http://acme.com/a"],
    ["https://acme.com:443/a", undefined, "https://acme.com/a"],
    ["https://acme.com:8443/a", undefined, "https://acme.com:8443/a"],
    ["http://acme.com:443/a", undefined, "http://acme.com:443/a"],
    ["https://acme.com./team", undefined, "https://acme.com/team"],
    ["https://münchen.de/Über", undefined, "https://xn--mnchen-3ya.de/%C3%9Cber"],
    // relative resolution and dot segments
    ["team", BASE, "https://acme.com/en/about/team"],
    ["../contact/", BASE, "https://acme.com/en/contact"],
    ["/Team/Jane-Doe", BASE, "https://acme.com/Team/Jane-Doe"],
    ["//www.acme.com/x", BASE, "https://www.acme.com/x"],
    ["?page=2", "https://acme.com/blog", "https://acme.com/blog?page=2"],
    ["#top", BASE, "https://acme.com/en/about"],
    ["", BASE, "https://acme.com/en/about"],
    ["  /team  ", BASE, "https://acme.com/team"],
    ["/a/./b/../c", BASE, "https://acme.com/a/c"],
    // fragments, slashes, index files
    ["https://acme.com/team#jane", undefined, "https://acme.com/team"],
    ["https://acme.com//team///jane", undefined, "https://acme.com/team/jane"],
    ["https://acme.com/team/", undefined, "https://acme.com/team"],
    ["https://acme.com/index.html", undefined, "https://acme.com/"],
    ["https://acme.com/about/index.php", undefined, "https://acme.com/about"],
    ["https://acme.com/about/INDEX.HTM", undefined, "https://acme.com/about"],
    ["https://acme.com/myindex.html", undefined, "https://acme.com/myindex.html"],
    // query: tracking removed, sorted, empty dropped
    ["https://acme.com/?utm_source=x&utm_medium=y", undefined, "https://acme.com/"],
    ["https://acme.com/p?b=2&a=1", undefined, "https://acme.com/p?a=1&b=2"],
    ["https://acme.com/p?id=7&gclid=abc&fbclid=d&ref=nav", undefined, "https://acme.com/p?id=7"],
    ["https://acme.com/p?UTM_Campaign=x&msclkid=1&_ga=2&_hsenc=3&_hsmi=4", undefined, "https://acme.com/p"],
    ["https://acme.com/p?mc_cid=1&mc_eid=2&yclid=3&igshid=4&q=x", undefined, "https://acme.com/p?q=x"],
    ["https://acme.com/p?", undefined, "https://acme.com/p"],
    ["https://acme.com/p?&&a=1&", undefined, "https://acme.com/p?a=1"],
    ["https://acme.com/p?a=2&a=1", undefined, "https://acme.com/p?a=1&a=2"],
    ["https://acme.com/p?reference=1", undefined, "https://acme.com/p?reference=1"],
    ["https://acme.com/p?flag", undefined, "https://acme.com/p?flag"],
    // percent-encoding
    ["https://acme.com/%7euser/%41bc", undefined, "https://acme.com/~user/Abc"],
    ["https://acme.com/a%2fb", undefined, "https://acme.com/a%2Fb"],
    ["https://acme.com/a b", undefined, "https://acme.com/a%20b"],
    ["https://acme.com/p?q=%e4%2d", undefined, "https://acme.com/p?q=%E4-"],
  ])("%s (base %s) -> %s", (href, base, expected) => {
    expect(normalizeUrl(href, base)).toBe(expected);
  });

  it.each([
    ["javascript:alert(1)", BASE],
    ["JavaScript:void(0)", BASE],
    ["mailto:info@acme.com", BASE],
    ["tel:+49301234", BASE],
    ["data:text/html,<p>hi</p>", BASE],
    ["ftp://acme.com/file", undefined],
    ["https://user:pass@acme.com/", undefined],
    ["https://user@acme.com/", undefined],
    ["//user@acme.com/x", BASE],
    ["/relative/without/base", undefined],
    ["http://", undefined],
    ["https://exa mple.com/", undefined],
  ])("%s (base %s) -> null", (href, base) => {
    expect(normalizeUrl(href, base)).toBeNull();
  });

  it("maps equivalent spellings to one string", () => {
    const variants = [
      "https://ACME.com:443/team/?utm_source=news#anchor",
      "https://acme.com//team",
      "https://acme.com/team/index.html",
      "https://acme.com/%74eam",
    ];
    expect(new Set(variants.map((v) => normalizeUrl(v))).size).toBe(1);
  });
});
