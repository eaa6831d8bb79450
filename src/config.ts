/**
 * Typed settings, parsed once per isolate from the Worker's string variables.
 * A bad value is a deployment error: it fails every request with a 500 whose
 * detail stays in the log, never in the response.
 */
import { z } from "zod";
import { externalIdPattern } from "./domain/identity/principal.ts";
import type { Env } from "./env.ts";

const boolish = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** A switch that is on unless set to "false" or "0". */
const onUnlessFalse = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v !== "false" && v !== "0");

const intInRange = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).optional().default(fallback);

const configSchema = z.object({
  ENVIRONMENT: z.enum(["development", "staging", "production"]).default("production"),
  AUTH_MODE: z.enum(["dev", "hs256", "session"]).default("session"),
  AUTH_HS256_SECRET: z.string().optional(),
  SIDECAR_URL: z
    .string()
    .optional()
    .transform((v) => (v ? v.replace(/\/+$/, "") : undefined))
    .pipe(z.url({ protocol: /^https?$/ }).optional()),
  SIDECAR_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  VERIFY_CACHE_TTL_DAYS: intInRange(30, 1, 365),
  SIDECAR_ACCESS_CLIENT_ID: z.string().optional(),
  SIDECAR_ACCESS_CLIENT_SECRET: z.string().optional(),
  BODY_LIMIT_BYTES: intInRange(5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  RATE_LIMIT_PER_MINUTE: intInRange(600, 1, 10_000_000),
  /** Door 001 (seed 001): requests per 15 minutes per user or API key. */
  RATE_LIMIT_001_PER_15_MIN: intInRange(1000, 1, 10_000_000),
  RATE_LIMIT_LEASE_MS: intInRange(2_000, 0, 10_000),
  SESSION_TTL_HOURS: intInRange(168, 1, 24 * 90),
  /**
   * Keys that sign the JSON doors' access tokens: `kid:secret[,kid:secret...]`. The first signs,
   * every one verifies (rotate by putting a new key first and dropping the old one a token lifetime later).
   */
  AUTH_TOKEN_KEYS: z.string().optional(),
  /** How long an access token of a JSON door lives, in minutes (5 to 1440). */
  AUTH_TOKEN_TTL_MINUTES: intInRange(60, 5, 24 * 60),
  /** How long a new tenant's trial (on the starter plan) lasts, in days (0 to 365); then the free plan. */
  TRIAL_DAYS: intInRange(14, 0, 365),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  ALLOW_PRIVATE_TARGETS: boolish,
  CRAWLER_USER_AGENT: z.string().min(1).max(200).default("ProspectorBot"),
  DOH_URL: z.url({ protocol: /^https?$/ }).default("https://cloudflare-dns.com/dns-query"),
  CRAWL_MAX_PAGES: intInRange(25, 1, 100),
  CRAWL_DOMAIN_BUDGET_MS: intInRange(90_000, 5_000, 600_000),
  CRAWL_RENDER_BUDGET: intInRange(3, 0, 20),
  CRAWL_ORIGIN_OVERRIDE: z.string().optional(),
  /** Self-hosted runtimes: connect to the address the SSRF guard checked, not the name (DNS rebinding). */
  CRAWL_CONNECT_CHECKED_ADDRESS: boolish,
  /** Company enrichment: RDAP registration dates and Wayback first captures (each on unless "false"). */
  ENRICH_RDAP: onUnlessFalse,
  ENRICH_WAYBACK: onUnlessFalse,
  ENRICH_TIMEOUT_MS: intInRange(5_000, 500, 30_000),
  DEBUG_ROUTES: boolish,
  INGEST_HTTP_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  INGEST_TENANT_ID: z.string().regex(externalIdPattern, "must be 1-128 letters, digits or ._:@-").optional(),
  /** Self-service sign-up at /auth/register (new accounts still wait for an administrator's approval). */
  REGISTRATION_ENABLED: boolish,
  /**
   * Sign-up for every door: `open` (an account is active once its address is confirmed), `approval`
   * (it then waits for an administrator), `closed`. Unset: `approval` with REGISTRATION_ENABLED=true, else `closed`.
   */
  REGISTRATION_MODE: z.enum(["open", "approval", "closed"]).optional(),
  /** Outgoing mail: `resend` (its HTTP API), `outbox` (development only: /dev/outbox), `none`. Default: outbox in development, else none. */
  MAIL_PROVIDER: z.enum(["resend", "outbox", "none"]).optional(),
  MAIL_FROM: z.string().min(3).max(200).default("Prospector <no-reply@prospector.invalid>"),
  MAIL_API_KEY: z.string().min(8).optional(),
  MAIL_API_URL: z.url({ protocol: /^https$/ }).default("https://api.resend.com/emails"),
  /** Where mailed links point (`https://host[:port]`); required outside development. */
  PUBLIC_ORIGIN: z.string().optional(),
});

/** One access-token signing key: its id (the token header's `kid`) and its secret. */
export interface TokenKey {
  kid: string;
  secret: string;
}

/**
 * The signing key when ENVIRONMENT=development leaves AUTH_TOKEN_KEYS unset. Public, so only ever
 * used in development: outside it, without AUTH_TOKEN_KEYS the JSON doors' sign-in answers 503.
 */
export const DEVELOPMENT_TOKEN_KEY: TokenKey = {
  kid: "development",
  secret: "prospector-development-only-token-key-not-a-secret",
};

/** Parses AUTH_TOKEN_KEYS (`kid:secret,kid:secret`): ids 1-32 of [A-Za-z0-9_-], secrets >= 32 characters, ids unique. */
export function parseTokenKeys(text: string | undefined, isDevelopment: boolean): TokenKey[] {
  if (text === undefined) return isDevelopment ? [DEVELOPMENT_TOKEN_KEY] : [];
  const keys: TokenKey[] = [];
  for (const entry of text.split(",")) {
    const at = entry.indexOf(":");
    const kid = entry.slice(0, at).trim();
    const secret = entry.slice(at + 1).trim();
    // The entry itself is never echoed: it holds a secret.
    if (at <= 0 || !/^[A-Za-z0-9_-]{1,32}$/.test(kid)) {
      throw new ConfigError(
        `AUTH_TOKEN_KEYS: entry ${keys.length + 1} is not kid:secret (kid 1-32 of A-Z a-z 0-9 _ -)`,
      );
    }
    if (secret.length < 32)
      throw new ConfigError(`AUTH_TOKEN_KEYS: the secret of ${kid} is under 32 characters`);
    if (keys.some((k) => k.kid === kid)) throw new ConfigError(`AUTH_TOKEN_KEYS: kid ${kid} appears twice`);
    keys.push({ kid, secret });
  }
  return keys;
}

/** PUBLIC_ORIGIN when ENVIRONMENT=development leaves it unset: where `npm start` serves by default. */
export const DEVELOPMENT_PUBLIC_ORIGIN = "http://127.0.0.1:8787";

/** The names of every setting the Worker reads (npm start's settings list must cover them all). */
export const configKeys = Object.keys(configSchema.shape);

/**
 * One CRAWL_ORIGIN_OVERRIDE rule: crawler fetches for matching hosts go to
 * `origin` instead (the host travels in X-Forwarded-Host, since the Workers
 * runtime sets Host from the URL). For sample sites on loopback in local
 * development, where the system resolver cannot know names like acme.test.
 */
export interface OriginOverride {
  /** `*.test` (the name and everything under it) or one exact host name. */
  hosts: string;
  /** `http(s)://host:port`, no path. */
  origin: string;
}

/** Parses `*.test=http://127.0.0.1:8790,shop.example=http://127.0.0.1:8791`; throws on a bad rule. */
export function parseOriginOverrides(text: string): OriginOverride[] {
  const rules: OriginOverride[] = [];
  for (const entry of text.split(",").map((e) => e.trim())) {
    if (!entry) continue;
    const at = entry.indexOf("=");
    const hosts = entry.slice(0, at).trim().toLowerCase();
    const origin = entry.slice(at + 1).trim();
    const parsed = at > 0 && URL.canParse(origin) ? new URL(origin) : null;
    if (
      !/^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(hosts) ||
      !parsed ||
      !/^https?:$/.test(parsed.protocol) ||
      parsed.pathname !== "/" ||
      parsed.search ||
      parsed.username
    ) {
      throw new ConfigError(
        `CRAWL_ORIGIN_OVERRIDE: ${JSON.stringify(entry)} is not <host or *.suffix>=<http(s)://host:port>`,
      );
    }
    rules.push({ hosts, origin: parsed.origin });
  }
  return rules;
}

/**
 * Parses PUBLIC_ORIGIN: an origin only (no path, query, fragment or user),
 * https (http too in development, for loopback). Mailed links are built on
 * it, never on the request's Host, which whoever sends the request chooses.
 */
export function parsePublicOrigin(text: string | undefined, isDevelopment: boolean): string {
  if (text === undefined) {
    if (isDevelopment) return DEVELOPMENT_PUBLIC_ORIGIN;
    throw new ConfigError("PUBLIC_ORIGIN is required outside development (the https origin of mailed links)");
  }
  const parsed = URL.canParse(text) ? new URL(text) : null;
  const schemeOk = parsed?.protocol === "https:" || (isDevelopment && parsed?.protocol === "http:");
  if (
    !parsed ||
    !schemeOk ||
    parsed.pathname !== "/" ||
    parsed.search ||
    parsed.hash ||
    parsed.username ||
    parsed.password ||
    /[?#]/.test(text)
  ) {
    throw new ConfigError(
      `PUBLIC_ORIGIN: ${JSON.stringify(text)} is not an origin like https://prospector.example.com (no path)`,
    );
  }
  return parsed.origin;
}

/** The parsed settings handed to middleware and handlers as `c.var.config`. */
export type Config = z.infer<typeof configSchema> & {
  /** True when dev-only conveniences (AUTH_MODE=dev, ...) may be honoured. */
  isDevelopment: boolean;
  /** ALLOW_PRIVATE_TARGETS, honoured only in development. */
  allowPrivateTargets: boolean;
  /** CRAWL_ORIGIN_OVERRIDE, honoured only with allowPrivateTargets; else empty. */
  crawlOriginOverrides: OriginOverride[];
  /** PUBLIC_ORIGIN, normalised (`https://host`, no trailing slash): the site's address in mailed links. */
  publicOrigin: string;
  /** AUTH_TOKEN_KEYS parsed; the first signs. Empty: the JSON doors issue and accept no access tokens. */
  tokenKeys: TokenKey[];
  /** REGISTRATION_MODE, or what REGISTRATION_ENABLED meant before it (`approval` / `closed`). */
  registrationMode: "open" | "approval" | "closed";
};

/** Raised when the deployment's variables are invalid. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

const cache = new WeakMap<object, Config>();

/** Parses and memoises the settings for one `env` object (one per isolate). */
export function loadConfig(env: Env): Config {
  const cached = cache.get(env);
  if (cached) return cached;
  const raw = Object.fromEntries(
    Object.entries(env).filter(([, value]) => typeof value === "string" && value !== ""),
  );
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  const allowPrivateTargets = parsed.data.ENVIRONMENT === "development" && parsed.data.ALLOW_PRIVATE_TARGETS;
  // Parsed everywhere (a typo is a deployment error), honoured only where private targets are.
  const overrides = parseOriginOverrides(parsed.data.CRAWL_ORIGIN_OVERRIDE ?? "");
  const config: Config = {
    ...parsed.data,
    isDevelopment: parsed.data.ENVIRONMENT === "development",
    allowPrivateTargets,
    crawlOriginOverrides: allowPrivateTargets ? overrides : [],
    publicOrigin: parsePublicOrigin(parsed.data.PUBLIC_ORIGIN, parsed.data.ENVIRONMENT === "development"),
    registrationMode:
      parsed.data.REGISTRATION_MODE ?? (parsed.data.REGISTRATION_ENABLED ? "approval" : "closed"),
    tokenKeys: parseTokenKeys(parsed.data.AUTH_TOKEN_KEYS, parsed.data.ENVIRONMENT === "development"),
  };
  if (config.CRAWL_CONNECT_CHECKED_ADDRESS && allowPrivateTargets) {
    // With private targets allowed the guard resolves nothing, so there is no checked address to connect to.
    throw new ConfigError("CRAWL_CONNECT_CHECKED_ADDRESS cannot be combined with ALLOW_PRIVATE_TARGETS");
  }
  if (config.AUTH_MODE === "hs256" && (config.AUTH_HS256_SECRET?.length ?? 0) < 32) {
    throw new ConfigError("AUTH_MODE=hs256 needs AUTH_HS256_SECRET of at least 32 characters");
  }
  config.MAIL_PROVIDER ??= config.isDevelopment ? "outbox" : "none";
  if (config.MAIL_PROVIDER === "outbox" && !config.isDevelopment) {
    throw new ConfigError("MAIL_PROVIDER=outbox is for ENVIRONMENT=development only");
  }
  if (config.MAIL_PROVIDER === "resend" && !config.MAIL_API_KEY) {
    throw new ConfigError("MAIL_PROVIDER=resend needs MAIL_API_KEY");
  }
  if (config.INGEST_HTTP_TOKEN && !config.INGEST_TENANT_ID) {
    throw new ConfigError("INGEST_HTTP_TOKEN needs INGEST_TENANT_ID (the tenant its uploads go to)");
  }
  cache.set(env, config);
  return config;
}
