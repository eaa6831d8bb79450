/**
 * For the extractor's tests: the people one page body yields, as [name, title] sorted by name.
 * Not used by the extractor itself.
 */
import { extractPage } from "./extract-page.ts";

export const peopleOn = (body: string, url = "https://acme.test/team") =>
  extractPage({
    html: `<!doctype html><html><head><title>Team</title></head><body>${body}</body></html>`,
    url,
    domain: new URL(url).hostname,
  })
    .people.map((p) => [p.name, p.title])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
