/**
 * The websites of the sample world (scripts/lib/sample-world.ts): small,
 * static, server-rendered pages, so the crawler reads them without a
 * browser. Home, a people page (cards with name, title and, for some, a
 * published address), an about page and a contact page with the shared
 * mailbox; robots.txt allows everything.
 */
import type { SampleCompany } from "./sample-world.ts";

export interface SamplePage {
  status: number;
  contentType: string;
  body: string;
}

const esc = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function layout(c: SampleCompany, title: string, main: string): string {
  const nav = [
    ["/", "Home"],
    [c.peoplePath, c.peoplePath === "/about/" ? "About us" : "Team"],
    ...(c.peoplePath === "/about/" ? [] : [["/about/", "About"]]),
    ["/contact/", "Contact"],
  ]
    .map(([href, label]) => `<a href="${href}">${label}</a>`)
    .join(" ");
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)} | ${esc(c.name)}</title>
<meta name="description" content="${esc(c.tagline)}"></head>
<body><header><a class="brand" href="/">${esc(c.name)}</a><nav>${nav}</nav></header>
<main>${main}</main>
<footer><p>&copy; 2025 ${esc(c.name)} Ltd. All rights reserved.</p></footer></body></html>`;
}

function home(c: SampleCompany): string {
  return layout(
    c,
    "Home",
    `<h1>${esc(c.name)}</h1>
<p>${esc(c.tagline)} We have been working with customers across the region for more than ten years, and
our small team takes every project from the first call to the last delivery.</p>
<p>Want to know who we are? <a href="${c.peoplePath}">Meet the team</a>, or <a href="/contact/">get in touch</a>.</p>
<section><h2>What we do</h2><p>Consulting, delivery and support, with clear prices and no lock-in. Our
customers range from family businesses to listed companies, and most of them have been with us for years.</p></section>`,
  );
}

function people(c: SampleCompany): string {
  const cards = c.people
    .map(
      (p) => `<div class="member">
  <h3>${esc(p.name)}</h3>
  <p class="role">${esc(p.title)}</p>${p.published ? `\n  <p><a href="mailto:${p.email}">${p.email}</a></p>` : ""}
</div>`,
    )
    .join("\n");
  const intro =
    c.peoplePath === "/about/"
      ? `<h1>About ${esc(c.name)}</h1><p>${esc(c.tagline)} These are the people behind it.</p>`
      : `<h1>Our team</h1><p>The people of ${esc(c.name)}.</p>`;
  return layout(
    c,
    c.peoplePath === "/about/" ? "About" : "Team",
    `${intro}\n<div class="team-grid">\n${cards}\n</div>`,
  );
}

function about(c: SampleCompany): string {
  return layout(
    c,
    "About",
    `<h1>About us</h1><p>${esc(c.tagline)} Founded as a two-person shop, ${esc(c.name)} now serves
customers in twelve countries. We care about doing few things well.</p>`,
  );
}

function contact(c: SampleCompany): string {
  const mailboxes = c.generic.map((e) => `<a href="mailto:${e}">${e}</a>`).join(" or ");
  return layout(
    c,
    "Contact",
    `<h1>Contact</h1><p>Write to us at ${mailboxes}, we answer within a day.</p>
<p>Phone: +1 555 0100<br>12 Harbour Street, Springfield</p>`,
  );
}

/** The page at `path` of the company's site (404 for anything else). */
export function samplePage(c: SampleCompany, path: string): SamplePage {
  const html = (body: string, status = 200) => ({ status, contentType: "text/html; charset=utf-8", body });
  const p = path.endsWith("/") ? path : `${path}/`;
  if (path === "/robots.txt")
    return { status: 200, contentType: "text/plain", body: "User-agent: *\nAllow: /\n" };
  if (p === "/") return html(home(c));
  if (p === c.peoplePath) return html(people(c));
  if (p === "/about/") return html(about(c));
  if (p === "/contact/") return html(contact(c));
  return html(layout(c, "Not found", "<h1>Page not found</h1>"), 404);
}
