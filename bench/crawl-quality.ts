/**
 * Crawler and extractor figures on the fixture web (issue #3), in the
 * Workers runtime (Miniflare) with the production code:
 *  - email recall and precision against truth.json (goal >= 0.98 each);
 *  - recall of people with their title (goal >= 0.90);
 *  - pattern inference right on domains with >= 2 known pairs (goal >= 90%);
 *  - extraction CPU per page (goal: median < 5 ms for a ~100 KB page) and pages/s.
 *
 *   npm run bench:crawl
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, relative } from "node:path";
import { root } from "../scripts/toolchain.ts";
import { startBenchCrawler } from "./lib/miniflare-crawler.ts";

interface TruthEntry {
  emails: { email: string; type: string; person: string | null }[];
  people: { name: string; first: string; last: string; title: string | null; email: string | null }[];
  pattern: string | null;
}
interface Crawl {
  status: string;
  findings: {
    emails: { email: string }[];
    people: { name: string; first: string; last: string; title: string | null; email: string | null }[];
    pattern: { best: { pattern: string } | null; sample: number; mixed: boolean };
  };
  log: { rendered?: boolean }[];
}

const truth = JSON.parse(readFileSync(join(root, "test/fixtures/web/truth.json"), "utf8")) as Record<
  string,
  TruthEntry
>;
const norm = (s: string | null | undefined) =>
  (s ?? "").normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const crawler = await startBenchCrawler();
try {
  let truthEmails = 0;
  let foundEmails = 0;
  let correctEmails = 0;
  let titledPeople = 0;
  let titledFound = 0;
  let patternDomains = 0;
  let patternRight = 0;
  const perDomain: Record<string, unknown>[] = [];
  for (const [domain, expected] of Object.entries(truth)) {
    const started = Date.now();
    const crawl = (await (await crawler.call(`/crawl?domain=${domain}`)).json()) as Crawl;
    const found = new Set(crawl.findings.emails.map((e) => e.email));
    const want = new Set(expected.emails.map((e) => e.email.toLowerCase()));
    const hits = [...want].filter((e) => found.has(e));
    truthEmails += want.size;
    foundEmails += found.size;
    correctEmails += hits.length;
    // A person counts when found under the same name (however it was split) with the same title.
    const people = new Map<string, { title: string | null }>();
    for (const p of crawl.findings.people) {
      people.set(norm(`${p.first} ${p.last}`), p);
      people.set(norm(p.name), p);
    }
    const foundAs = (p: TruthEntry["people"][number]) =>
      people.get(norm(`${p.first} ${p.last}`)) ?? people.get(norm(p.name));
    const titled = expected.people.filter((p) => p.title);
    const titledHits = titled.filter((p) => norm(foundAs(p)?.title) === norm(p.title));
    titledPeople += titled.length;
    titledFound += titledHits.length;
    const pairs = expected.people.filter((p) => p.email).length;
    const inferred = crawl.findings.pattern.mixed ? "mixed" : (crawl.findings.pattern.best?.pattern ?? null);
    if (expected.pattern && pairs >= 2) {
      patternDomains += 1;
      if (inferred === expected.pattern) patternRight += 1;
    }
    perDomain.push({
      domain,
      status: crawl.status,
      ms: Date.now() - started,
      emails: `${hits.length}/${want.size} found, ${found.size - hits.length} extra`,
      missing: [...want].filter((e) => !found.has(e)),
      extra: [...found].filter((e) => !want.has(e)),
      titled_people: `${titledHits.length}/${titled.length}`,
      missed_people: titled.filter((p) => !titledHits.includes(p)).map((p) => `${p.name} (${p.title})`),
      pattern: `${inferred ?? "-"} (truth ${expected.pattern ?? "-"})`,
      rendered: crawl.log.filter((l) => l.rendered).length,
    });
  }

  // Extraction speed: every HTML page of the fixture web, timed from outside (clocks in workerd move only on I/O).
  const pages: { path: string; html: string; domain: string; size: number }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".html")) {
        const domain = relative(join(root, "test/fixtures/web/sites"), path).split("/")[0]!;
        const html = readFileSync(path, "latin1");
        pages.push({ path: relative(root, path), html, domain, size: Buffer.byteLength(html) });
      }
    }
  };
  walk(join(root, "test/fixtures/web/sites"));
  const timeExtraction = async (page: (typeof pages)[number], repeat: number) => {
    const body = JSON.stringify({
      html: page.html,
      url: `https://${page.domain}/`,
      domain: page.domain,
      repeat,
    });
    const t = performance.now();
    await (await crawler.call("/extract", { method: "POST", body })).json();
    return performance.now() - t;
  };
  const perPageMs: { path: string; size: number; ms: number }[] = [];
  for (const page of pages) {
    await timeExtraction(page, 3); // warm
    const samples: number[] = [];
    for (let i = 0; i < 5; i++)
      samples.push(((await timeExtraction(page, 21)) - (await timeExtraction(page, 1))) / 20);
    perPageMs.push({ path: page.path, size: page.size, ms: Math.max(0, median(samples)) });
  }
  const big = perPageMs.filter((p) => p.size >= 80_000 && p.size <= 400_000);
  const totalMs = perPageMs.reduce((n, p) => n + p.ms, 0);
  const summary = {
    date: new Date().toISOString(),
    machine: `${cpus().length} x ${cpus()[0]?.model}, Node ${process.versions.node}`,
    domains: Object.keys(truth).length,
    email_recall: correctEmails / truthEmails,
    email_precision: foundEmails ? correctEmails / foundEmails : 0,
    people_with_title_recall: titledPeople ? titledFound / titledPeople : 0,
    pattern_accuracy: patternDomains ? patternRight / patternDomains : 0,
    pattern_domains: patternDomains,
    counts: {
      truth_emails: truthEmails,
      found_emails: foundEmails,
      correct_emails: correctEmails,
      titled_people: titledPeople,
    },
    extraction: {
      pages: perPageMs.length,
      pages_per_second: perPageMs.length / (totalMs / 1000),
      median_ms_all: median(perPageMs.map((p) => p.ms)),
      large_pages: big.map((p) => ({
        path: p.path,
        kb: Math.round(p.size / 1024),
        ms: Number(p.ms.toFixed(2)),
        ms_per_100kb: Number(((p.ms * 100_000) / p.size).toFixed(2)),
      })),
      median_ms_100kb: big.length ? median(big.map((p) => p.ms)) : null,
      // The goal is stated for a 100 KB page: larger pages are scaled to 100 KB by size.
      median_ms_per_100kb: big.length ? median(big.map((p) => (p.ms * 100_000) / p.size)) : null,
    },
    per_domain: perDomain,
  };
  mkdirSync(join(root, "bench/results"), { recursive: true });
  writeFileSync(join(root, "bench/results/crawl-quality.json"), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(JSON.stringify({ ...summary, per_domain: undefined }, null, 2));
  for (const d of perDomain) console.log(JSON.stringify(d));
} finally {
  await crawler.close();
}
