/** The enrichment clients (DoH, RDAP, Wayback) against recorded answers: parsing, caching, failures, timeouts. */
import { describe, expect, it } from "vitest";
import { DohRecordsClient } from "../../../src/services/enrich/dns-client.ts";
import { RdapClient } from "../../../src/services/enrich/rdap-client.ts";
import { cdxTimestampToIso, WaybackClient } from "../../../src/services/enrich/wayback-client.ts";
import { recordedFetch } from "../../fixtures/enrich/recorded.ts";

const DOH = "https://cloudflare-dns.com/dns-query";

describe("DohRecordsClient", () => {
  it("returns MX and TXT data and caches answers for their TTL", async () => {
    const web = recordedFetch();
    const dns = new DohRecordsClient(DOH, web.fetch);
    const mx = await dns.lookup("contoso.com", "MX");
    expect(mx).toEqual({ exists: true, data: ["0 contoso-com.mail.protection.outlook.com."] });
    expect(await dns.lookup("Contoso.com", "MX")).toEqual(mx);
    expect(web.requests).toEqual([`${DOH}?name=contoso.com&type=MX`]);
    const txt = await dns.lookup("contoso.com", "TXT");
    expect(txt?.data).toHaveLength(2);
  });

  it("tells NXDOMAIN apart from a failed lookup", async () => {
    expect(await new DohRecordsClient(DOH, recordedFetch().fetch).lookup("gone-company.com", "MX")).toEqual({
      exists: false,
      data: [],
    });
    const down = recordedFetch({ failHosts: ["cloudflare-dns.com"] });
    expect(await new DohRecordsClient(DOH, down.fetch).lookup("contoso.com", "MX")).toBeNull();
  });

  it("gives up after its timeout and does not cache the failure", async () => {
    const hanging = recordedFetch({ hangHosts: ["cloudflare-dns.com"] });
    const dns = new DohRecordsClient(DOH, hanging.fetch, 50);
    expect(await dns.lookup("contoso.com", "MX")).toBeNull();
    expect(await dns.lookup("contoso.com", "MX")).toBeNull();
    expect(hanging.requests).toHaveLength(2);
  });
});

describe("RdapClient", () => {
  it("finds the registration date through the IANA bootstrap, which it fetches once", async () => {
    const web = recordedFetch();
    const rdap = new RdapClient(web.fetch);
    expect(await rdap.registeredAt("contoso.com")).toBe("1994-02-18T05:00:00.000Z");
    expect(await rdap.registeredAt("northwind-traders.com")).toBe("2016-09-05T14:31:07.000Z");
    expect(await rdap.registeredAt("contoso.com")).toBe("1994-02-18T05:00:00.000Z");
    expect(web.count("data.iana.org")).toBe(1);
    expect(web.requests).toContain("https://rdap.verisign.com/com/v1/domain/contoso.com");
    expect(web.count("rdap.verisign.com")).toBe(2);
  });

  it("is unknown for a TLD without RDAP, an unregistered name, and a registry that is down", async () => {
    const web = recordedFetch();
    const rdap = new RdapClient(web.fetch);
    expect(await rdap.registeredAt("fabrikam.de")).toBeNull();
    expect(web.requests).toEqual(["https://data.iana.org/rdap/dns.json"]);
    expect(await rdap.registeredAt("gone-company.com")).toBeNull();
    const down = recordedFetch({ failHosts: ["rdap.verisign.com"] });
    expect(await new RdapClient(down.fetch).registeredAt("contoso.com")).toBeNull();
    const hanging = recordedFetch({ hangHosts: ["data.iana.org"] });
    expect(await new RdapClient(hanging.fetch, 50).registeredAt("contoso.com")).toBeNull();
  });
});

describe("WaybackClient", () => {
  it("returns the first capture, caches it, and is unknown when there is none", async () => {
    const web = recordedFetch();
    const wayback = new WaybackClient(web.fetch);
    expect(await wayback.firstCapture("contoso.com")).toBe("1996-12-20T23:32:27.000Z");
    expect(await wayback.firstCapture("contoso.com")).toBe("1996-12-20T23:32:27.000Z");
    expect(web.requests).toEqual([
      "https://web.archive.org/cdx/search/cdx?url=contoso.com&limit=1&output=json&fl=timestamp",
    ]);
    expect(await wayback.firstCapture("tailspin-toys.com")).toBeNull();
    const down = recordedFetch({ failHosts: ["web.archive.org"] });
    expect(await new WaybackClient(down.fetch).firstCapture("contoso.com")).toBeNull();
  });

  it("reads CDX timestamps, short ones too", () => {
    expect(cdxTimestampToIso("2002012014")).toBe("2002-01-20T14:00:00.000Z");
    expect(cdxTimestampToIso("not-a-time")).toBeNull();
  });
});
