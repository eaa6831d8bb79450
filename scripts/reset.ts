/** `npm run reset`: wipes all local state (D1, Durable Objects, queues, caches) under .wrangler/. */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { root } from "./toolchain.ts";

const stateDir = process.env.PROSPECTOR_STATE_DIR ?? join(root, ".wrangler");
for (const path of ["state", "dev.env", "sidecar-secret", "tmp"]) {
  rmSync(join(stateDir, path), { recursive: true, force: true });
}
console.log("Local state wiped (.wrangler/state). The next `npm start` applies the migrations again.");
