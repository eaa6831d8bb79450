/** Starts the sidecar: `node src/main.ts` (Node >= 22.18 strips the types). Settings come from the environment. */
import { serve } from "@hono/node-server";
import { createSidecarApp } from "./app.ts";

const port = Number(process.env.PORT ?? 8025);
const hostname = process.env.HOST ?? "127.0.0.1";

const server = serve({ fetch: createSidecarApp().fetch, port, hostname }, (info) => {
  console.log(
    JSON.stringify({ level: "info", msg: "smtp-sidecar listening", host: hostname, port: info.port }),
  );
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
