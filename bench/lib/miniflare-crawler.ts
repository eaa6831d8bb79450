/**
 * Starts the benchmark Worker (bench/worker/crawl-bench-worker.ts, bundled
 * by esbuild) in Miniflare with D1 (migrations applied), Browser Rendering on
 * the machine's Chromium, and outbound fetches served by the fixture web and
 * the recorded DNS answers. The fixture web is also served over loopback HTTP
 * for the browser, which maps every `.test` host there.
 */
import { join } from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-plugin";
import { build } from "esbuild";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { ensureBrowserWrapper, setTestHostRule } from "../../scripts/browser-setup.ts";
import { root } from "../../scripts/toolchain.ts";
import { dohResponse, publicNames } from "../../test/fixtures/dns/doh.ts";
import { chromeHostRules, serveFixtureWeb } from "../../test/fixtures/serve-fixture-web.ts";
import { allOutsideDomains, fixtureDomains, fixtureFetch } from "../../test/fixtures/web/fixture-web.ts";

export interface BenchCrawler {
  mf: Miniflare;
  call(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export async function startBenchCrawler(): Promise<BenchCrawler> {
  for (const domain of [...fixtureDomains, ...allOutsideDomains]) publicNames.add(domain);
  const web = await serveFixtureWeb();
  process.env.CI ??= "1";
  setTestHostRule(chromeHostRules(web.port));
  ensureBrowserWrapper();
  const bundle = await build({
    entryPoints: [join(root, "bench/worker/crawl-bench-worker.ts")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    write: false,
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    external: ["cloudflare:*", "node:*"],
    logLevel: "error",
  });
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      workers: [
        {
          name: "bench",
          modules: true,
          script: bundle.outputFiles[0]!.text,
          compatibilityDate: "2026-11-01",
          compatibilityFlags: ["nodejs_compat"],
          d1Databases: ["DB"],
          browserRendering: { binding: "BROWSER" },
          outboundService: async (request: Request) => {
            const { hostname } = new URL(request.url);
            if (hostname === "cloudflare-dns.com") return dohResponse(request);
            return fixtureFetch(request);
          },
        },
      ],
    } as never),
  );
  const db = await mf.getD1Database("DB");
  for (const migration of await readD1Migrations(join(root, "migrations"))) {
    for (const query of migration.queries) await db.prepare(query).run();
  }
  return {
    mf,
    call: (path, init) =>
      mf.dispatchFetch(`http://bench${path}`, init as never) as unknown as Promise<Response>,
    close: async () => {
      await mf.dispose();
      setTestHostRule(null);
      await web.close();
    },
  };
}
