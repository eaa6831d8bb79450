/**
 * Every setting the Worker reads, with its local default. `npm start` takes
 * each from the process environment when set, else the local default, and
 * hands them to `wrangler dev` through a private env file (so secret values
 * are never printed in wrangler's binding table).
 */

export interface Setting {
  name: string;
  /** Value used by `npm start` when the environment does not set it. */
  localDefault?: string | ((env: NodeJS.ProcessEnv) => string);
  secret?: boolean;
}

export const workerSettings: Setting[] = [
  { name: "ENVIRONMENT", localDefault: "development" },
  { name: "AUTH_MODE", localDefault: "dev" },
  { name: "AUTH_HS256_SECRET", secret: true },
  { name: "SIDECAR_URL", localDefault: (env) => `http://127.0.0.1:${env.SIDECAR_PORT ?? "8025"}` },
  { name: "SIDECAR_SECRET", secret: true },
  { name: "SIDECAR_ACCESS_CLIENT_ID" },
  { name: "SIDECAR_ACCESS_CLIENT_SECRET", secret: true },
  { name: "VERIFY_CACHE_TTL_DAYS" },
  { name: "BODY_LIMIT_BYTES" },
  { name: "RATE_LIMIT_PER_MINUTE" },
  { name: "RATE_LIMIT_001_PER_15_MIN" },
  { name: "RATE_LIMIT_LEASE_MS" },
  { name: "SESSION_TTL_HOURS" },
  { name: "AUTH_TOKEN_KEYS", secret: true },
  { name: "AUTH_TOKEN_TTL_MINUTES" },
  { name: "TRIAL_DAYS" },
  { name: "LOG_LEVEL" },
  { name: "ALLOW_PRIVATE_TARGETS" },
  { name: "CRAWLER_USER_AGENT" },
  { name: "DOH_URL" },
  { name: "CRAWL_MAX_PAGES" },
  { name: "CRAWL_DOMAIN_BUDGET_MS" },
  { name: "CRAWL_RENDER_BUDGET" },
  { name: "CRAWL_ORIGIN_OVERRIDE" },
  { name: "CRAWL_CONNECT_CHECKED_ADDRESS" },
  { name: "ENRICH_RDAP" },
  { name: "ENRICH_WAYBACK" },
  { name: "ENRICH_TIMEOUT_MS" },
  { name: "INGEST_HTTP_TOKEN", secret: true },
  { name: "INGEST_TENANT_ID" },
  { name: "DEBUG_ROUTES" },
  { name: "REGISTRATION_ENABLED" },
  { name: "REGISTRATION_MODE" },
  { name: "MAIL_PROVIDER" },
  { name: "MAIL_FROM" },
  { name: "MAIL_API_KEY", secret: true },
  { name: "MAIL_API_URL" },
  // Mailed links point here: where wrangler dev listens (start.ts passes PORT on).
  { name: "PUBLIC_ORIGIN", localDefault: (env) => `http://127.0.0.1:${env.PORT ?? "8787"}` },
];

/** The Worker's variables for a local run: environment first, then local defaults. */
export function resolveWorkerVars(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of workerSettings) {
    const fromEnv = env[s.name];
    const value = fromEnv ?? (typeof s.localDefault === "function" ? s.localDefault(env) : s.localDefault);
    if (value !== undefined) out[s.name] = value;
  }
  return out;
}

/** dotenv text for wrangler's --env-file (values JSON-quoted, so any character is safe). */
export function toEnvFile(vars: Record<string, string>): string {
  return `${Object.entries(vars)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join("\n")}\n`;
}
