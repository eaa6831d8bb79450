import { describe, expect, it } from "vitest";
import { recordedDnsAnswer } from "../../../test/fixtures/enrich/recorded.ts";
import { dmarcPolicy, mailPosture, parseMx, summariseSpf, txtText } from "./mail-posture.ts";
import { m365TenantOf, providerOfHost } from "./mail-providers.ts";

const recorded = (domain: string) =>
  mailPosture(domain, {
    mx: recordedDnsAnswer(`${domain} MX`),
    txt: recordedDnsAnswer(`${domain} TXT`),
    dmarc: recordedDnsAnswer(`_dmarc.${domain} TXT`),
  });

describe("mailPosture from recorded answers", () => {
  it("reads Google Workspace, a soft-fail SPF and DMARC quarantine", () => {
    expect(recorded("northwind-traders.com")).toEqual({
      mx_provider: "Google Workspace",
      m365_tenant: null,
      accepts_mail: true,
      spf: "~all include:_spf.google.com include:servers.mcsv.net",
      dmarc: "quarantine",
    });
  });

  it("reads Microsoft 365 with its tenant label, and an SPF record split in chunks", () => {
    expect(recorded("contoso.com")).toEqual({
      mx_provider: "Microsoft 365",
      m365_tenant: "contoso-com",
      accepts_mail: true,
      spf: "-all include:spf.protection.outlook.com include:_spf.salesforce.com include:mail.zendesk.com include:sendgrid.net include:_spf.hubspotemail.net",
      dmarc: "reject",
    });
  });

  it("says a null MX (RFC 7505) accepts no mail", () => {
    expect(recorded("parked-brand.com")).toMatchObject({
      mx_provider: null,
      accepts_mail: false,
      spf: "-all",
    });
  });

  it("names the gateway in front (Proofpoint) and DMARC p=none", () => {
    expect(recorded("tailspin-toys.com")).toMatchObject({
      mx_provider: "Proofpoint",
      spf: "?all include:spf.protection.outlook.com include:_spf.google.com",
      dmarc: "none",
    });
  });

  it("calls MX under the company's own domain self-hosted; no SPF or DMARC record is 'missing'", () => {
    expect(recorded("fabrikam.de")).toEqual({
      mx_provider: "Self-hosted",
      m365_tenant: null,
      accepts_mail: true,
      spf: "missing",
      dmarc: "missing",
    });
  });

  it("says a domain that does not exist accepts no mail", () => {
    expect(recorded("gone-company.com")).toMatchObject({ accepts_mail: false, mx_provider: null });
  });

  it("keeps everything unknown when the lookups failed", () => {
    expect(mailPosture("x.com", { mx: null, txt: null, dmarc: null })).toEqual({
      mx_provider: null,
      m365_tenant: null,
      accepts_mail: null,
      spf: null,
      dmarc: null,
    });
  });

  it("does not guess when there are no MX records (mail may go to the A record)", () => {
    expect(
      mailPosture("x.com", { mx: { exists: true, data: [] }, txt: null, dmarc: null }).accepts_mail,
    ).toBeNull();
  });
});

describe("MX hosts", () => {
  it.each([
    ["alt2.aspmx.l.google.com.", "Google Workspace"],
    ["smtp.google.com", "Google Workspace"],
    ["acme-io.mail.protection.outlook.com", "Microsoft 365"],
    ["acme-io.l-v1.mx.microsoft", "Microsoft 365"],
    ["eu-smtp-inbound-1.mimecast.com", "Mimecast"],
    ["mx.zoho.eu", "Zoho Mail"],
    ["in1-smtp.messagingengine.com", "Fastmail"],
    ["inbound-smtp.eu-west-1.amazonaws.com", "Amazon WorkMail / SES"],
    ["mx.yandex.net", "Yandex"],
    ["mx1.mail.ovh.net", "OVHcloud"],
    ["mx00.ionos.de", "IONOS"],
    ["mailstore1.secureserver.net", "GoDaddy"],
    ["d123a.ess.barracudanetworks.com", "Barracuda"],
    ["mx1.hc1234-56.iphmx.com", "Cisco Secure Email"],
    ["mx.example-hoster.net", null],
  ])("%s is %s", (host, provider) => {
    expect(providerOfHost(host)).toBe(provider);
  });

  it("reads the Microsoft 365 tenant label from both MX forms only", () => {
    expect(m365TenantOf("contoso-com.mail.protection.outlook.com.")).toBe("contoso-com");
    expect(m365TenantOf("contoso-com.l-v1.mx.microsoft")).toBe("contoso-com");
    expect(m365TenantOf("aspmx.l.google.com")).toBeNull();
  });

  it("parses MX data, the null MX included", () => {
    expect(parseMx("10 mail.acme.com.")).toEqual({ preference: 10, exchange: "mail.acme.com" });
    expect(parseMx("0 .")).toEqual({ preference: 0, exchange: "" });
    expect(parseMx("garbage")).toBeNull();
  });
});

describe("SPF and DMARC", () => {
  it("joins quoted TXT chunks without a separator", () => {
    expect(txtText('"v=spf1 include:a.com " "-all"')).toBe("v=spf1 include:a.com -all");
    expect(txtText('"say \\"hi\\""')).toBe('say "hi"');
  });

  it("summarises SPF terms and flags several records", () => {
    const spf = (...data: string[]) => summariseSpf({ exists: true, data });
    expect(spf('"v=spf1 mx a redirect=_spf.acme.com"')).toBe("no all redirect=_spf.acme.com");
    expect(spf('"v=spf1 all"')).toBe("+all");
    expect(spf('"v=spf1 -all"', '"v=spf1 ~all"')).toBe("invalid: 2 records");
    expect(spf('"v=spf10 nope"')).toBe("missing");
  });

  it("reads the DMARC policy", () => {
    const dmarc = (...data: string[]) => dmarcPolicy({ exists: true, data });
    expect(dmarc('"v=DMARC1;p=reject"')).toBe("reject");
    expect(dmarc('"v=DMARC1; sp=reject; p=none"')).toBe("none");
    expect(dmarc('"v=DMARC1; rua=mailto:x@y.z"')).toBe("invalid");
    expect(dmarc()).toBe("missing");
  });
});
