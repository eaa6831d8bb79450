/**
 * People from structured data: schema.org JSON-LD (`Person`, and people
 * under an Organization's `employee`, `founder`, `member`, `contactPoint`),
 * h-card microformats (p-name, p-job-title, u-email) and legacy vCard
 * classes (fn, title/role, email).
 */
import { emailFromMailto } from "./email-text.ts";
import { classesOf, type Document, type Element, textContent, walkElements } from "./html-tree.ts";
import type { FoundPerson } from "./types.ts";

type Json = Record<string, unknown>;

const text = (v: unknown): string | null => {
  if (typeof v === "string") return v.replace(/\s+/g, " ").trim() || null;
  if (Array.isArray(v)) return text(v[0]);
  if (v && typeof v === "object") return text((v as Json).name ?? (v as Json)["@value"]);
  return null;
};

const isType = (node: Json, type: string) => {
  const t = node["@type"];
  return t === type || (Array.isArray(t) && t.includes(type));
};

function personFromJsonLd(node: Json): FoundPerson | null {
  const given = text(node.givenName);
  const family = text(node.familyName);
  const name = text(node.name) ?? ([given, family].filter(Boolean).join(" ") || null);
  if (!name) return null;
  const rawEmail = text(node.email);
  const sameAs = node.sameAs;
  return {
    name,
    title: text(node.jobTitle) ?? text(node.hasOccupation),
    email: rawEmail ? (emailFromMailto(rawEmail) ?? null) : null,
    source: "json-ld",
    profiles: (Array.isArray(sameAs) ? sameAs : sameAs ? [sameAs] : []).filter(
      (s): s is string => typeof s === "string",
    ),
  };
}

/** Every Person reachable in a JSON-LD value (graphs, arrays, nested properties). */
function collectPersons(value: unknown, out: FoundPerson[], depth = 0): void {
  if (depth > 8 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) collectPersons(item, out, depth + 1);
    return;
  }
  const node = value as Json;
  if (isType(node, "Person")) {
    const person = personFromJsonLd(node);
    if (person) out.push(person);
    return;
  }
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith("@") && key !== "@graph") continue;
    collectPersons(child, out, depth + 1);
  }
}

/** People from JSON-LD blocks and microformats anywhere on the page. */
export function structuredPeople(doc: Document): { people: FoundPerson[]; emails: string[] } {
  const people: FoundPerson[] = [];
  const emails: string[] = [];
  walkElements(doc, (el) => {
    if (el.name === "script") {
      if ((el.attribs.type ?? "").toLowerCase() === "application/ld+json") {
        try {
          const data = JSON.parse(scriptText(el));
          collectPersons(data, people);
          collectEmails(data, emails);
        } catch {
          // Broken JSON-LD is common; the rest of the page still counts.
        }
      }
      return false;
    }
    const classes = classesOf(el);
    if (classes.includes("h-card") || classes.includes("vcard")) {
      const person = microformatPerson(el, classes.includes("h-card"));
      if (person) people.push(person);
    } else if (isMicrodataPerson(el)) {
      const person = microformatPerson(el, false);
      if (person) people.push(person);
    }
    return true;
  });
  return { people, emails };
}

function scriptText(el: Element): string {
  return el.children.map((c) => ("data" in c ? String(c.data) : "")).join("");
}

function collectEmails(value: unknown, out: string[], depth = 0): void {
  if (depth > 8 || value === null || typeof value !== "object") return;
  for (const [key, child] of Object.entries(value as Json)) {
    if (key === "email" && typeof child === "string") {
      const email = emailFromMailto(child);
      if (email) out.push(email);
    } else collectEmails(child, out, depth + 1);
  }
}

/** A schema.org Person in microdata (`itemscope itemtype="https://schema.org/Person"`). */
const isMicrodataPerson = (el: Element) =>
  el.attribs.itemscope !== undefined && /schema\.org\/Person$/i.test(el.attribs.itemtype ?? "");

/**
 * A person from microformat classes (h-card's p-name, p-job-title, u-email; vCard's fn,
 * title, role, email) or schema.org microdata properties (name, jobTitle, email).
 */
function microformatPerson(card: Element, modern: boolean): FoundPerson | null {
  let name: string | null = null;
  let title: string | null = null;
  let email: string | null = null;
  const profiles: string[] = [];
  walkElements(card, (el) => {
    const c = classesOf(el);
    const prop = el.attribs.itemprop;
    const value = () => textContent(el).replace(/\s+/g, " ").trim();
    if (!name && (c.includes(modern ? "p-name" : "fn") || (!modern && c.includes("n")) || prop === "name"))
      name = value() || null;
    const titled = c.includes(modern ? "p-job-title" : "title") || c.includes(modern ? "p-role" : "role");
    if (!title && (titled || prop === "jobTitle")) {
      title = value() || null;
    }
    if (!email && (c.includes(modern ? "u-email" : "email") || prop === "email")) {
      email = el.attribs.href ? emailFromMailto(el.attribs.href) : emailFromMailto(value());
    }
    if (c.includes("u-url") && el.attribs.href) profiles.push(el.attribs.href);
    return true;
  });
  if (!name) return null;
  return { name, title, email, source: modern ? "h-card" : "vcard", profiles };
}
