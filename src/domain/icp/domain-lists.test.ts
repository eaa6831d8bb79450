import { describe, expect, it } from "vitest";
import { packagedDomainLists as lists } from "./domain-lists.ts";

describe("packagedDomainLists", () => {
  it("knows the big free-mail providers", () => {
    for (const d of ["gmail.com", "yahoo.co.uk", "hotmail.com", "outlook.com", "gmx.de", "proton.me"])
      expect(lists.isFreeMail(d), d).toBe(true);
    expect(lists.isFreeMail("GMAIL.COM")).toBe(true);
  });

  it("knows disposable domains, their subdomains included", () => {
    expect(lists.isDisposable("mailinator.com")).toBe(true);
    expect(lists.isDisposable("inbox.mailinator.com")).toBe(true);
    expect(lists.isDisposable("10minutemail.com")).toBe(true);
  });

  it("does not flag company domains", () => {
    for (const d of ["acme.com", "cloudflare.com", "example.org", "com", "shop.acme.co.uk"]) {
      expect(lists.isFreeMail(d), d).toBe(false);
      expect(lists.isDisposable(d), d).toBe(false);
    }
  });
});
