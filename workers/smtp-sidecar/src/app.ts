/**
 * Builds the sidecar's HTTP app: request ids and logs, the 256 KB body
 * limit, `/health` unsigned, every other route behind the signature check,
 * and one error handler that gives every error the body
 * `{"error": {"code", "message"}}`.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { defaultSidecarConfig, type SidecarConfig } from "./config.ts";
import { SidecarError } from "./errors.ts";
import { jsonLineLog, type SidecarLog } from "./log.ts";
import { SidecarMetrics } from "./metrics.ts";
import { requestLog } from "./middleware/request-log.ts";
import { signedRequests } from "./middleware/signed-requests.ts";
import { SourcePool } from "./pool/source-pool.ts";
import { ipRotationRoutes } from "./routes/ip-rotation.ts";
import { healthRoutes, metricsRoutes } from "./routes/ops.ts";
import { verifyRoutes } from "./routes/verify.ts";
import type { MailDns } from "./verify/mail-route.ts";
import { MailboxVerifier } from "./verify/verifier.ts";

export { SIDECAR_VERSION } from "./routes/ops.ts";

/** Largest accepted request body. */
export const MAX_BODY_BYTES = 256 * 1024;

/** What an app is built from; everything has a default. */
export interface SidecarOptions {
  /** Settings; without them the defaults with an empty secret (every signed route answers 401). */
  config?: SidecarConfig;
  /** Milliseconds since the epoch; signatures, caches, deadlines and health windows read it. */
  clock?: () => number;
  startedAt?: number;
  log?: SidecarLog;
  /** DNS used instead of a Resolver on `config.dnsServers`. */
  dns?: MailDns;
}

/** Builds the sidecar app. */
export function createSidecarApp(options: SidecarOptions = {}) {
  const config = options.config ?? defaultSidecarConfig();
  const clock = options.clock ?? Date.now;
  const log = options.log ?? jsonLineLog();
  const metrics = new SidecarMetrics();
  const pool = new SourcePool(config, clock, log);
  const verifier = new MailboxVerifier({
    config,
    pool,
    metrics,
    log,
    clock,
    ...(options.dns ? { dns: options.dns } : {}),
  });
  metrics.addGauge({
    name: "smtp_sidecar_source_healthy",
    help: "1 when the outbound source address is healthy, else 0.",
    read: () =>
      pool.routes.map((r) => ({ labels: { source: r.id }, value: pool.health(r.id).healthy ? 1 : 0 })),
  });
  metrics.addGauge({
    name: "smtp_sidecar_source_current",
    help: "1 for the outbound source address in use.",
    read: () =>
      pool.routes.map((r) => ({ labels: { source: r.id }, value: r.id === pool.current.id ? 1 : 0 })),
  });

  const app = new Hono();
  app.use(requestId());
  app.use(requestLog(log, metrics));
  app.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new SidecarError("payload_too_large", `request body larger than ${MAX_BODY_BYTES} bytes`);
      },
    }),
  );
  app.route("/", healthRoutes(options.startedAt ?? clock(), clock));
  const signed = signedRequests({ secret: config.secret, clock });
  app.use("/v1/*", signed);
  app.use("/metrics", signed);
  app.route("/", metricsRoutes(metrics));
  app.route("/", verifyRoutes(verifier));
  app.route("/", ipRotationRoutes(pool));
  app.notFound(() => {
    throw new SidecarError("not_found", "no such route");
  });
  app.onError((err, c) => {
    if (err instanceof SidecarError) return c.json(err.body(), err.status);
    log("error", "unhandled error", {
      path: c.req.path,
      error: err instanceof Error ? err.message : String(err),
    });
    return c.json(new SidecarError("internal_error", "internal error").body(), 500);
  });
  return app;
}
