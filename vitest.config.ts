/**
 * Two test projects. `workers` runs inside workerd through
 * @cloudflare/vitest-plugin with the real D1, Queue and Durable Object
 * bindings from wrangler.toml (storage isolated per test file). `node` runs
 * what needs Node: the sidecar's tests, the OpenAPI validator, the scripts.
 */
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { TEST_HS256_SECRET } from "./test/test-secrets.ts";

export default defineConfig(async () => {
  const migrations = await readD1Migrations("./migrations");
  return {
    test: {
      // Under CI a JSON report is written too; .ci/run turns it into the closing summary line.
      reporters: process.env.CI ? ["default", "json"] : ["default"],
      outputFile: { json: "test-results/vitest.json" },
      projects: [
        {
          plugins: [
            cloudflareTest(({ inject }) => ({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ENVIRONMENT: "development",
                  AUTH_MODE: "dev",
                  AUTH_HS256_SECRET: TEST_HS256_SECRET,
                  SIDECAR_URL: inject("sidecarUrl"),
                  LOG_LEVEL: "error",
                },
              },
            })),
          ],
          test: {
            name: "workers",
            include: ["test/workers/**/*.test.ts", "src/**/*.test.ts"],
            setupFiles: ["./test/workers/setup/apply-migrations.ts"],
            globalSetup: ["./test/workers/setup/global-sidecar.ts"],
          },
        },
        {
          test: {
            name: "node",
            environment: "node",
            include: ["test/node/**/*.test.ts", "workers/smtp-sidecar/test/**/*.test.ts"],
          },
        },
      ],
    },
  };
});
