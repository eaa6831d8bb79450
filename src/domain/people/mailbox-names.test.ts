import { describe, expect, it } from "vitest";
import { mailboxVariants } from "./mailbox-names.ts";

describe("mailboxVariants", () => {
  it.each([
    // Plain names: lowercased, nothing else to choose
    ["Anna", ["anna"]],
    ["  SMITH ", ["smith"]],
    // German: expanded spelling first, then the plain one; ß is always ss
    ["Müller", ["mueller", "muller"]],
    ["Jörg", ["joerg", "jorg"]],
    ["Bär", ["baer", "bar"]],
    ["Strauß", ["strauss"]],
    ["Weiß-Köhler", ["weiss-koehler", "weisskoehler", "weiss-kohler", "weisskohler"]],
    ["müller-schmidt", ["mueller-schmidt", "muellerschmidt", "muller-schmidt", "mullerschmidt"]],
    // Nordic: the plain spelling is the usual one
    ["Søren", ["soren", "soeren"]],
    ["Åsa", ["asa", "aasa"]],
    ["Ærø", ["aero", "aeroe"]],
    // Marks that simply drop
    ["José", ["jose"]],
    ["François", ["francois"]],
    ["Peña", ["pena"]],
    ["Zoë", ["zoe"]],
    ["Dvořák", ["dvorak"]],
    ["Şahin", ["sahin"]],
    ["Nguyễn", ["nguyen"]],
    ["Erdős", ["erdos"]],
    // Letters that do not decompose
    ["Łukasz", ["lukasz"]],
    ["Đorđević", ["dordevic"]],
    ["Œuvray", ["oeuvray"]],
    ["Þór", ["thor"]],
    ["Yıldız", ["yildiz"]],
    // Hyphens kept and removed, apostrophes removed
    ["Jean-Luc", ["jean-luc", "jeanluc"]],
    ["O'Brien", ["obrien"]],
    ["O’Brien", ["obrien"]],
    ["D'Angelo", ["dangelo"]],
    ["al-Rashid", ["al-rashid", "alrashid", "rashid"]],
    // Spaces: joined first, then without the particle or each surname alone
    ["van der Berg", ["vanderberg", "berg"]],
    ["Van Der Berg", ["vanderberg", "berg"]],
    ["de la Fuente", ["delafuente", "fuente"]],
    ["van der Müller", ["vandermueller", "vandermuller", "mueller", "muller"]],
    ["García López", ["garcialopez", "garcia", "lopez"]],
    ["Ortega y Gasset", ["ortegaygasset", "ortega", "gasset"]],
    ["María José", ["mariajose", "maria", "jose"]],
    // Initials keep their letter
    ["F.", ["f"]],
    // Nothing ASCII to offer
    ["", []],
    ["   ", []],
    ["王", []],
  ])("%j -> %j", (namePart, expected) => {
    expect(mailboxVariants(namePart)).toEqual(expected);
  });

  it("never offers more than four spellings", () => {
    expect(mailboxVariants("von der Müller-Lüdenscheidt")).toHaveLength(4);
  });
});
