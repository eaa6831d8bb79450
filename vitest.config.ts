/**
 * Two test projects. `workers` runs inside workerd through
 * @cloudflare/vitest-plugin with the real D1, Queue and Durable Object
 * bindings from wrangler.toml (storage isolated per test file). `node` runs
 * what needs Node: the sidecar's tests, the OpenAPI validator, the scripts.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { ensureBrowserWrapper } from "./scripts/browser-setup.ts";
import { dohResponse, publicNames } from "./test/fixtures/dns/doh.ts";
import { allOutsideDomains, fixtureDomains, fixtureFetch } from "./test/fixtures/web/fixture-web.ts";
import { TEST_HS256_SECRET, TEST_SIDECAR_SECRET, TEST_TOKEN_KEYS } from "./test/test-secrets.ts";

// Miniflare must not try to download Chrome (offline): CI=1 plus the wrapper from scripts/browser-setup.ts.
process.env.CI ??= "1";
ensureBrowserWrapper();

for (const domain of [...fixtureDomains, ...allOutsideDomains]) publicNames.add(domain);

/**
 * Outbound fetches of the crawler tests: DNS-over-HTTPS gets the recorded
 * answers, every other host the fixture web. Only the `crawler` project
 * uses it; the `workers` project keeps real networking (a shim cannot turn
 * a refused connection into the network error a Worker would see).
 */
async function outbound(request: Request): Promise<Response> {
  const { hostname } = new URL(request.url);
  if (hostname === "cloudflare-dns.com") return dohResponse(request);
  return fixtureFetch(request);
}

/**
 * The runs tests' outbound fetches: the fixture web and recorded DNS as for
 * the crawler, and loopback (the real SMTP sidecar of the global setup, and
 * refused ports for "sidecar down") passed through to the network.
 */
async function outboundWithLoopback(request: Request): Promise<Response> {
  const { hostname } = new URL(request.url);
  if (hostname === "127.0.0.1" || hostname === "localhost") {
    const body =
      request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    return fetch(request.url, { method: request.method, headers: request.headers, body, redirect: "manual" });
  }
  return outbound(request);
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  /** A project whose tests run inside workerd with the Worker's bindings from wrangler.toml. */
  const workersProject = (
    name: string,
    include: string[],
    extra: { exclude?: string[]; outboundService?: typeof outbound } = {},
  ) => ({
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: "development",
            AUTH_MODE: "dev",
            AUTH_HS256_SECRET: TEST_HS256_SECRET,
            AUTH_TOKEN_KEYS: TEST_TOKEN_KEYS,
            SIDECAR_URL: inject("sidecarUrl"),
            TEST_BROKEN_SIDECAR_URL: inject("brokenSidecarUrl"),
            SIDECAR_SECRET: TEST_SIDECAR_SECRET,
            LOG_LEVEL: "error",
            // Leases settle when they run out, in waitUntil, which call() waits for: off here, and
            // short (100 ms) in the tests that exercise them.
            RATE_LIMIT_LEASE_MS: "0",
            // Where mailed links point: the host test requests are sent to.
            PUBLIC_ORIGIN: "https://api.prospector.test",
          },
          ...(extra.outboundService ? { outboundService: extra.outboundService } : {}),
        },
      })),
    ],
    test: {
      name,
      include,
      exclude: extra.exclude ?? [],
      setupFiles: ["./test/workers/setup/apply-migrations.ts"],
      globalSetup: ["./test/workers/setup/global-servers.ts"],
    },
  });
  return {
    test: {
      // A JSON report is written too; .ci/run turns it into the closing summary line.
      reporters: ["default", "json"],
      outputFile: { json: "test-results/vitest.json" },
      projects: [
        workersProject("workers", ["test/workers/**/*.test.ts", "src/**/*.test.ts"], {
          exclude: ["test/workers/crawler/**", "test/workers/runs/**"],
        }),
        workersProject("crawler", ["test/workers/crawler/**/*.test.ts"], { outboundService: outbound }),
        workersProject("runs", ["test/workers/runs/**/*.test.ts"], { outboundService: outboundWithLoopback }),
        {
          test: {
            name: "node",
            environment: "node",
            include: [
              "test/node/**/*.test.ts",
              "test/fixtures/**/*.test.ts",
              "workers/smtp-sidecar/test/**/*.test.ts",
            ],
          },
        },
      ],
    },
  };
});
