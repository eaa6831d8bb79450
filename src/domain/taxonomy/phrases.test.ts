import { describe, expect, it } from "vitest";
import { compileLexicon, findPhrases, phraseList, tokenize } from "./phrases.ts";

describe("tokenize", () => {
  it.each([
    ["Head of Sales & Marketing", ["head", "of", "sales", "and", "marketing"]],
    ["V.P. Sales", ["vp", "sales"]],
    ["Sr. Engineer", ["sr", "engineer"]],
    ["Head of R&D", ["head", "of", "rd"]],
    ["Co-Founder + CEO", ["co", "founder", "and", "ceo"]],
    ["Geschäftsführerin", ["geschaftsfuhrerin"]],
    ["Straße", ["strasse"]],
    ["Chef d'équipe", ["chef", "d", "equipe"]],
    ["VP, Sales (EMEA)", ["vp", ",", "sales", ",", "emea"]],
    ["Director - Legal / Compliance", ["director", ",", "legal", ",", "compliance"]],
    [", , Intern ,", ["intern"]],
    ["", []],
  ])("%j", (text, tokens) => {
    expect(tokenize(text)).toEqual(tokens);
  });
});

describe("findPhrases", () => {
  const lexicon = compileLexicon([
    ["president", "c"],
    ["vice president", "vp"],
    ["*leiter", "head"],
    ["teamleiter", "manager"],
    ["principal *", "senior"],
    ["principal of", "head"],
  ]);
  const values = (text: string) => findPhrases(tokenize(text), lexicon).map((m) => m.value);

  it("prefers the longest phrase, then exact words over wildcards", () => {
    expect(values("Vice President")).toEqual(["vp"]);
    expect(values("Teamleiter")).toEqual(["manager"]);
    expect(values("Vertriebsleiter")).toEqual(["head"]);
    expect(values("Principal of Oak School")).toEqual(["head"]);
    expect(values("Principal Engineer")).toEqual(["senior"]);
  });

  it("does not match across a segment break or inside a word", () => {
    expect(values("Vice, President")).toEqual(["c"]);
    expect(values("Presidential")).toEqual([]);
  });

  it("reads comma and line separated lists", () => {
    expect(phraseList(" a, b c\n  d ,,")).toEqual(["a", "b c", "d"]);
  });
});
