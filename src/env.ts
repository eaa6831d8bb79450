/**
 * The Worker's bindings (what wrangler.toml declares) and the per-request
 * context variables that middleware sets for handlers.
 */
import type { Config } from "./config.ts";
import type { Database } from "./db/client.ts";
import type { UserWithTenant } from "./db/identity.ts";
import type { Principal } from "./domain/identity/principal.ts";
import type { RateLimiter } from "./durable-objects/rate-limiter.ts";
import type { RunRoom } from "./durable-objects/run-room.ts";
import type { UserSockets } from "./durable-objects/user-sockets.ts";
import type { Logger } from "./lib/logger.ts";
import type { RunsQueueMessage } from "./queues/messages.ts";
import type { SidecarClient } from "./services/sidecar-client.ts";

/** Bindings and variables. Every value in `[vars]` arrives as a string. */
export interface Env {
  DB: D1Database;
  RUNS_QUEUE: Queue<RunsQueueMessage>;
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>;
  /** One RunRoom per run: live events over WebSocket, tickets, the watchdog alarm. */
  RUN_ROOM: DurableObjectNamespace<RunRoom>;
  /** One per user: their live-event sockets across runs (at most 10). */
  USER_SOCKETS: DurableObjectNamespace<UserSockets>;
  /** Browser Rendering (@cloudflare/puppeteer); without it the crawler reads static HTML only. */
  BROWSER?: Fetcher;
  /** Optional service binding to the SMTP sidecar (Workers VPC / tunnel). */
  SIDECAR?: Fetcher;
  ENVIRONMENT?: string;
  AUTH_MODE?: string;
  AUTH_HS256_SECRET?: string;
  SIDECAR_URL?: string;
  SIDECAR_SECRET?: string;
  VERIFY_CACHE_TTL_DAYS?: string;
  SIDECAR_ACCESS_CLIENT_ID?: string;
  SIDECAR_ACCESS_CLIENT_SECRET?: string;
  BODY_LIMIT_BYTES?: string;
  RATE_LIMIT_PER_MINUTE?: string;
  RATE_LIMIT_001_PER_15_MIN?: string;
  RATE_LIMIT_LEASE_MS?: string;
  SESSION_TTL_HOURS?: string;
  /** `kid:secret[,kid:secret]`: the keys of the JSON doors' access tokens (the first signs). */
  AUTH_TOKEN_KEYS?: string;
  AUTH_TOKEN_TTL_MINUTES?: string;
  TRIAL_DAYS?: string;
  LOG_LEVEL?: string;
  ALLOW_PRIVATE_TARGETS?: string;
  CRAWLER_USER_AGENT?: string;
  DOH_URL?: string;
  CRAWL_MAX_PAGES?: string;
  CRAWL_DOMAIN_BUDGET_MS?: string;
  CRAWL_RENDER_BUDGET?: string;
  /** Development only (with ALLOW_PRIVATE_TARGETS): `*.test=http://127.0.0.1:8790` sends crawl fetches there. */
  CRAWL_ORIGIN_OVERRIDE?: string;
  CRAWL_CONNECT_CHECKED_ADDRESS?: string;
  /** "false" turns off RDAP registration dates in company enrichment. */
  ENRICH_RDAP?: string;
  /** "false" turns off Wayback Machine first captures in company enrichment. */
  ENRICH_WAYBACK?: string;
  ENRICH_TIMEOUT_MS?: string;
  /** Machine ingestion: `Authorization: Bearer <this>` on POST /ingest (>= 32 characters; a secret). */
  INGEST_HTTP_TOKEN?: string;
  /** The tenant that POST /ingest with INGEST_HTTP_TOKEN writes into (it must exist). */
  INGEST_TENANT_ID?: string;
  REGISTRATION_ENABLED?: string;
  REGISTRATION_MODE?: string;
  MAIL_PROVIDER?: string;
  MAIL_FROM?: string;
  MAIL_API_KEY?: string;
  MAIL_API_URL?: string;
  /** The site's public origin (`https://host`), where mailed links point; required outside development. */
  PUBLIC_ORIGIN?: string;
}

/** Values middleware puts on the Hono context for the rest of the request. */
export interface Variables {
  requestId: string;
  config: Config;
  db: Database;
  log: Logger;
  /** The SMTP sidecar's client (signed calls, retries, circuit breaker). */
  sidecar: SidecarClient;
  /** Set by the auth middleware; absent on public routes. */
  principal?: Principal;
  /** The signed-in person's user and tenant rows, when authentication read them (access tokens, cookies). */
  account?: UserWithTenant;
}

/** The Hono generic shared by every app, route group and middleware. */
export interface AppEnv {
  Bindings: Env;
  Variables: Variables;
}
