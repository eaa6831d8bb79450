import { describe, expect, it } from "vitest";
import { visibleLines } from "./html-lines.ts";
import { type Element, parseHtml, textContent, walkElements } from "./html-tree.ts";

const elements = (html: string, name: string) => {
  const found: Element[] = [];
  walkElements(parseHtml(html), (el) => {
    if (el.name === name) found.push(el);
    return true;
  });
  return found;
};

describe("parseHtml: entities", () => {
  it("decodes entities in text, named, numeric and legacy forms", () => {
    const [p] = elements(
      "<p>anna&#64;acme&period;test &amp; ben&commat;acme.test &copy 2024 &#x41;</p>",
      "p",
    );
    expect(textContent(p!)).toBe("anna@acme.test & ben@acme.test © 2024 A");
  });

  it("decodes entities in attribute values by the attribute rules", () => {
    const [a] = elements(
      `<a href="mailto:anna&#64;acme.test?subject=a&amp;b" data-q="x&copy=1" title="&lt;Anna&gt;">x</a>`,
      "a",
    );
    expect(a!.attribs.href).toBe("mailto:anna@acme.test?subject=a&b");
    // An entity without ";" followed by "=" stays literal inside an attribute (HTML spec).
    expect(a!.attribs["data-q"]).toBe("x&copy=1");
    expect(a!.attribs.title).toBe("<Anna>");
  });

  it("leaves script and style text as written", () => {
    const [script] = elements(`<script>var at = "&#64;"; if (a &amp;&amp; b) {}</script>`, "script");
    expect(script!.children.map((c) => ("data" in c ? c.data : "")).join("")).toBe(
      `var at = "&#64;"; if (a &amp;&amp; b) {}`,
    );
  });

  it("decodes text in RCDATA elements (title, textarea)", () => {
    const [title] = elements("<title>Team &amp; Board</title>", "title");
    expect(textContent(title!)).toBe("Team & Board");
  });

  it("lowercases tag and attribute names", () => {
    const [div] = elements(`<DIV Class="Team">x</DIV>`, "div");
    expect(div!.attribs.class).toBe("Team");
  });
});

describe("parseHtml: tree", () => {
  it("closes implied and void elements the way browsers do", () => {
    const doc = parseHtml("<ul><li>One<li>Two</ul><p>a<br>b<img src=x.png>c<p>d</div>e");
    expect(elements("<ul><li>One<li>Two</ul>", "li").map((li) => textContent(li))).toEqual(["One", "Two"]);
    const ps = [] as string[];
    walkElements(doc, (el) => {
      if (el.name === "p") ps.push(textContent(el));
      if (el.name === "br" || el.name === "img") expect(el.children).toEqual([]);
      return true;
    });
    expect(ps).toEqual(["abc", "de"]);
  });

  it("drops comments and the doctype, joining the text around a comment", () => {
    const doc = parseHtml("<!doctype html><p>Anna<!-- x -->Müller</p>");
    expect(doc.children.map((c) => c.type)).toEqual(["tag"]);
    expect(visibleLines(doc)).toEqual(["AnnaMüller"]);
  });

  it("survives unclosed and stray tags", () => {
    const doc = parseHtml("</span><div><b>Bold<i>both</div></b>tail");
    expect(visibleLines(doc)).toEqual(["Boldboth", "tail"]);
  });
});

describe("visibleLines", () => {
  it("collapses every kind of whitespace, including no-break spaces, to single spaces", () => {
    const doc = parseHtml("<div>Anna\u00a0Müller</div><div>  Head \n\t of   Sales </div><p>Plain line</p>");
    expect(visibleLines(doc)).toEqual(["Anna Müller", "Head of Sales", "Plain line"]);
  });

  it("drops whitespace-only lines between blocks", () => {
    const doc = parseHtml("<ul>\n  <li>One</li>\n  <li>Two</li>\n</ul>");
    expect(visibleLines(doc)).toEqual(["One", "Two"]);
  });
});
