/**
 * Starts the sidecar: `node src/main.ts` (Node >= 22.18 strips the types).
 * Settings come from the environment (see config.ts and the README); a
 * missing or short SIDECAR_SECRET, or any bad value, stops it with a message.
 */
import { serve } from "@hono/node-server";
import { createSidecarApp } from "./app.ts";
import { loadSidecarConfig, type SidecarConfig, SidecarConfigError } from "./config.ts";
import { jsonLineLog } from "./log.ts";

let config: SidecarConfig;
try {
  config = loadSidecarConfig(process.env);
} catch (err) {
  if (!(err instanceof SidecarConfigError)) throw err;
  console.error(`smtp-sidecar: ${err.message}`);
  process.exit(1);
}

const log = jsonLineLog();
const server = serve(
  { fetch: createSidecarApp({ config, log }).fetch, port: config.port, hostname: config.host },
  (info) => {
    log("info", "smtp-sidecar listening", {
      host: config.host,
      port: info.port,
      smtp_port: config.smtpPort,
      outbound: config.sourceIps.length + config.socksProxies.length || "default",
      starttls: config.startTls,
    });
  },
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
