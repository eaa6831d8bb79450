import { describe, expect, it } from "vitest";
import { fieldForHeader, foldHeader, mapColumns } from "./columns.ts";

describe("header matching", () => {
  it.each([
    ["email", "email"],
    ["Email", "email"],
    ["E-mail", "email"],
    ["Email Address", "email"],
    ["EMAIL_ADDRESS", "email"],
    [" e.mail ", "email"],
    ["first_name", "first_name"],
    ["First Name", "first_name"],
    ["firstname", "first_name"],
    ["Prénom", "first_name"],
    ["last_name", "last_name"],
    ["Surname", "last_name"],
    ["full_name", "full_name"],
    ["Name", "full_name"],
    ["title", "title"],
    ["Job Title", "title"],
    ["Position", "title"],
    ["company", "company"],
    ["Company Name", "company"],
    ["Organization", "company"],
    ["company_domain", "company_domain"],
    ["Domain", "company_domain"],
    ["Website", "company_domain"],
    ["source_url", "source_url"],
    ["Seniority", "seniority"],
    ["Department", "department"],
  ])("%s -> %s", (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it("knows nothing of other columns", () => {
    for (const header of ["phone", "notes", "", "url", "linkedin"]) expect(fieldForHeader(header)).toBeNull();
  });

  it("folds case, accents and separators", () => {
    expect(foldHeader("  Adresse É-mail_ ")).toBe("adresseemail");
  });

  it("maps a header row: first column of a field wins, the rest are ignored", () => {
    expect(mapColumns(["Email", "Phone", "E-mail", "Job Title", ""])).toEqual({
      fields: ["email", null, null, "title", null],
      ignored: ["Phone", "E-mail"],
    });
  });
});
