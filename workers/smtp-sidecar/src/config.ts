/**
 * The sidecar's settings: one typed object, parsed and validated from the
 * environment in one place. A bad value stops startup with a message naming
 * every problem; tests build the object directly with short timeouts.
 */
import { isIP } from "node:net";
import { hostname } from "node:os";
import { parseSocksProxyUrl, type SocksProxy } from "./pool/socks-proxy-url.ts";
import { parseMailbox } from "./verify/syntax.ts";

/** Everything the sidecar can be told. Field comments name the environment variable. */
export interface SidecarConfig {
  /** PORT: HTTP port. */
  port: number;
  /** HOST: HTTP listen address. */
  host: string;
  /** SIDECAR_SECRET: HMAC key of request signatures (>= 32 characters to start). */
  secret: string;
  /** HELO_NAME: the name given in EHLO/HELO. */
  heloName: string;
  /** MAIL_FROM: the envelope sender of probes. */
  mailFrom: string;
  /** SMTP_PORT: port of the MX hosts (25; tests use a loopback port). */
  smtpPort: number;
  /** DNS_SERVERS: `host:port` resolvers; empty = the system's. */
  dnsServers: string[];
  /** DNS_TIMEOUT_MS: per-query timeout. */
  dnsTimeoutMs: number;
  /** SOURCE_IPS: local addresses outbound sessions bind to. */
  sourceIps: string[];
  /** SOCKS_PROXIES: socks5:// proxies outbound sessions may use. */
  socksProxies: SocksProxy[];
  /** MAX_CONN_PER_MX: concurrent sessions per MX host, at most (the cap of the adaptive pace). */
  maxConnPerMx: number;
  /** MAX_SESSIONS: concurrent sessions overall. */
  maxSessions: number;
  /** MX_SESSIONS_PER_SECOND: new sessions per second per MX host, at most (the cap of the adaptive pace). */
  mxSessionsPerSecond: number;
  /**
   * MX_POLITENESS: `adaptive` starts every MX host at 3 sessions and 2 a second and moves
   * between that and the caps by how the host answers; `fixed` holds every host at the caps.
   */
  mxPoliteness: "adaptive" | "fixed";
  /** MX_MEMORY_S: how long a host's learned pace (and a push-back's ceiling) is remembered. */
  mxMemoryS: number;
  /** GREYLIST_RETRY_MS: wait before retrying greylisted addresses. */
  greylistRetryMs: number;
  /** VERIFY_DEADLINE_MS: upper bound of one verify request (a request's deadline_ms is capped by it). */
  verifyDeadlineMs: number;
  /** CONNECT_TIMEOUT_MS: TCP (and SOCKS handshake) timeout. */
  connectTimeoutMs: number;
  /** COMMAND_TIMEOUT_MS: wait for one SMTP reply, the greeting included. */
  commandTimeoutMs: number;
  /** BACKOFF_BASE_MS: first back-off after a busy reply (421, too many connections); doubles, jittered. */
  backoffBaseMs: number;
  /** CATCHALL_TTL_S: how long a domain's catch-all answer is reused. */
  catchAllTtlS: number;
  /** RESULT_CACHE_TTL_S: how long a settled result is reused. */
  resultCacheTtlS: number;
  /** RESULT_CACHE_SIZE: most results kept. */
  resultCacheSize: number;
  /** STARTTLS: `opportunistic` (upgrade when offered) or `off`. */
  startTls: "opportunistic" | "off";
  /** BLOCKLIST_ROTATE_AFTER: blocklist replies within the window that make an address unhealthy. */
  blocklistRotateAfter: number;
  /** BLOCKLIST_WINDOW_S: the health window. */
  blocklistWindowS: number;
  /**
   * ALLOW_PRIVATE_TARGETS: probe MX hosts on loopback and private addresses
   * (mail worlds on loopback). Accepted only with ENVIRONMENT=development.
   */
  allowPrivateTargets: boolean;
}

/** Raised with every problem found in the environment. */
export class SidecarConfigError extends Error {
  override name = "SidecarConfigError";
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid sidecar configuration:\n  - ${problems.join("\n  - ")}`);
    this.problems = problems;
  }
}

/** Minimum secret length accepted at startup. */
export const MIN_SECRET_LENGTH = 32;

const HOST_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/;

/**
 * The machine's host name when it is a usable, fully qualified EHLO name,
 * else `localhost.localdomain`: containers and VMs often have a bare name
 * ("vm", a container id) that would also make the default MAIL_FROM invalid.
 * Production sets HELO_NAME to a name whose DNS matches the outbound IPs.
 */
export function defaultHeloName(name = hostname()): string {
  return HOST_NAME.test(name) && name.includes(".") && !name.endsWith(".") ? name : "localhost.localdomain";
}

/** Defaults for every setting; the secret is empty (no signed request verifies against it). */
export function defaultSidecarConfig(overrides: Partial<SidecarConfig> = {}): SidecarConfig {
  const heloName = overrides.heloName ?? defaultHeloName();
  return {
    port: 8025,
    host: "127.0.0.1",
    secret: "",
    heloName,
    mailFrom: `verify@${heloName}`,
    smtpPort: 25,
    dnsServers: [],
    dnsTimeoutMs: 3000,
    sourceIps: [],
    socksProxies: [],
    maxConnPerMx: 20,
    maxSessions: 50,
    mxSessionsPerSecond: 20,
    mxPoliteness: "adaptive",
    mxMemoryS: 3600,
    greylistRetryMs: 60_000,
    verifyDeadlineMs: 25_000,
    connectTimeoutMs: 5000,
    commandTimeoutMs: 10_000,
    backoffBaseMs: 1000,
    catchAllTtlS: 3600,
    resultCacheTtlS: 600,
    resultCacheSize: 10_000,
    startTls: "opportunistic",
    blocklistRotateAfter: 3,
    blocklistWindowS: 900,
    allowPrivateTargets: false,
    ...overrides,
  };
}

type Env = Record<string, string | undefined>;

const INTEGER_SETTINGS: [keyof SidecarConfig, string, number, number][] = [
  ["port", "PORT", 0, 65535],
  ["smtpPort", "SMTP_PORT", 1, 65535],
  ["dnsTimeoutMs", "DNS_TIMEOUT_MS", 1, 60_000],
  ["maxConnPerMx", "MAX_CONN_PER_MX", 1, 100],
  ["maxSessions", "MAX_SESSIONS", 1, 10_000],
  ["mxMemoryS", "MX_MEMORY_S", 60, 30 * 86_400],
  ["greylistRetryMs", "GREYLIST_RETRY_MS", 0, 3_600_000],
  ["verifyDeadlineMs", "VERIFY_DEADLINE_MS", 100, 600_000],
  ["connectTimeoutMs", "CONNECT_TIMEOUT_MS", 1, 120_000],
  ["commandTimeoutMs", "COMMAND_TIMEOUT_MS", 1, 600_000],
  ["backoffBaseMs", "BACKOFF_BASE_MS", 1, 600_000],
  ["catchAllTtlS", "CATCHALL_TTL_S", 0, 30 * 86_400],
  ["resultCacheTtlS", "RESULT_CACHE_TTL_S", 0, 30 * 86_400],
  ["resultCacheSize", "RESULT_CACHE_SIZE", 0, 10_000_000],
  ["blocklistRotateAfter", "BLOCKLIST_ROTATE_AFTER", 1, 1000],
  ["blocklistWindowS", "BLOCKLIST_WINDOW_S", 1, 30 * 86_400],
];

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function dnsServerProblem(server: string): string | null {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(server);
  const [host, port] = bracketed
    ? [bracketed[1]!, bracketed[2]]
    : isIP(server)
      ? [server, undefined]
      : [server.slice(0, server.lastIndexOf(":")), server.slice(server.lastIndexOf(":") + 1)];
  if (!isIP(host)) return `DNS_SERVERS entry ${JSON.stringify(server)} is not an IP address (host:port)`;
  if (port !== undefined && !(Number(port) >= 1 && Number(port) <= 65535)) {
    return `DNS_SERVERS entry ${JSON.stringify(server)} has a bad port`;
  }
  return null;
}

/** Reads the configuration from an environment; throws {@link SidecarConfigError} listing all problems. */
export function loadSidecarConfig(env: Env): SidecarConfig {
  const problems: string[] = [];
  const config = defaultSidecarConfig(env.HELO_NAME ? { heloName: env.HELO_NAME } : {});
  const numbers = config as unknown as Record<string, number>;
  for (const [key, name, min, max] of INTEGER_SETTINGS) {
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
    } else numbers[key] = value;
  }
  if (env.MX_SESSIONS_PER_SECOND) {
    const rate = Number(env.MX_SESSIONS_PER_SECOND);
    if (!(rate > 0 && rate <= 1000))
      problems.push("MX_SESSIONS_PER_SECOND must be a number above 0 and up to 1000");
    else config.mxSessionsPerSecond = rate;
  }
  if (env.HOST) config.host = env.HOST;
  config.secret = env.SIDECAR_SECRET ?? "";
  if (config.secret.length < MIN_SECRET_LENGTH) {
    problems.push(
      `SIDECAR_SECRET must be set to at least ${MIN_SECRET_LENGTH} characters (it signs every request)`,
    );
  }
  if (!HOST_NAME.test(config.heloName)) {
    problems.push(`HELO_NAME must be a host name, got ${JSON.stringify(config.heloName)}`);
  }
  if (env.MAIL_FROM) config.mailFrom = env.MAIL_FROM;
  if (!parseMailbox(config.mailFrom).ok)
    problems.push(`MAIL_FROM must be an address, got ${JSON.stringify(config.mailFrom)}`);
  config.dnsServers = list(env.DNS_SERVERS);
  for (const server of config.dnsServers) {
    const problem = dnsServerProblem(server);
    if (problem) problems.push(problem);
  }
  config.sourceIps = list(env.SOURCE_IPS);
  for (const ip of config.sourceIps) {
    if (!isIP(ip)) problems.push(`SOURCE_IPS entry ${JSON.stringify(ip)} is not an IP address`);
  }
  for (const url of list(env.SOCKS_PROXIES)) {
    try {
      config.socksProxies.push(parseSocksProxyUrl(url));
    } catch (err) {
      problems.push(`SOCKS_PROXIES: ${(err as Error).message}`);
    }
  }
  const allowPrivate = env.ALLOW_PRIVATE_TARGETS ?? "";
  if (!["true", "false", "1", "0", ""].includes(allowPrivate)) {
    problems.push(`ALLOW_PRIVATE_TARGETS must be true or false, got ${JSON.stringify(allowPrivate)}`);
  } else if (allowPrivate === "true" || allowPrivate === "1") {
    // Refused, not ignored (the Worker ignores it): whoever set it outside development should learn at once.
    if (env.ENVIRONMENT === "development") config.allowPrivateTargets = true;
    else {
      problems.push(
        "ALLOW_PRIVATE_TARGETS is accepted only with ENVIRONMENT=development " +
          "(it lets probes reach port 25 on loopback and private addresses); unset it",
      );
    }
  }
  const politeness = env.MX_POLITENESS ?? "adaptive";
  if (politeness === "adaptive" || politeness === "fixed") config.mxPoliteness = politeness;
  else problems.push(`MX_POLITENESS must be "adaptive" or "fixed", got ${JSON.stringify(politeness)}`);
  const startTls = env.STARTTLS ?? "opportunistic";
  if (startTls === "opportunistic" || startTls === "off") config.startTls = startTls;
  else problems.push(`STARTTLS must be "opportunistic" or "off", got ${JSON.stringify(startTls)}`);
  if (problems.length > 0) throw new SidecarConfigError(problems);
  return config;
}
