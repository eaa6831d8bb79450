/**
 * Extracts the company's email addresses, its people, and the page's links
 * from one HTML page. Pure: HTML and context in, findings out. Every source
 * of addresses is read (mailto, text with obfuscations, attributes,
 * Cloudflare protection, reversed text, inline scripts, structured data);
 * only plausible, non-placeholder addresses on the company's own or sibling
 * mail domains are kept; the rest are reported as rejected with a reason.
 */

import { patternsMatching } from "../patterns/patterns.ts";
import { isLikelyPersonName, splitName } from "../people/names.ts";
import { classifyTitle, type Department, type Seniority } from "../taxonomy/titles.ts";
import { decodeCloudflareEmail } from "./cfemail.ts";
import { isGenericMailbox } from "./classify.ts";
import {
  isAssetName,
  isCompanyEmail,
  isPlaceholder,
  isPlausibleEmail,
  isSiblingDomain,
} from "./email-filters.ts";
import { emailsFromMailto, findEmailsInText } from "./email-text.ts";
import { indexLines } from "./html-lines.ts";
import { type Document, type Element, parseHtml, textContent, walkElements } from "./html-tree.ts";
import { cardPeople, skipRegion } from "./people-cards.ts";
import { linePeople } from "./people-lines.ts";
import { prosePeople } from "./people-prose.ts";
import { careersQuotes } from "./people-quotes.ts";
import { structuredPeople } from "./people-structured.ts";
import { tableTitles } from "./people-tables.ts";
import { findEmailsInScript } from "./script-emails.ts";
import { titleBleeds } from "./title-parts.ts";
import type { EmailSource, FoundEmail, FoundPerson, PersonSource } from "./types.ts";

export interface PageInput {
  html: string;
  url: string;
  /** The company's registrable domain. */
  domain: string;
  /** Other domains the company is known to receive mail on. */
  mailDomains?: readonly string[];
}

export interface ExtractedEmail {
  email: string;
  type: "personal" | "generic";
  personName: string | null;
  sources: EmailSource[];
}

export interface ExtractedPerson {
  name: string;
  first: string;
  last: string;
  title: string | null;
  seniority: Seniority | null;
  department: Department | null;
  email: string | null;
  sources: PersonSource[];
  profiles: string[];
}

export interface PageExtraction {
  url: string;
  emails: ExtractedEmail[];
  people: ExtractedPerson[];
  links: { href: string; text: string }[];
  /** Sibling domains the company's addresses were seen on (e.g. acme-group.test for acme.test). */
  mailDomains: string[];
  rejected: { email: string; reason: "asset" | "placeholder" | "third_party" | "implausible" }[];
  /** Signals that the static HTML is a client-rendered shell. */
  render: { visibleTextLength: number; emptyAppRoot: boolean; scripts: number };
}

const ignoredAttributes = new Set([
  "placeholder",
  "src",
  "srcset",
  "style",
  "class",
  "id",
  "sizes",
  "integrity",
]);
const appRootIds = /^(root|app|__next|__nuxt|svelte|main-app|team|people|staff|team-members|app-root)$/i;

/** Addresses from every source, and the page's links, in one walk of the tree. */
function collectEmails(
  doc: Document,
  found: FoundEmail[],
  lines: readonly string[],
  links: PageExtraction["links"],
) {
  const add = (email: string | null, source: EmailSource) => {
    if (email) found.push({ email: email.toLowerCase(), source, personName: null });
  };
  let scripts = 0;
  let emptyAppRoot = false;
  walkElements(doc, (el: Element) => {
    if (el.name === "script") {
      scripts += 1;
      if ((el.attribs.type ?? "").toLowerCase() !== "application/ld+json") {
        for (const email of findEmailsInScript(textOfScript(el))) add(email, "script");
      }
      return false;
    }
    if (el.name === "style" || el.name === "template") return false;
    const id = el.attribs.id;
    if (id && appRootIds.test(id) && textContent(el).trim() === "" && el.children.length <= 1) {
      emptyAppRoot = true;
    }
    if (el.name === "a") {
      const href = el.attribs.href;
      if (href && !/^(mailto|tel|javascript):/i.test(href)) {
        links.push({ href, text: textContent(el).replace(/\s+/g, " ").trim().slice(0, 200) });
      }
    }
    for (const name in el.attribs) {
      const value = el.attribs[name]!;
      if (name === "href" && /^mailto:/i.test(value))
        for (const email of emailsFromMailto(value)) add(email, "mailto");
      else if (name === "href" && value.includes("/cdn-cgi/l/email-protection#")) {
        add(decodeCloudflareEmail(value.split("#")[1] ?? ""), "cloudflare");
      } else if (name === "data-cfemail") add(decodeCloudflareEmail(value), "cloudflare");
      else if (
        (value.includes("@") || (value.includes("at") && /\(at\)|\[at\]/i.test(value))) &&
        !ignoredAttributes.has(name)
      ) {
        for (const hit of findEmailsInText(value.replace(/^mailto:/i, ""))) add(hit.email, "attribute");
      }
    }
    return true;
  });
  for (const line of lines) {
    for (const hit of findEmailsInText(line)) add(hit.email, hit.obfuscated ? "obfuscated" : "text");
  }
  const visibleTextLength = lines.reduce((n, l) => n + l.length, 0);
  return { visibleTextLength, emptyAppRoot, scripts };
}

function textOfScript(el: Element): string {
  return el.children.map((c) => ("data" in c ? String(c.data) : "")).join("");
}

/**
 * A link holding only a person's name, at the start of a line and followed by
 * more text that is not a sentence going on ("leads our finance team"): the
 * name is a line of its own (Joomla's contact list: `<a>Claire Fabre</a>
 * Géomètre-Expert, gérante`).
 */
function nameLinkStartsLine(el: Element, after: string): boolean {
  if (el.name !== "a" || /^\p{Ll}/u.test(after)) return false;
  const text = textContent(el).replace(/\s+/g, " ").trim();
  return text.length <= 60 && isLikelyPersonName(text);
}

/** Extracts one page. */
export function extractPage(input: PageInput): PageExtraction {
  const doc = parseHtml(input.html);
  const index = indexLines(doc, skipRegion, nameLinkStartsLine);
  const found: FoundEmail[] = [];
  const links: PageExtraction["links"] = [];
  const render = collectEmails(doc, found, index.lines, links);

  const structured = structuredPeople(doc);
  for (const email of structured.emails) found.push({ email, source: "structured", personName: null });
  const cards = cardPeople(doc, index, /<table/i.test(input.html) ? tableTitles(doc) : undefined);
  const people: FoundPerson[] = [...structured.people, ...cards];
  people.push(...linePeople(doc, people, index));
  people.push(...prosePeople(index.lines.filter((_, i) => !index.skipped[i])));
  people.push(...careersQuotes(doc, input.url));
  for (const p of people)
    if (p.email) found.push({ email: p.email.toLowerCase(), source: "structured", personName: p.name });

  const mailDomains = new Set(input.mailDomains ?? []);
  for (const f of found) {
    const domain = f.email.split("@")[1] ?? "";
    if (isSiblingDomain(domain, input.domain) && (f.source === "mailto" || f.source === "text"))
      mailDomains.add(domain);
  }
  const rejected: PageExtraction["rejected"] = [];
  const rejectedSeen = new Set<string>();
  const companyMailDomains = [...mailDomains];
  const kept = new Map<string, ExtractedEmail>();
  for (const f of found) {
    const reason = !isPlausibleEmail(f.email)
      ? "implausible"
      : isAssetName(f.email)
        ? "asset"
        : isPlaceholder(f.email)
          ? "placeholder"
          : !isCompanyEmail(f.email, input.domain, companyMailDomains)
            ? "third_party"
            : null;
    if (reason) {
      if (!rejectedSeen.has(f.email)) rejected.push({ email: f.email, reason });
      rejectedSeen.add(f.email);
      continue;
    }
    const entry = kept.get(f.email) ?? { email: f.email, type: "personal", personName: null, sources: [] };
    if (!entry.sources.includes(f.source)) entry.sources.push(f.source);
    entry.personName ??= f.personName;
    kept.set(f.email, entry);
  }

  const merged = mergePeople(people, kept);
  for (const entry of kept.values()) {
    entry.type = entry.personName ? "personal" : isGenericMailbox(entry.email) ? "generic" : "personal";
  }
  return {
    url: input.url,
    emails: [...kept.values()],
    people: merged,
    links,
    mailDomains: [...mailDomains],
    rejected,
    render,
  };
}

/**
 * How much a title from each kind of source is trusted: structured data, then layout, then text
 * lines, then impressum labels (legal roles) and prose sentences.
 */
export function titleRank(source: PersonSource): number {
  if (source === "json-ld" || source === "h-card" || source === "vcard") return 4;
  if (source === "card" || source === "table") return 3;
  return source === "line" ? 2 : 1;
}

/** De-duplicates people by name, splits names, classifies titles, and links addresses to people. */
function mergePeople(found: FoundPerson[], emails: Map<string, ExtractedEmail>): ExtractedPerson[] {
  const byName = new Map<string, ExtractedPerson & { titleSource: PersonSource }>();
  const names = found.map((p) => p.name);
  for (const candidate of found) {
    const split = splitName(candidate.name);
    if (!split) continue;
    // A title holding an address, a phone or someone's name is no title (see titleBleeds).
    const p =
      candidate.title && titleBleeds(candidate.title, split.full, names)
        ? { ...candidate, title: null }
        : candidate;
    const key = `${split.first} ${split.last}`.toLowerCase();
    const existing = byName.get(key);
    const email = p.email && emails.has(p.email.toLowerCase()) ? p.email.toLowerCase() : null;
    if (existing) {
      if (p.title && (!existing.title || titleRank(p.source) > titleRank(existing.titleSource))) {
        existing.title = p.title;
        existing.titleSource = p.source;
      }
      existing.email ??= email;
      if (!existing.sources.includes(p.source)) existing.sources.push(p.source);
      existing.profiles.push(...p.profiles.filter((u) => !existing.profiles.includes(u)));
      continue;
    }
    byName.set(key, {
      titleSource: p.source,
      // A middle initial after a written-out given name is not part of the name shown ("Anna K. Berg").
      name:
        split.middle && /^(?:\p{Lu}\. ?)+$/u.test(split.middle) ? `${split.first} ${split.last}` : split.full,
      first: split.first,
      last: split.last,
      title: p.title,
      seniority: null,
      department: null,
      email,
      sources: [p.source],
      profiles: [...p.profiles],
    });
  }
  const people: ExtractedPerson[] = [...byName.values()].map(({ titleSource: _, ...person }) => person);
  for (const person of people) {
    if (person.title) Object.assign(person, classifyTitle(person.title));
    if (person.email) {
      const entry = emails.get(person.email);
      if (entry) entry.personName = person.name;
    }
  }
  // Addresses not shown with anyone: link by name pattern when exactly one person fits.
  for (const entry of emails.values()) {
    if (entry.personName || isGenericMailbox(entry.email)) continue;
    const local = entry.email.split("@")[0] ?? "";
    const fits = people.filter((p) => !p.email && patternsMatching(local, p.first, p.last).length > 0);
    if (fits.length === 1) {
      fits[0]!.email = entry.email;
      entry.personName = fits[0]!.name;
    }
  }
  return people;
}
