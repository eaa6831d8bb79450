/** Types for `cloudflare:test`'s env: the Worker's bindings plus the test-only ones. */
import type { Env as WorkerEnv } from "../../src/env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
      /** A real sidecar whose SMTP route is broken (test/workers/setup/global-servers.ts). */
      TEST_BROKEN_SIDECAR_URL: string;
    }
  }
}
