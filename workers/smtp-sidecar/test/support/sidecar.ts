/**
 * Test helpers for the sidecar: a config pointed at a mail world with short
 * timeouts, signed requests against an app, and a verify shortcut.
 */
import { createSidecarApp, type SidecarOptions } from "../../src/app.ts";
import { defaultSidecarConfig, type SidecarConfig } from "../../src/config.ts";
import { silentLog } from "../../src/log.ts";
import { SIDECAR_SIGNATURE_HEADER, signSidecarRequest } from "../../src/signature.ts";
import type { MailboxVerdict } from "../../src/verify/verdict.ts";
import type { MailWorld } from "./mail-world.ts";

/** The secret of every test app. */
export const TEST_SECRET = "test-secret-0123456789abcdef0123456789abcdef";

/**
 * A config for `world` with test-sized timeouts; `overrides` win. The mail
 * world lives on loopback, so the MX target guard is lifted
 * (`allowPrivateTargets`); the guard's own tests turn it back on. Hosts are
 * held at fixed limits (3 sessions, 1000 a second) so that pacing stays out
 * of protocol tests; the politeness tests set `mxPoliteness: "adaptive"`.
 */
export function testConfig(world: MailWorld | null, overrides: Partial<SidecarConfig> = {}): SidecarConfig {
  return defaultSidecarConfig({
    allowPrivateTargets: true,
    secret: TEST_SECRET,
    heloName: "verifier.prospector.test",
    mailFrom: "probe@verifier.prospector.test",
    ...(world ? { smtpPort: world.smtpPort, dnsServers: [world.dnsServer] } : {}),
    dnsTimeoutMs: 500,
    connectTimeoutMs: 1000,
    commandTimeoutMs: 2000,
    greylistRetryMs: 200,
    verifyDeadlineMs: 8000,
    backoffBaseMs: 50,
    mxPoliteness: "fixed",
    maxConnPerMx: 3,
    mxSessionsPerSecond: 1000,
    ...overrides,
  });
}

/** A test app: the config above, silent logs unless given. */
export function testApp(config: SidecarConfig, options: Omit<SidecarOptions, "config"> = {}) {
  return createSidecarApp({ log: silentLog, ...options, config });
}

type App = ReturnType<typeof createSidecarApp>;

/** Sends a correctly signed request (body JSON-encoded when an object). */
export async function signed(
  app: App,
  method: "GET" | "POST",
  path: string,
  body?: unknown,
  nowSeconds = Date.now() / 1000,
): Promise<Response> {
  const text = body === undefined ? "" : typeof body === "string" ? body : JSON.stringify(body);
  const signature = await signSidecarRequest(TEST_SECRET, { method, target: path, body: text }, nowSeconds);
  return app.request(path, {
    method,
    headers: { [SIDECAR_SIGNATURE_HEADER]: signature, "content-type": "application/json" },
    ...(method === "POST" ? { body: text } : {}),
  });
}

/** POST /v1/verify and return the results (fails the test unless 200). */
export async function verify(
  app: App,
  emails: string[],
  deadlineMs?: number,
  options: { fresh?: boolean } = {},
): Promise<MailboxVerdict[]> {
  const res = await signed(app, "POST", "/v1/verify", {
    emails,
    ...(deadlineMs ? { deadline_ms: deadlineMs } : {}),
    ...(options.fresh ? { fresh: true } : {}),
  });
  if (res.status !== 200) throw new Error(`verify answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { results: MailboxVerdict[] }).results;
}

/** The verdicts by email, for compact assertions. */
export function byEmail(results: MailboxVerdict[]): Record<string, MailboxVerdict> {
  return Object.fromEntries(results.map((r) => [r.email, r]));
}
